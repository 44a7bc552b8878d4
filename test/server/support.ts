/**
 * The real service for tests: started on an ephemeral port with a temp data folder (and,
 * when a test edits rules, a temp copy of the shipped rules), a real socket.io client, and
 * waiting for events without fixed sleeps.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import type { Claim } from '../../src/contract/claim.js';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/server.js';
import { tempDir } from '../support/folders.js';
import { apiChecker, checkedFetch } from '../support/openapi.js';
import { REPO_ROOT, RULES_DIR } from '../support/paths.js';

export const EXAMPLE_CLAIMS = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'claims.json'), 'utf8')) as Claim[];
export const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * The service tests' `fetch`: every answer is checked against the OpenAPI description the
 * service serves, so a route, status or field it does not describe fails the test.
 */
export const fetch = checkedFetch;

/**
 * For what the description rightly leaves out: the page's own files, and routes that do not
 * exist (whose 404 body is checked with `expectErrorBody`).
 */
export const uncheckedFetch = globalThis.fetch;

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
  close(): Promise<void>;
}

export async function startTestServer(extra: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dataDir = extra.dataDir ?? tempDir('scrubjay-service-');
  const rulesDir = extra.rulesDir ?? RULES_DIR;
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
  return {
    server,
    base: server.url.replace(/\/$/, ''),
    dataDir,
    rulesDir,
    logs: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    logText: () => lines.join(''),
    close: async () => {
      await server.close();
      if (extra.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A socket.io client connected to the server (resolves once connected). */
export async function connectClient(base: string, options: { origin?: string } = {}): Promise<Socket> {
  const socket = connect(base, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(options.origin ? { extraHeaders: { origin: options.origin } } : {}),
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
