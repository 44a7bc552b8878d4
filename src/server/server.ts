/** Starts the HTTP service on a port and stops it cleanly. */
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { loadPreparedRuleSet } from '../engine/load-prepared.js';
import { createApp } from './app.js';
import { openReferenceData } from '../reference/index.js';

export interface ServerOptions {
  port: number;
  host: string;
  rulesDir: string;
  dataDir: string;
}

export interface RunningServer {
  url: string;
  port: number;
  ruleCount: number;
  http: Server;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const prepared = loadPreparedRuleSet(options.rulesDir);
  const app = createApp({ current: () => prepared, reference: openReferenceData(options.dataDir) });
  const http = createServer(app);
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}/`,
    port,
    ruleCount: prepared.ruleSet.rules.length,
    http,
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}
