/**
 * The real service for tests: started on an ephemeral port with a temp data folder (and,
 * when a test edits rules, a temp copy of the shipped rules), a real socket.io client, and
 * waiting for events without fixed sleeps.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import type { Claim } from '../../src/contract/claim.js';
import type { Role } from '../../src/access/index.js';
import { addRoleAccounts, TEST_PASSWORD } from '../support/accounts.js';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/server.js';
import { tempDir } from '../support/folders.js';
import { apiChecker, checkedFetch } from '../support/openapi.js';
import { REPO_ROOT, RULES_DIR } from '../support/paths.js';

export const EXAMPLE_CLAIMS = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'claims.json'), 'utf8')) as Claim[];
export const JSON_HEADERS = { 'content-type': 'application/json' };

/** Every test server has one account of each role, named after it, with this password. */
export { addRoleAccounts, TEST_PASSWORD } from '../support/accounts.js';

/**
 * The session cookie each test server's requests carry unless they bring their own: the
 * service refuses every request without a session, and most tests are about something
 * else. Tests of sessions and roles send their own `cookie` header (an empty one for none).
 */
const defaultCookies = new Map<string, string>();

function withSession(input: string | URL, init: RequestInit = {}): RequestInit {
  const cookie = defaultCookies.get(new URL(String(input)).origin);
  const headers = new Headers(init.headers);
  if (cookie === undefined || headers.has('cookie')) return init;
  headers.set('cookie', cookie);
  return { ...init, headers };
}

/**
 * The service tests' `fetch`: every answer is checked against the OpenAPI description the
 * service serves, so a route, status or field it does not describe fails the test.
 */
export const fetch = (input: string | URL, init?: RequestInit): Promise<Response> => checkedFetch(input, withSession(input, init));

/**
 * For what the description rightly leaves out: the page's own files, and routes that do not
 * exist (whose 404 body is checked with `expectErrorBody`).
 */
export const uncheckedFetch = (input: string | URL, init?: RequestInit): Promise<Response> => globalThis.fetch(input, withSession(input, init));

/** Signs in and returns the `cookie` header value of the new session. */
export async function signIn(base: string, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await globalThis.fetch(`${base}/api/session`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`sign-in as ${username} answered ${res.status}: ${await res.text()}`);
  return sessionCookieOf(res);
}

/** `scrubjay_session=…` from a response's Set-Cookie. */
export function sessionCookieOf(res: Response): string {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('scrubjay_session='));
  if (!cookie) throw new Error('no session cookie in the answer');
  return cookie.split(';')[0]!;
}


/** Fails unless `body` is the one error body of the description. */
export function expectErrorBody(body: unknown): void {
  const problems = apiChecker().errorBodyProblems(body);
  if (problems.length > 0) throw new Error(`not an error body as the OpenAPI description has it: ${problems.join('; ')}`);
}

export interface TestServer {
  server: RunningServer;
  /** `http://127.0.0.1:PORT`, without the trailing slash */
  base: string;
  dataDir: string;
  rulesDir: string;
  /** every log line written, as parsed JSON */
  logs(): Array<Record<string, unknown>>;
  /** every log line written, as text */
  logText(): string;
  /** the `cookie` header of the session requests carry by default (signed in as `signedInAs`) */
  cookie: string | null;
  /** a new session as the account of this role */
  cookieFor(role: Role): Promise<string>;
  close(): Promise<void>;
}

export interface TestServerOptions extends Partial<ServerOptions> {
  /** the role whose session requests carry by default (default admin); null: no accounts, no session */
  signedInAs?: Role | null;
}

export async function startTestServer(given: TestServerOptions = {}): Promise<TestServer> {
  const { signedInAs = 'admin', ...extra } = given;
  const dataDir = extra.dataDir ?? tempDir('scrubjay-service-');
  const rulesDir = extra.rulesDir ?? RULES_DIR;
  if (signedInAs !== null) await addRoleAccounts(dataDir);
  const lines: string[] = [];
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    rulesDir,
    dataDir,
    logLevel: 'info',
    logDestination: { write: (line: string) => void lines.push(line) },
    ...extra,
  });
  const base = server.url.replace(/\/$/, '');
  const cookie = signedInAs === null ? null : await signIn(base, signedInAs);
  if (cookie !== null) defaultCookies.set(new URL(base).origin, cookie);
  return {
    server,
    base,
    dataDir,
    rulesDir,
    cookie,
    cookieFor: (role) => signIn(base, role),
    logs: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    logText: () => lines.join(''),
    close: async () => {
      defaultCookies.delete(new URL(base).origin);
      await server.close();
      if (extra.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A socket.io client connected to the server (resolves once connected), with the server's default session unless `cookie` says otherwise. */
export async function connectClient(base: string, options: { origin?: string; cookie?: string | null } = {}): Promise<Socket> {
  const cookie = options.cookie === undefined ? defaultCookies.get(new URL(base).origin) : options.cookie;
  const headers: Record<string, string> = { ...(options.origin ? { origin: options.origin } : {}), ...(cookie ? { cookie } : {}) };
  const socket = connect(base, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: headers,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return socket;
}

/** The next `event` on the socket; a limit only so that a missing event fails the test instead of hanging it. */
export function nextEvent<T = Record<string, unknown>>(socket: Socket, event: string, limitMs = 20_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, onEvent);
      reject(new Error(`no "${event}" event within ${limitMs} ms`));
    }, limitMs);
    const onEvent = (payload: T): void => {
      clearTimeout(timer);
      resolve(payload);
    };
    socket.once(event, onEvent);
  });
}

/** Sends a chat message and resolves with the reply, or rejects with the `error` event's payload. */
export function ask(socket: Socket, message: unknown, limitMs = 20_000): Promise<ChatReplyPayload> {
  return new Promise<ChatReplyPayload>((resolve, reject) => {
    const done = (): void => {
      clearTimeout(timer);
      socket.off('chat:reply', onReply);
      socket.off('error', onProblem);
    };
    const onReply = (reply: ChatReplyPayload): void => {
      done();
      resolve(reply);
    };
    const onProblem = (problem: Record<string, unknown>): void => {
      done();
      reject(Object.assign(new Error(String(problem.message)), { payload: problem }));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no reply within ${limitMs} ms`));
    }, limitMs);
    socket.on('chat:reply', onReply);
    socket.on('error', onProblem);
    socket.emit('chat:message', message);
  });
}

/** An `error` event: the event it answers and the error body (`error`, `code`, `field`), with `message` beside `error`. */
export interface SocketProblemPayload {
  event: string;
  message: string;
  error: string;
  code: string;
  field: string | null;
}

/** The `error` event a message is answered with (rejects if it is answered with a reply instead). */
export async function problemWith(socket: Socket, message: unknown): Promise<SocketProblemPayload> {
  try {
    const reply = await ask(socket, message);
    throw new Error(`expected an error event, got a reply: ${reply.text}`);
  } catch (error) {
    const payload = (error as { payload?: SocketProblemPayload }).payload;
    if (!payload) throw error;
    return payload;
  }
}

export interface ChatReplyPayload {
  text: string;
  findings?: Array<{ ruleId: string; carc: string | null; line: number | null }>;
  suggestions?: string[];
  scrubId?: string;
  claimId?: string | null;
  result?: { claimId: string | null; status: string; findings: Array<{ ruleId: string; carc: string | null }> };
}
