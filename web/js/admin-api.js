// @ts-check
import { ApiError } from './api.js';
import { sessionEnded } from './session.js';

/**
 * The audit and account endpoints. A refusal becomes an ApiError with the server's message
 * and catalog code, so the form that asked can show exactly what the server said.
 */

/** @typedef {{ seq: number, at: string, user: string, role: string | null, action: string, target: string[], address: string, prev: string, hash: string }} AuditEntry */
/** @typedef {{ total: number, items: AuditEntry[] }} AuditPage */
/** @typedef {{ username: string, role: string, state: 'active' | 'disabled', createdAt: string, lastSignInAt: string | null }} Account */

/**
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<any>}
 */
async function call(method, path, body) {
  const response = await fetch(path, body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = await response.json().catch(() => null);
  if (response.status === 401) sessionEnded();
  if (!response.ok) {
    const message = answer && typeof answer.error === 'string' ? answer.error : `the server answered ${response.status}`;
    throw new ApiError(message, response.status, answer?.field ?? null, answer?.code ?? null);
  }
  return answer;
}

/**
 * @param {{ user?: string, action?: string, since?: string, limit?: string }} filter
 * @returns {Promise<AuditPage>}
 */
export function fetchAudit(filter) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  const query = params.toString();
  return call('GET', query ? `/api/audit?${query}` : '/api/audit');
}

/** @returns {Promise<Account[]>} */
export async function fetchAccounts() {
  return (await call('GET', '/api/accounts')).accounts;
}

/**
 * @param {{ username: string, role: string, password: string }} account
 * @returns {Promise<Account>}
 */
export function addAccount(account) {
  return call('POST', '/api/accounts', account);
}

/**
 * @param {string} username
 * @param {{ role?: string, state?: 'active' | 'disabled', password?: string }} change
 * @returns {Promise<Account>}
 */
export function changeAccount(username, change) {
  return call('PATCH', `/api/accounts/${encodeURIComponent(username)}`, change);
}
