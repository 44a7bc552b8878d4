/**
 * Starts the web service and stops it cleanly. Start-up opens, in order: the claim store
 * (which locks the data folder, so a second server on the same folder stops here with a
 * clear message), the live rule set (the first load must pass lint and every rule test),
 * the official tables (those in force today are read now, so the first scrub is as fast
 * as the rest) and the assistant; then it listens. `close()` closes all of it.
 */
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { pino, type DestinationStream, type LevelWithSilent, type Logger } from 'pino';
import { createAssistant, type AssistantOptions } from '../assistant/index.js';
import { todayIso } from '../claim/dates.js';
import { ScrubjayError } from '../errors.js';
import { Intake, type KnownClaim } from '../intake/index.js';
import type { ScrubResult } from '../engine/finding.js';
import { openReferenceData } from '../reference/index.js';
import { watchReferenceData, type ReferenceWatch } from '../reference/live.js';
import { codeCatalogFor } from '../rules/codes.js';
import { openRulesHistory, type RulesHistory } from '../ruleset/history/history.js';
import { FILE_SYSTEM, type LiveRuleSet } from '../ruleset/live.js';
import { rulesGitDir } from './rules-git.js';
import { openClaimStore, type ClaimStore, type StoreOptions } from '../store/index.js';
import { Access, type SessionTimes, type ThrottleLimits } from '../access/index.js';
import { allowedHostsFor } from './allowed-hosts.js';
import { warmUp } from './warm-up.js';
import { createApp, DEFAULT_RATE_LIMIT_PER_MINUTE } from './app.js';
import { DEFAULT_LIMITS, type ServiceContext, type ServiceLimits } from './context.js';
import { loadPageExamples } from './examples.js';
import { attachSockets, type SocketLayer } from './socket/index.js';
import { checkSsoSettings, type SsoSettings } from './sso/index.js';

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
  /** retention of the history (the store's logger is the server's) */
  store?: Omit<StoreOptions, 'logger'>;
  assistant?: AssistantOptions;
  limits?: Partial<ServiceLimits>;
  /** watch the rules and data folders for changes (default true) */
  watch?: boolean;
  /** host names the service answers to (default localhost, 127.0.0.1, [::1] and `host`) */
  allowedHosts?: readonly string[];
  /** believe the X-Forwarded-* headers of one proxy in front (default false) */
  trustProxy?: boolean;
  /** Secure session cookies even over plain HTTP (default: only when the request came over TLS) */
  secureCookies?: boolean;
  /** allow the first account to be made from another machine (default false) */
  remoteSetup?: boolean;
  /** session lifetimes: inactivity and absolute (default 30 minutes and 12 hours) */
  sessions?: Partial<SessionTimes>;
  /** failed sign-ins allowed before the throttle holds an account or address */
  signInThrottle?: Partial<ThrottleLimits>;
  /** open sockets one user may hold (default 20) */
  socketsPerUser?: number;
  /** the clock sessions and the sign-in throttle count time by (default the system clock) */
  accessClock?: () => Date;
  /** single sign-on through an OpenID Connect provider (default: none) */
  sso?: SsoSettings;
}

export interface RunningServer {
  url: string;
  port: number;
  ruleCount: number;
  http: Server;
  store: ClaimStore;
  rules: LiveRuleSet;
  access: Access;
  /** the one-time address where the first account is made, while there is no account */
  setupUrl(): string | null;
  /** milliseconds from the call to listening, with today's tables read */
  startupMs: number;
  close(): Promise<void>;
}

/**
 * How long the store lets appends gather before one flush to disk. Every door now answers a
 * scrub only once it is stored, so a window is pure waiting: appends that arrive while a
 * flush runs share the next one anyway (group commit). Measured at 200 requests a second:
 * a 10 ms window gave a p99 several times that of none.
 */
const STORE_BATCH_WINDOW_MS = 0;

const DEFAULT_SOCKETS_PER_USER = 20;

const LOG_LEVELS: readonly string[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function isLogLevel(value: string): value is LevelWithSilent {
  return LOG_LEVELS.includes(value);
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const started = performance.now();
  const rateLimitPerMinute = options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE;
  if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 1) {
    throw new ScrubjayError('SJ_ARGUMENT_INVALID', `the rate limit must be a whole number of requests a minute, at least 1 (got ${rateLimitPerMinute})`);
  }
  const level = options.logLevel ?? 'info';
  // checked here as well because the level may come from an environment variable, untyped
  if (!isLogLevel(level)) {
    throw new ScrubjayError('SJ_ARGUMENT_INVALID', `unknown log level "${String(level)}"; use one of ${LOG_LEVELS.join(', ')}`);
  }
  const logger = pino({ name: 'scrubjay', level }, options.logDestination);
  const watch = options.watch ?? true;
  // what is open so far, closed in reverse if a later step fails
  const opened: Array<() => Promise<void>> = [];
  const closeOpened = async (): Promise<void> => {
    for (const close of opened.splice(0).reverse()) await close().catch((error: unknown) => logger.error({ error: { message: String(error) } }, 'closing failed'));
  };
  try {
    const store = await openClaimStore(options.dataDir, { batchWindowMs: STORE_BATCH_WINDOW_MS, ...options.store, logger: logger.child({ part: 'store' }) });
    opened.push(() => store.close());
    const history = await openRulesHistory(options.rulesDir, { watch, logger: logger.child({ part: 'rules' }), ...rulesGitDir(options.rulesDir, options.dataDir) });
    opened.push(() => history.close());
    const rules = history.live;
    const access = new Access(options.dataDir, { ...(options.accessClock ? { now: options.accessClock } : {}), ...(options.sessions ? { sessions: options.sessions } : {}), ...(options.signInThrottle ? { throttle: options.signInThrottle } : {}) });
    opened.push(async () => access.close());
    const reference = openReferenceData(options.dataDir);
    const referenceWatch = await watchReferenceData(options.dataDir, reference, { watch, logger: logger.child({ part: 'data' }) });
    opened.push(() => referenceWatch.close());
    // built before the first request: a claim scrubbed without its patient's history would pass history edits it breaks
    const claimHistory = await store.claimHistory();
    const intake = (given: { asOf?: string; maxClaims?: number } = {}): Intake =>
      new Intake({ rules: rules.current(), reference, history: claimHistory, asOf: given.asOf ?? todayIso(), ...(given.maxClaims !== undefined ? { maxClaims: given.maxClaims } : {}) });
    warmUp(reference, intake);
    const assistant = createAssistant(
      {
        rules: () => rules.current(),
        reference,
        // a what-if's changed claim is scrubbed as every door's claim is; the service's
        // intake uses the fast evaluator, which answers at once
        scrub: (claim) => resultNow(intake().claim(claim, 'the changed claim')),
      },
      options.assistant,
    );
    const context: ServiceContext = {
      rules,
      history,
      reference,
      referenceStatus: () => referenceWatch.status(),
      store,
      intake,
      assistant,
      codes: () => codeCatalogFor(options.rulesDir),
      examples: loadPageExamples(),
      logger,
      today: todayIso,
      limits: { ...DEFAULT_LIMITS, ...options.limits },
      access,
      http: {
        allowedHosts: allowedHostsFor(options.host, options.allowedHosts),
        trustProxy: options.trustProxy ?? false,
        secureCookies: options.secureCookies ?? false,
        remoteSetup: options.remoteSetup ?? false,
        socketsPerUser: options.socketsPerUser ?? DEFAULT_SOCKETS_PER_USER,
      },
      ...(options.sso ? { sso: checkSsoSettings(options.sso) } : {}),
    };

    // socket.io takes its own requests off the HTTP server it attaches to, so the app is the server's handler first
    let sockets: SocketLayer | undefined;
    const app = createApp(context, { dataDir: options.dataDir, rateLimitPerMinute, batchProgress: (socketId, event) => sockets?.batchProgress(socketId, event), notifyUser: (username, event, payload) => sockets?.toUser(username, event, payload) });
    const http = createServer(app);
    sockets = attachSockets(http, context);
    opened.push(() => closeHttp(http, sockets));
    await listen(http, options.port, options.host);
    watchForPages(history, referenceWatch, sockets, store, logger);

    const { port } = http.address() as AddressInfo;
    const startupMs = Math.round(performance.now() - started);
    const ruleCount = rules.current().ruleSet.rules.length;
    logger.info({ port, host: options.host, rules: ruleCount, rulesetVersion: rules.current().ruleSet.version, rateLimitPerMinute, startupMs }, 'listening');
    let closing: Promise<void> | undefined;
    const url = `http://${urlHost(options.host)}:${port}/`;
    // the setup address is for this machine's browser: a wildcard bind is reached as 127.0.0.1
    const setupBase = options.host === '0.0.0.0' || options.host === '::' ? `http://127.0.0.1:${port}/` : url;
    return {
      url,
      access,
      setupUrl: () => {
        const token = access.setupToken();
        return token === null ? null : `${setupBase}setup?token=${token}`;
      },
      port,
      ruleCount,
      http,
      store,
      rules,
      startupMs,
      close: () => (closing ??= closeOpened()),
    };
  } catch (error) {
    await closeOpened();
    throw error;
  }
}

/** Pages hear about every rules reload or refused edit and every data import; the audit log keeps them. */
function watchForPages(history: RulesHistory, data: ReferenceWatch, sockets: SocketLayer, store: ClaimStore, logger: Logger): void {
  const rules = history.live;
  // the files the newest version changed, when it is the set just put in force (its diff is in the versions)
  const filesOf = async (hash: string): Promise<string[]> => {
    try {
      const [newest] = await history.versions();
      return newest?.hash === hash ? newest.files : [];
    } catch {
      return [];
    }
  };
  const audit = (entry: Parameters<ClaimStore['audit']>[0]): void => {
    store.audit(entry).catch((error: unknown) => logger.error({ error: { message: error instanceof Error ? error.message : String(error) } }, 'an audit entry could not be written'));
  };
  rules.onChange((status) => {
    sockets.pushRulesStatus(status);
    if (status.state !== 'ok') {
      audit({ user: FILE_SYSTEM, role: null, address: null, action: 'rules-rejected', target: [status.version], detail: `${status.problems.length} problems, ${status.failedTests.length} failing tests; ${status.version} stays in force` });
      return;
    }
    // a publish or restore is audited by its route, under the person who made it
    if (status.by !== FILE_SYSTEM) return;
    void filesOf(status.hash).then((files) =>
      audit({
        user: FILE_SYSTEM,
        role: null,
        address: null,
        action: 'rules-reload',
        target: [status.version, status.hash, ...files.map((file) => `file:${file}`), ...status.removedRules.map((id) => `removed:${id}`)],
        detail: `${status.rules} rules from the rules folder; ${status.change}${files.length > 0 ? `; changed: ${files.join(', ')}` : ''}`,
      }),
    );
  });
  data.onChange((status) => {
    sockets.pushDataStatus(status);
    audit({ user: 'file system', role: null, address: null, action: 'data-reload', detail: status.tables.map((t) => `${t.kind} ${t.effective}`).join(', ') });
  });
}

function listen(http: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      if (error.code === 'EADDRINUSE') reject(new ScrubjayError('SJ_ARGUMENT_INVALID', `port ${port} on ${host} is already in use; stop what uses it or choose another with --port`));
      else if (error.code === 'EACCES') reject(new ScrubjayError('SJ_ARGUMENT_INVALID', `not allowed to listen on port ${port} on ${host}; choose a port above 1023 with --port`));
      else reject(error);
    };
    http.once('error', onError);
    http.listen(port, host, () => {
      http.off('error', onError);
      resolve();
    });
  });
}

async function closeHttp(http: Server, sockets: SocketLayer): Promise<void> {
  const closed = sockets.close();
  // keep-alive connections would hold the close open until they time out
  http.closeAllConnections();
  await closed;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function resultNow(read: KnownClaim | Promise<KnownClaim>): ScrubResult {
  if (read instanceof Promise) throw new ScrubjayError('SJ_INTERNAL_ERROR', 'the service scrubs with the fast evaluator, which answers at once');
  return read.result;
}
