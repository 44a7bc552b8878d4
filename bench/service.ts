/**
 * The web service under load, measured from outside: the real server in a child process
 * (as `scrubjay serve` runs it) on a data folder with every corpus table loaded.
 *   - startupMs: from starting the process until `/api/health` answers, tables in force read
 *   - httpP99Ms / httpRps: `POST /api/scrub` with single claims arriving steadily at 200
 *     requests a second for 30 s, each scrub kept in the history as in production;
 *     httpMaxRps: the same requests flat out (autocannon)
 *   - chatP99Ms: 200 connected socket.io clients, each asking a question a second, time
 *     from sending the question to its reply
 *   - loginMs: the median of 20 sign-ins (POST /api/session), most of it the argon2id check
 * Every request and socket carries a session, as a signed-in user's do: 20 accounts, ten
 * chat clients each.
 * Run alone: `node --import tsx bench/service.ts [--seconds N] [--clients N] [--rate N]`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { io as connect, type Socket } from 'socket.io-client';
import { Accounts } from '../src/access/index.js';
import { SHIPPED_RULES_DIR } from '../src/config/paths.js';
import { generateClaims } from '../test/support/claim-generator.js';
import { importCorpusTables } from './corpus.js';

export interface ServiceFigures {
  startupMs: number;
  httpP99Ms: number;
  httpRps: number;
  /** what the service answers flat out (autocannon, 10 connections) */
  httpMaxRps: number;
  chatP99Ms: number;
  loginMs: number;
}

export interface ServiceBenchOptions {
  /** a data folder with the corpus tables imported (the bench's own, or a fresh one) */
  dataDir: string;
  /** seconds of HTTP load (default 30) */
  httpSeconds?: number;
  /** requests a second (default 200) */
  httpRate?: number;
  /** connected chat clients (default 200) */
  chatClients?: number;
  /** seconds of chat load (default 30) */
  chatSeconds?: number;
  log?: (line: string) => void;
}

const HERE = fileURLToPath(import.meta.url);
const SERVER_MODULE = new URL(`../src/server/server.${HERE.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url).href;
const QUESTIONS = [
  'Why would this claim be denied?',
  'How do I fix line 1?',
  'Explain the finding on line 2',
  'What does CARC 16 mean?',
  'What is the filing deadline for this claim?',
  'Which rule checks modifier 25?',
];

/** Measures the whole service: start-up, HTTP scrub latency under load, then chat latency under load. */
export async function measureService(options: ServiceBenchOptions): Promise<ServiceFigures> {
  const log = options.log ?? ((line: string) => console.log(line));
  // the history lives in the data folder; a copy of the tables' folder would cost an import, so the store gets its own
  const users = await addBenchAccounts(options.dataDir);
  const server = await startServiceProcess(options.dataDir);
  try {
    log(`service: ready ${server.startupMs} ms after start, with every corpus table in force today read`);
    const loginMs = await measureLogin(server.base, users[0]!);
    log(`service: sign-in (POST /api/session) median of ${LOGINS}: ${loginMs} ms`);
    const cookies = await Promise.all(users.map((user) => signIn(server.base, user)));
    const http = await measureHttp(server.base, options.httpRate ?? 200, options.httpSeconds ?? 30, cookies[0]!);
    log(`service: POST /api/scrub with a session at a steady ${options.httpRate ?? 200}/s: p99 ${http.httpP99Ms} ms, ${http.httpRps} requests/s answered; flat out ${http.httpMaxRps} requests/s`);
    const chatP99Ms = await measureChat(server.base, options.chatClients ?? 200, options.chatSeconds ?? 30, cookies);
    log(`service: chat with ${options.chatClients ?? 200} clients asking once a second: reply p99 ${chatP99Ms} ms`);
    return { startupMs: server.startupMs, ...http, chatP99Ms, loginMs };
  } finally {
    await server.stop();
  }
}

const BENCH_PASSWORD = 'bench password, long enough';
const BENCH_USERS = 20;
const LOGINS = 20;

/** The accounts the load signs in as (made once per data folder). */
async function addBenchAccounts(dataDir: string): Promise<string[]> {
  const accounts = new Accounts(dataDir);
  const existing = new Set(accounts.list().map((a) => a.username));
  const names = Array.from({ length: BENCH_USERS }, (_, i) => `bench-${i + 1}`);
  for (const username of names) if (!existing.has(username)) await accounts.add({ username, role: 'biller', password: BENCH_PASSWORD });
  return names;
}

async function signIn(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: BENCH_PASSWORD }) });
  if (res.status !== 200) throw new Error(`sign-in as ${username} answered ${res.status}`);
  return res.headers.getSetCookie().find((c) => c.startsWith('scrubjay_session='))!.split(';')[0]!;
}

/** What a user waits for a sign-in: the median of LOGINS, one after another. */
async function measureLogin(base: string, username: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < LOGINS; i++) {
    const started = performance.now();
    await signIn(base, username);
    times.push(performance.now() - started);
  }
  return round(percentile(times, 0.5));
}

interface ServiceProcess {
  base: string;
  startupMs: number;
  stop(): Promise<void>;
}

/**
 * Starts the server in its own process and times it from the spawn until `/api/health`
 * answers: what an operator waits for. The API rate limit is lifted, as the load comes
 * from one address.
 */
export async function startServiceProcess(dataDir: string): Promise<ServiceProcess> {
  const script = [
    `const { startServer } = await import(${JSON.stringify(SERVER_MODULE)});`,
    `const server = await startServer({ port: 0, host: '127.0.0.1', rulesDir: ${JSON.stringify(SHIPPED_RULES_DIR)}, dataDir: ${JSON.stringify(dataDir)}, logLevel: 'warn', rateLimitPerMinute: 10000000 });`,
    `console.log(JSON.stringify({ url: server.url }));`,
    `process.once('SIGTERM', () => server.close().then(() => process.exit(0)));`,
  ].join('\n');
  const loader = HERE.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const started = performance.now();
  const child = spawn(process.execPath, [...loader, '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /\{"url":"([^"]+)"\}/.exec(out);
      if (match) resolve(match[1]!.replace(/\/$/, ''));
    });
    child.once('exit', (code) => reject(new Error(`the service exited with ${code} before it was ready`)));
  });
  // the process is listening; ready means answering
  while ((await fetch(`${base}/api/health`).catch(() => undefined))?.status !== 200) await new Promise((r) => setTimeout(r, 5));
  const startupMs = Math.round(performance.now() - started);
  return { base, startupMs, stop: () => stopProcess(child) };
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) {
      resolve();
      return;
    }
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

interface AutocannonResult {
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTimeMs: number) => void): void;
}
type Autocannon = (options: Record<string, unknown>) => AutocannonInstance;
// autocannon ships no types; this is the part of its API used here
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/**
 * Single-claim scrubs arriving at a steady rate: request i is due at start + i/rate, and its
 * latency runs from when it was due to its last byte, so a stalled server is charged for the
 * requests it kept waiting. autocannon's own rate limit sends each second's requests in one
 * burst at the top of the second, which measures a 200-request queue rather than a steady
 * 200 a second; it measures the saturation throughput instead (`httpMaxRps`).
 */
export async function measureHttp(base: string, rate: number, seconds: number, cookie: string): Promise<Pick<ServiceFigures, 'httpP99Ms' | 'httpRps' | 'httpMaxRps'>> {
  const bodies = generateClaims(500, 4242).map((claim) => JSON.stringify(claim));
  const url = new URL('/api/scrub', base);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const latencies: number[] = [];
  let failures = 0;
  const total = Math.round(rate * seconds);
  const started = performance.now();
  const pending: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    pending.push(
      postJson(url, bodies[i % bodies.length]!, agent, cookie).then(
        (status) => {
          if (status === 200) latencies.push(performance.now() - due);
          else failures++;
        },
        () => {
          failures++;
        },
      ),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  if (failures > 0) throw new Error(`HTTP load: ${failures} of ${total} requests failed`);
  const httpMaxRps = await saturationThroughput(url.href, bodies, Math.min(10, seconds), cookie);
  return { httpP99Ms: round(percentile(latencies, 0.99)), httpRps: Math.round(latencies.length / elapsed), httpMaxRps };
}

function postJson(url: URL, body: string, agent: Agent, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie } }, (response) => {
      response.on('data', () => {});
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** Requests a second the service answers flat out: 10 autocannon connections, each sending as soon as it has its answer. */
async function saturationThroughput(url: string, bodies: string[], seconds: number, cookie: string): Promise<number> {
  let next = 0;
  const result = await autocannon({
    url,
    connections: 10,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        setupRequest: (request: Record<string, unknown>) => ({ ...request, body: bodies[next++ % bodies.length] }),
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`HTTP saturation: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return Math.round(result.requests.average);
}

/**
 * `clients` sockets, each first sending a claim (which makes it the conversation's), then
 * asking one question a second, spread over the second so the load is steady.
 */
export async function measureChat(base: string, clients: number, seconds: number, cookies: readonly string[]): Promise<number> {
  const claims = generateClaims(clients, 777);
  const sockets: Socket[] = [];
  try {
    for (let i = 0; i < clients; i++) {
      const socket = connect(base, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie: cookies[i % cookies.length]! } });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      sockets.push(socket);
    }
    await Promise.all(sockets.map((socket, i) => roundTrip(socket, { text: 'Why would this claim be denied?', claim: claims[i] })));
    const latencies: number[] = [];
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      sockets.map(async (socket, i) => {
        await sleep((i / clients) * 1000);
        for (let asked = 0; performance.now() < until; asked++) {
          const due = performance.now() + 1000;
          latencies.push(await roundTrip(socket, { text: QUESTIONS[(i + asked) % QUESTIONS.length] }));
          await sleep(due - performance.now());
        }
      }),
    );
    return round(percentile(latencies, 0.99));
  } finally {
    for (const socket of sockets) socket.disconnect();
  }
}

function roundTrip(socket: Socket, message: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = performance.now();
    const onError = (problem: { message?: string }): void => {
      socket.off('chat:reply', onReply);
      reject(new Error(`chat error: ${problem.message}`));
    };
    const onReply = (): void => {
      socket.off('error', onError);
      resolve(performance.now() - sent);
    };
    socket.once('chat:reply', onReply);
    socket.once('error', onError);
    socket.emit('chat:message', message);
  });
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Run on its own: imports the corpus tables into a fresh folder and measures. */
async function standalone(): Promise<void> {
  const { values } = parseArgs({
    options: { seconds: { type: 'string', default: '30' }, clients: { type: 'string', default: '200' }, rate: { type: 'string', default: '200' } },
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'scrubjay-bench-service-'));
  try {
    console.log('service: importing the corpus tables…');
    await importCorpusTables(dataDir);
    const figures = await measureService({
      dataDir,
      httpSeconds: Number(values.seconds),
      chatSeconds: Number(values.seconds),
      chatClients: Number(values.clients),
      httpRate: Number(values.rate),
    });
    console.log(JSON.stringify(figures));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === HERE) await standalone();
