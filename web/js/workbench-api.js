// @ts-check
/**
 * The rule workbench's requests (see the rules-workbench contract). Failures keep the whole
 * error body: a refused publish names the files or problems the page shows.
 */
import { ApiError } from './api.js';
import { sessionEnded } from './session.js';

/**
 * @typedef {{ file: string, line: number, column: number, message: string, code?: string }} DraftProblem
 * @typedef {{ ruleId: string, case: string | number, message: string, file?: string, line?: number, column?: number }} FailedTest
 * @typedef {{ draftId: string, base: string, hash?: string, problems: DraftProblem[], tests: { passed: number, failed: FailedTest[] } }} DraftAnswer
 * @typedef {{ scrubId: string, claimId: string | null, before: string, after: string, added: string[], removed: string[] }} ChangedClaim
 * @typedef {{ scrubs: number, skipped?: number, changed: ChangedClaim[], changedTotal?: number, statusChanged?: number,
 *   byRule: Record<string, { added: number, removed: number }> }} PreviewAnswer
 * @typedef {{ version: string, hash: string, at: string, by: string, role?: string, reason: string, files: string[], commit?: string }} VersionEntry
 * @typedef {{ title: string, section?: string, url?: string }} Reference
 * @typedef {{ id: string, title: string, category: string, severity: string, carc: string | null, scope: string,
 *   appliesTo?: { payerKinds?: string[], payerIds?: string[], from?: string, to?: string } | null, references: Reference[],
 *   lists: string[], tests: string[], source: { file: string, line: number }, fired: number, share: number }} WorkbenchRule
 * @typedef {{ rulesetVersion: string, rulesetHash?: string, since: string, days: number, scrubs: number, rules: WorkbenchRule[] }} WorkbenchRules
 * @typedef {{ since: string, days: number, scrubs: number, neverFired: Array<{ ruleId: string, title: string }>,
 *   overHalf: Array<{ ruleId: string, title: string, scrubs: number, share: number }> }} Insights
 * @typedef {{ path: string, sha256: string, rules: string[] }} RuleFile
 */

export class WorkbenchError extends ApiError {
  /**
   * @param {string} message
   * @param {number} status
   * @param {string | null} code
   * @param {Record<string, unknown>} body
   */
  constructor(message, status, code, body) {
    super(message, status, typeof body.field === 'string' ? body.field : null, code);
    this.body = body;
  }
}

/**
 * @param {Response} response
 * @param {'json' | 'text'} as
 * @returns {Promise<any>}
 */
async function answer(response, as) {
  if (response.status === 401) sessionEnded();
  if (response.ok) return as === 'json' ? response.json() : response.text();
  /** @type {Record<string, unknown>} */
  let body = {};
  try {
    body = await response.json();
  } catch {
    body = {};
  }
  const message = typeof body.error === 'string' ? body.error : `the server answered ${response.status}`;
  throw new WorkbenchError(message, response.status, typeof body.code === 'string' ? body.code : null, body);
}

/** @param {string} path @returns {Promise<any>} */
async function get(path) {
  return answer(await fetch(path, { headers: { accept: 'application/json' } }), 'json');
}

/** @param {string} path @param {unknown} body @returns {Promise<any>} */
async function post(path, body) {
  return answer(
    await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) }),
    'json',
  );
}

/** @param {string} path a file's path in the rules folder */
function filePath(path) {
  return path.split('/').map(encodeURIComponent).join('/');
}

export const workbenchApi = {
  /** @returns {Promise<RuleFile[]>} */
  files: () => get('/api/rules/files'),
  /** @param {string} path @returns {Promise<string>} */
  fileText: async (path) => answer(await fetch(`/api/rules/files/${filePath(path)}`, { headers: { accept: 'text/plain' } }), 'text'),
  /** @param {number} days @returns {Promise<WorkbenchRules>} */
  rules: (days) => get(`/api/workbench/rules?days=${days}`),
  /** @param {number} days @returns {Promise<Insights>} */
  insights: (days) => get(`/api/workbench/insights?days=${days}`),
  /** @returns {Promise<{ version: string }>} */
  status: () => get('/api/rules/status'),
  /**
   * @param {{ base: string, changes: Array<{ path: string, content: string | null }>, note?: string }} draft
   * @returns {Promise<DraftAnswer>}
   */
  draft: (draft) => post('/api/rules/drafts', draft),
  /** @param {string} draftId @param {number} limit @returns {Promise<PreviewAnswer>} */
  preview: (draftId, limit) => post(`/api/rules/drafts/${encodeURIComponent(draftId)}/preview`, { limit }),
  /** @param {string} draftId @param {string} reason @returns {Promise<{ version: string, hash: string }>} */
  publish: (draftId, reason) => post(`/api/rules/drafts/${encodeURIComponent(draftId)}/publish`, { reason }),
  /** @returns {Promise<VersionEntry[]>} */
  versions: () => get('/api/rules/versions'),
  /** @param {string} version @returns {Promise<string>} */
  diff: async (version) => answer(await fetch(`/api/rules/versions/${encodeURIComponent(version)}/diff`, { headers: { accept: 'text/plain' } }), 'text'),
  /** @param {string} version @param {string} reason @returns {Promise<{ version: string, hash: string }>} */
  restore: (version, reason) => post(`/api/rules/versions/${encodeURIComponent(version)}/restore`, { reason }),
  /**
   * @param {string} kind
   * @param {string} q
   * @returns {Promise<{ codes?: Array<{ code: string, meaning?: string, title?: string, name?: string }>, total?: number } | Array<{ code: string, meaning?: string, title?: string }>>}
   */
  searchCodes: (kind, q) => get(`/api/codes/${encodeURIComponent(kind)}?q=${encodeURIComponent(q)}`),
  /** @param {string} scrubId @returns {Promise<import('./types.js').HistoryRecord>} */
  stored: (scrubId) => get(`/api/history/${encodeURIComponent(scrubId)}`),
};

/**
 * A draft problem, whichever shape it came in: flat (`file`, `line`, `column`) or the
 * reader's `{ where: { file, line, column } }`.
 * @param {any} problem
 * @returns {DraftProblem}
 */
export function flatProblem(problem) {
  const where = problem && typeof problem.where === 'object' && problem.where !== null ? problem.where : {};
  return {
    file: String(problem?.file ?? where.file ?? ''),
    line: Number(problem?.line ?? where.line ?? 1),
    column: Number(problem?.column ?? where.column ?? 1),
    message: String(problem?.message ?? ''),
    ...(problem?.code ? { code: String(problem.code) } : {}),
  };
}
