/** `scrubjay serve`: the web service, until the process is stopped. */
import { resolveDataDir, resolveRulesDir } from '../../config/paths.js';
import { ScrubjayError } from '../../errors.js';
import { isLogLevel, startServer, type ServerOptions } from '../../server/server.js';
import type { CliIo } from '../io.js';

/** Settings an operator tunes per deployment, so they come from the environment rather than flags. */
function tuningFromEnv(env: NodeJS.ProcessEnv): Pick<ServerOptions, 'logLevel' | 'rateLimitPerMinute'> {
  const tuning: Pick<ServerOptions, 'logLevel' | 'rateLimitPerMinute'> = {};
  const level = env.SCRUBJAY_LOG_LEVEL;
  if (level !== undefined && level !== '') {
    if (!isLogLevel(level)) throw new ScrubjayError('ARGUMENT_INVALID', `SCRUBJAY_LOG_LEVEL "${level}" is not a log level`);
    tuning.logLevel = level;
  }
  const limit = env.SCRUBJAY_RATE_LIMIT;
  if (limit !== undefined && limit !== '') {
    if (!/^\d+$/.test(limit)) throw new ScrubjayError('ARGUMENT_INVALID', `SCRUBJAY_RATE_LIMIT "${limit}" is not a whole number of requests a minute`);
    tuning.rateLimitPerMinute = Number(limit);
  }
  return tuning;
}

export async function runServe(opts: { port: number; host: string; rules?: string; data?: string }, io: CliIo): Promise<number> {
  const server = await startServer({
    port: opts.port,
    host: opts.host,
    rulesDir: resolveRulesDir(opts.rules),
    dataDir: resolveDataDir(opts.data),
    ...tuningFromEnv(process.env),
  });
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
