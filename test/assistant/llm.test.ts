/**
 * Optional rephrasing by a language model, against a small chat-completions server on
 * loopback: a faithful rewording is used; one that invents or drops a code or number, an
 * error and a reply slower than the timeout all fall back to the grounded answer.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assistant } from '../../src/assistant/assistant.js';
import { assistantOptionsFromEnv } from '../../src/assistant/index.js';
import { keepsFacts } from '../../src/assistant/rephrase.js';
import { ScrubjayError } from '../../src/errors.js';
import { ask, assistantWith, emptyReference, exampleClaims } from './fixtures.js';

type Mode = 'faithful' | 'invents' | 'drops' | 'fails' | 'slow' | 'garbage';

interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content: string }>;
}

let server: Server;
let base: string;
const received: Array<{ mode: string; body: ChatRequest; authorization?: string }> = [];

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => resolve(body));
  });
}

function completion(content: string): string {
  return JSON.stringify({
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'test-model',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  });
}

/** Rewords like a model would: same facts, other words around them. */
function reword(text: string): string {
  return `In short: ${text.replace(/would be rejected/g, 'is going to be turned down').replace(/\bThe payer would deny it with\b/, 'Expect the denial codes')}`;
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const mode = (req.url ?? '').split('/')[1] as Mode;
    const body = JSON.parse(await readBody(req)) as ChatRequest;
    received.push({ mode, body, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    const grounded = body.messages.find((m) => m.role === 'user')?.content ?? '';
    const send = (status: number, payload: string): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(payload);
    };
    if (mode === 'faithful') send(200, completion(reword(grounded)));
    else if (mode === 'invents') send(200, completion(`${reword(grounded)} It may also be denied with CARC 45.`));
    else if (mode === 'drops') send(200, completion('The claim has a few problems; fix them and send it again.'));
    else if (mode === 'fails') send(500, JSON.stringify({ error: { message: 'model crashed' } }));
    else if (mode === 'garbage') send(200, 'not json at all');
    else setTimeout(() => send(200, completion(reword(grounded))), 10_000).unref(); // slow
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const rejected = exampleClaims()[1]!;
const QUESTION = 'why will this claim be denied?';

function withModel(mode: Mode, timeoutMs = 2000): Assistant {
  return assistantWith(emptyReference(), { llm: { baseURL: `${base}/${mode}/v1`, model: 'test-model', apiKey: 'secret-key', timeoutMs } });
}

describe('rephrasing with a language model', () => {
  it('uses a faithful rewording, sending the grounded answer to the configured model', async () => {
    const grounded = await ask(assistantWith(emptyReference()), QUESTION, rejected);
    const reply = await ask(withModel('faithful'), QUESTION, rejected);
    expect(reply.text).toBe(reword(grounded.text));
    expect(reply.text).not.toBe(grounded.text);
    // only the words change: findings, suggestions and intent are the grounded ones
    expect(reply.findings).toEqual(grounded.findings);
    expect(reply.suggestions).toEqual(grounded.suggestions);
    const request = received.filter((r) => r.mode === 'faithful').at(-1);
    expect(request?.body.model).toBe('test-model');
    expect(request?.body.messages.find((m) => m.role === 'user')?.content).toBe(grounded.text);
    expect(request?.authorization).toBe('Bearer secret-key');
  });

  it.each(['invents', 'drops', 'fails', 'garbage'] as const)('falls back to the grounded answer when the model %s', async (mode) => {
    const grounded = await ask(assistantWith(emptyReference()), QUESTION, rejected);
    const reply = await ask(withModel(mode), QUESTION, rejected);
    expect(reply.text).toBe(grounded.text);
    expect(received.some((r) => r.mode === mode)).toBe(true);
  });

  it('falls back to the grounded answer when the model is slower than the timeout', async () => {
    const grounded = await ask(assistantWith(emptyReference()), QUESTION, rejected);
    const reply = await ask(withModel('slow', 200), QUESTION, rejected);
    expect(reply.text).toBe(grounded.text);
  });

  it('falls back when nothing listens at the URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const assistant = assistantWith(emptyReference(), { llm: { baseURL: `http://127.0.0.1:${port}/v1`, model: 'm', timeoutMs: 2000 } });
    const grounded = await ask(assistantWith(emptyReference()), 'what does carc 16 mean?');
    expect((await ask(assistant, 'what does carc 16 mean?')).text).toBe(grounded.text);
  });
});

describe('the fact guard', () => {
  const grounded = 'Line 2 [modifier-25-on-non-em-code · CARC 4]: deadline 2026-10-12, 39 days late, total 230.';

  it('accepts the same facts in other words and order', () => {
    expect(keepsFacts(grounded, 'On line 2, rule modifier-25-on-non-em-code (CARC 4) fires: 39 days late after 2026-10-12; total 230.')).toBe(true);
  });

  it.each([
    ['an added code', `${grounded} Also CARC 16.`],
    ['a changed date', grounded.replace('2026-10-12', '2026-10-13')],
    ['a dropped number', grounded.replace(', total 230', '')],
    ['a changed rule id', grounded.replace('modifier-25-on-non-em-code', 'modifier-59-rule-here')],
  ])('rejects %s', (_name, rephrased) => {
    expect(keepsFacts(grounded, rephrased)).toBe(false);
  });
});

describe('assistantOptionsFromEnv', () => {
  it('is off unless SCRUBJAY_LLM_URL is set', () => {
    expect(assistantOptionsFromEnv({})).toEqual({});
    expect(assistantOptionsFromEnv({ SCRUBJAY_LLM_URL: '  ', SCRUBJAY_LLM_MODEL: 'llama3.2' })).toEqual({});
  });

  it('reads the URL, model, key and timeout', () => {
    expect(
      assistantOptionsFromEnv({ SCRUBJAY_LLM_URL: 'http://127.0.0.1:11434/v1', SCRUBJAY_LLM_MODEL: 'llama3.2', SCRUBJAY_LLM_API_KEY: 'k', SCRUBJAY_LLM_TIMEOUT_MS: '800' }),
    ).toEqual({ llm: { baseURL: 'http://127.0.0.1:11434/v1', model: 'llama3.2', apiKey: 'k', timeoutMs: 800 } });
  });

  it.each([
    [{ SCRUBJAY_LLM_URL: 'not a url', SCRUBJAY_LLM_MODEL: 'm' }, 'SCRUBJAY_LLM_URL'],
    [{ SCRUBJAY_LLM_URL: 'ftp://host/v1', SCRUBJAY_LLM_MODEL: 'm' }, 'SCRUBJAY_LLM_URL'],
    [{ SCRUBJAY_LLM_URL: 'http://127.0.0.1:11434/v1' }, 'SCRUBJAY_LLM_MODEL'],
    [{ SCRUBJAY_LLM_URL: 'http://127.0.0.1:11434/v1', SCRUBJAY_LLM_MODEL: 'm', SCRUBJAY_LLM_TIMEOUT_MS: 'soon' }, 'SCRUBJAY_LLM_TIMEOUT_MS'],
  ])('refuses %j naming %s', (env, name) => {
    let error: unknown;
    try {
      assistantOptionsFromEnv(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScrubjayError);
    expect((error as ScrubjayError).code).toBe('SJ_ARGUMENT_INVALID');
    expect((error as ScrubjayError).message).toMatch(new RegExp(`^${name}`));
    expect((error as ScrubjayError).location.path).toBe(name);
  });
});
