/** `scrubjay serve`: the web service, until the process is stopped. */
import { assistantOptionsFromEnv } from '../../assistant/index.js';
import { resolveDataDir, resolveRulesDir } from '../../config/paths.js';
import { ScrubjayError } from '../../errors.js';
import { isLogLevel, startServer, type ServerOptions } from '../../server/server.js';
import { ssoSettingsFromEnv } from '../../server/sso/index.js';
import { storeOptionsFromEnv } from '../../store/index.js';
import type { CliIo } from '../io.js';
import { isLoopbackHost } from '../../server/allowed-hosts.js';

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

export interface ServeOptions {
  port: number;
  host: string;
  rules?: string;
  data?: string;
  allowedHosts?: string;
  trustProxy?: boolean;
  secureCookies?: boolean;
  remoteSetup?: boolean;
  sessionIdleMinutes?: number;
}

/** `a, b,c` → ['a', 'b', 'c']; from the flag, else SCRUBJAY_ALLOWED_HOSTS. */
function hostList(flag: string | undefined, env: NodeJS.ProcessEnv): string[] | undefined {
  const raw = flag ?? env.SCRUBJAY_ALLOWED_HOSTS;
  if (raw === undefined || raw.trim() === '') return undefined;
  return raw.split(',').map((h) => h.trim()).filter((h) => h !== '');
}

function idleMinutes(flag: number | undefined, env: NodeJS.ProcessEnv): number | undefined {
  if (flag !== undefined) return flag;
  const raw = env.SCRUBJAY_SESSION_IDLE_MINUTES;
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) <= 0) throw new ScrubjayError('SJ_SETTING_INVALID', `SCRUBJAY_SESSION_IDLE_MINUTES "${raw}" is not a number of minutes above 0`, { path: 'SCRUBJAY_SESSION_IDLE_MINUTES' });
  return Number(raw);
}

export async function runServe(opts: ServeOptions, io: CliIo): Promise<number> {
  const dataDir = resolveDataDir(opts.data, (message) => io.err(`scrubjay: ${message}`));
  const allowedHosts = hostList(opts.allowedHosts, process.env);
  const idle = idleMinutes(opts.sessionIdleMinutes, process.env);
  const sso = ssoSettingsFromEnv(process.env);
  const server = await startServer({
    port: opts.port,
    host: opts.host,
    rulesDir: resolveRulesDir(opts.rules),
    dataDir,
    ...(allowedHosts ? { allowedHosts } : {}),
    trustProxy: opts.trustProxy ?? process.env.SCRUBJAY_TRUST_PROXY === '1',
    secureCookies: opts.secureCookies ?? false,
    remoteSetup: opts.remoteSetup ?? false,
    ...(idle !== undefined ? { sessions: { idleMs: idle * 60_000 } } : {}),
    ...(sso ? { sso } : {}),
    ...tuningFromEnv(process.env),
  });
  for (const warning of server.store.warnings) io.err(`scrubjay: ${warning.message}`);
  if (!isLoopbackHost(opts.host) && !server.access.directory.count()) {
    io.err(`scrubjay: listening on ${opts.host} with no account yet; make the first one now from this machine`);
  }
  io.out(`Scrubjay is serving ${server.ruleCount} rules at ${server.url} (data folder ${dataDir}; stop with Ctrl+C)`);
  if (sso) io.out(`Single sign-on through ${sso.issuer} (client ${sso.clientId})`);
  const setup = server.setupUrl();
  if (setup) {
    io.out(`No account yet. Make the first (admin) account in a browser on this machine at ${setup}`);
    io.out('  or from the shell: scrubjay users add NAME --role admin --password-stdin');
  }
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      void server.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
