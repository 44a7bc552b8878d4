// @ts-check
import { sessionEnded } from './session.js';

/** The service's REST API as the page uses it. Failures become an Error carrying the server's message, catalog code and field. */

export class ApiError extends Error {
  /**
   * @param {string} message
   * @param {number} status
   * @param {string | null} field
   * @param {string | null} code the error catalog's code (`SJ_HTTP_TOO_LARGE`), null when the server gave none
   */
  constructor(message, status, field, code) {
    super(message);
    this.status = status;
    this.field = field;
    this.code = code;
  }
}

/**
 * The catalog code of a failure, when the server named one.
 * @param {unknown} error
 * @returns {string | null}
 */
export function codeOf(error) {
  return error instanceof ApiError ? error.code : null;
}

/**
 * @param {Response} response
 * @returns {Promise<any>}
 */
async function answer(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (response.status === 401) sessionEnded();
  if (!response.ok) {
    const message = body && typeof body.error === 'string' ? body.error : `the server answered ${response.status}`;
    const field = body && typeof body.field === 'string' ? body.field : null;
    const code = body && typeof body.code === 'string' ? body.code : null;
    throw new ApiError(message, response.status, field, code);
  }
  return body;
}

/**
 * @param {string} path
 * @param {Record<string, string | number | undefined>} [query]
 */
function url(path, query = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}

/**
 * What each GET path answers: the 200 schemas of the service's OpenAPI description, as types.
 * @typedef {{
 *   '/api/rules/status': import('./types.js').RulesStatus,
 *   '/api/examples': import('./types.js').PageExamples,
 *   '/api/codes/carc': import('./types.js').CodeList,
 *   '/api/codes/rarc': import('./types.js').CodeList,
 *   '/api/history': import('./types.js').HistoryPage,
 *   '/api/reports/missed-denials': import('./types.js').MissedReport,
 *   [path: `/api/history/${string}`]: import('./types.js').HistoryRecord,
 * }} GetAnswers
 */

/**
 * @template {keyof GetAnswers} P
 * @param {P} path
 * @param {Record<string, string | number | undefined>} [query]
 * @returns {Promise<GetAnswers[P]>}
 */
export async function getJson(path, query) {
  return answer(await fetch(url(path, query), { headers: { accept: 'application/json' } }));
}

/**
 * Sends claim text as it was pasted or read from a file; the server finds out its format.
 * @param {string} text
 * @param {{ asOf?: string, name?: string }} options
 * @returns {Promise<import('./types.js').TextScrub>}
 */
export async function scrubText(text, options) {
  return answer(
    await fetch(url('/api/scrub/text', { asOf: options.asOf, name: options.name }), {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8', accept: 'application/json' },
      body: text,
    }),
  );
}

/**
 * Streams a file to the batch endpoint; progress arrives over the socket under `batchId`.
 * @param {File} file
 * @param {{ batchId: string, socketId: string | undefined }} options
 * @returns {Promise<import('./types.js').BatchSummary>}
 */
export async function uploadBatch(file, options) {
  /** @type {Record<string, string>} */
  const headers = { 'content-type': 'application/octet-stream', accept: 'application/json' };
  if (options.socketId) headers['x-socket-id'] = options.socketId;
  return answer(
    await fetch(url('/api/batch', { name: file.name, batchId: options.batchId }), { method: 'POST', headers, body: file }),
  );
}
