/** Starts the HTTP service on a port and stops it cleanly. */
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { pino, type DestinationStream, type LevelWithSilent } from 'pino';
import { loadPreparedRuleSet } from '../engine/load-prepared.js';
import { ScrubjayError } from '../errors.js';
import { createApp, DEFAULT_RATE_LIMIT_PER_MINUTE } from './app.js';
import { openReferenceData } from '../reference/index.js';

export interface ServerOptions {
  port: number;
  host: string;
  rulesDir: string;
  dataDir: string;
  /** requests to `/api/*` one client address may make in a minute; default 600 */
  rateLimitPerMinute?: number;
  /** default `info` */
  logLevel?: LevelWithSilent;
  /** where log lines go; default standard output */
  logDestination?: DestinationStream;
}

export interface RunningServer {
  url: string;
  port: number;
  ruleCount: number;
  http: Server;
  close(): Promise<void>;
}

const LOG_LEVELS: readonly string[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function isLogLevel(value: string): value is LevelWithSilent {
  return LOG_LEVELS.includes(value);
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const rateLimitPerMinute = options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE;
  if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 1) {
    throw new ScrubjayError('ARGUMENT_INVALID', `the rate limit must be a whole number of requests a minute, at least 1 (got ${rateLimitPerMinute})`);
  }
  const level = options.logLevel ?? 'info';
  // checked here as well because the level may come from an environment variable, untyped
  if (!isLogLevel(level)) {
    throw new ScrubjayError('ARGUMENT_INVALID', `unknown log level "${String(level)}"; use one of ${LOG_LEVELS.join(', ')}`);
  }
  const logger = pino({ name: 'scrubjay', level }, options.logDestination);
  const prepared = loadPreparedRuleSet(options.rulesDir);
  const app = createApp({ current: () => prepared, reference: openReferenceData(options.dataDir) }, { logger, rateLimitPerMinute });
  const http = createServer(app);
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  logger.info({ port, host: options.host, rules: prepared.ruleSet.rules.length, rateLimitPerMinute }, 'listening');
  return {
    url: `http://${options.host}:${port}/`,
    port,
    ruleCount: prepared.ruleSet.rules.length,
    http,
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}
