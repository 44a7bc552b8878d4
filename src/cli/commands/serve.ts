/** `scrubjay serve`: the web service, until the process is stopped. */
import { resolveDataDir, resolveRulesDir } from '../../config/paths.js';
import { startServer } from '../../server/server.js';
import type { CliIo } from '../io.js';

export async function runServe(opts: { port: number; host: string; rules?: string; data?: string }, io: CliIo): Promise<number> {
  const server = await startServer({ port: opts.port, host: opts.host, rulesDir: resolveRulesDir(opts.rules), dataDir: resolveDataDir(opts.data) });
  io.out(`Scrubjay is serving ${server.ruleCount} rules at ${server.url}`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      void server.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
