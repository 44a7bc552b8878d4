/** `scrubjay serve`: the web service, until the process is stopped. */
import { assistantOptionsFromEnv } from '../../assistant/index.js';
import { resolveDataDir, resolveRulesDir } from '../../config/paths.js';
import { ScrubjayError } from '../../errors.js';
import { isLogLevel, startServer, type ServerOptions } from '../../server/server.js';
import { storeOptionsFromEnv } from '../../store/index.js';
import type { CliIo } from '../io.js';

/** Settings an operator tunes per deployment, so they come from the environment rather than flags. */
function tuningFromEnv(env: NodeJS.ProcessEnv): Pick<ServerOptions, 'logLevel' | 'rateLimitPerMinute' | 'store' | 'assistant'> {
  const tuning: Pick<ServerOptions, 'logLevel' | 'rateLimitPerMinute' | 'store' | 'assistant'> = {
    store: storeOptionsFromEnv(env),
    assistant: assistantOptionsFromEnv(env),
  };
  const level = env.SCRUBJAY_LOG_LEVEL;
  if (level !== undefined && level !== '') {
    if (!isLogLevel(level)) throw new ScrubjayError('SJ_ARGUMENT_INVALID', `SCRUBJAY_LOG_LEVEL "${level}" is not a log level`);
    tuning.logLevel = level;
  }
  const limit = env.SCRUBJAY_RATE_LIMIT;
  if (limit !== undefined && limit !== '') {
    if (!/^\d+$/.test(limit)) throw new ScrubjayError('SJ_ARGUMENT_INVALID', `SCRUBJAY_RATE_LIMIT "${limit}" is not a whole number of requests a minute`);
    tuning.rateLimitPerMinute = Number(limit);
  }
  return tuning;
}

export async function runServe(opts: { port: number; host: string; rules?: string; data?: string }, io: CliIo): Promise<number> {
  const dataDir = resolveDataDir(opts.data, (message) => io.err(`scrubjay: ${message}`));
  const server = await startServer({
    port: opts.port,
    host: opts.host,
    rulesDir: resolveRulesDir(opts.rules),
    dataDir,
    ...tuningFromEnv(process.env),
  });
  for (const warning of server.store.warnings) io.err(`scrubjay: ${warning.message}`);
  if (!isLoopback(opts.host)) {
    io.err(`scrubjay: listening on ${opts.host}: the page has no login, and claims hold protected health information; put it behind a proxy that authenticates users`);
  }
  io.out(`Scrubjay is serving ${server.ruleCount} rules at ${server.url} (data folder ${dataDir}; stop with Ctrl+C)`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      void server.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

/** Whether only this machine can reach the address. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
