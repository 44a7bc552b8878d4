/**
 * Who may call each route: one table for the whole API, so no route can be added without
 * saying who may use it (a route missing here is refused to everyone, and the access test
 * walks every row against every role). Paths use Express's `:param` segments, and `*name` for the rest of the path.
 */
import type { Permission } from '../access/index.js';

/** `public`: no session needed; a permission: a signed-in user whose role has it. */
export type RouteAccess = 'public' | Permission;

export interface RouteRow {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  access: RouteAccess;
}

export const ROUTE_ACCESS: readonly RouteRow[] = [
  { method: 'GET', path: '/api/health', access: 'public' },
  // the session routes answer a missing session themselves (401 or 204), as the contract has it
  { method: 'POST', path: '/api/session', access: 'public' },
  { method: 'GET', path: '/api/session', access: 'public' },
  { method: 'DELETE', path: '/api/session', access: 'public' },
  { method: 'POST', path: '/api/setup', access: 'public' },
  { method: 'GET', path: '/api/session/sso', access: 'public' },
  { method: 'GET', path: '/api/session/sso/callback', access: 'public' },
  { method: 'GET', path: '/api/session/sso/available', access: 'public' },

  { method: 'POST', path: '/api/scrub', access: 'scrub' },
  { method: 'POST', path: '/api/scrub/text', access: 'scrub' },
  { method: 'GET', path: '/api/openapi.json', access: 'rules:read' },
  // the workbench: compliance and admin only, reading the files and history included
  { method: 'GET', path: '/api/rules/files', access: 'rules:write' },
  { method: 'GET', path: '/api/rules/files/*path', access: 'rules:write' },
  { method: 'POST', path: '/api/rules/drafts', access: 'rules:write' },
  { method: 'POST', path: '/api/rules/drafts/:id/preview', access: 'rules:write' },
  { method: 'POST', path: '/api/rules/drafts/:id/publish', access: 'rules:write' },
  { method: 'GET', path: '/api/rules/versions', access: 'rules:write' },
  { method: 'GET', path: '/api/rules/versions/:version/diff', access: 'rules:write' },
  { method: 'POST', path: '/api/rules/versions/:version/restore', access: 'rules:write' },
  { method: 'GET', path: '/api/workbench/rules', access: 'rules:write' },
  { method: 'GET', path: '/api/workbench/insights', access: 'rules:write' },
  { method: 'GET', path: '/api/rules', access: 'rules:read' },
  { method: 'GET', path: '/api/rules/status', access: 'rules:read' },
  { method: 'GET', path: '/api/rules/:id', access: 'rules:read' },
  { method: 'GET', path: '/api/data/status', access: 'rules:read' },
  { method: 'GET', path: '/api/codes/:kind', access: 'rules:read' },
  { method: 'GET', path: '/api/codes/:kind/:code', access: 'rules:read' },
  { method: 'GET', path: '/api/examples', access: 'rules:read' },
  // a trainee's answers hold only their own scrubs: the routes narrow what `history:own` sees
  { method: 'GET', path: '/api/history', access: 'history:own' },
  { method: 'GET', path: '/api/history/:id', access: 'history:own' },
  { method: 'POST', path: '/api/batch', access: 'batch' },
  { method: 'POST', path: '/api/acks', access: 'claims:follow-up' },
  { method: 'GET', path: '/api/history/:id/837', access: 'claims:follow-up' },
  { method: 'POST', path: '/api/history/:id/correction', access: 'claims:follow-up' },
  { method: 'GET', path: '/api/history/:id/remits', access: 'claims:follow-up' },
  { method: 'GET', path: '/api/history/:id/states', access: 'claims:follow-up' },
  { method: 'GET', path: '/api/history/:id/appeal', access: 'claims:follow-up' },
  { method: 'POST', path: '/api/remits', access: 'claims:follow-up' },
  { method: 'GET', path: '/api/worklist', access: 'claims:follow-up' },
  // practice claims are made up, so every role may practise; all users' progress is for trainers
  { method: 'GET', path: '/api/training/exercise', access: 'training:practise' },
  { method: 'POST', path: '/api/training/exercise/:id/answer', access: 'training:practise' },
  { method: 'GET', path: '/api/training/progress', access: 'training:practise' },
  { method: 'GET', path: '/api/training/progress/all', access: 'training:progress' },
  { method: 'POST', path: '/api/worklist/:scrubId/state', access: 'claims:follow-up' },
  // where new rules come from: for the people who write them
  { method: 'GET', path: '/api/reports/missed-denials', access: 'reports:read' },
  { method: 'GET', path: '/api/audit', access: 'audit:read' },
  { method: 'POST', path: '/api/data/import', access: 'data:import' },
  { method: 'GET', path: '/api/store/retention', access: 'accounts:manage' },
  { method: 'GET', path: '/api/accounts', access: 'accounts:manage' },
  { method: 'POST', path: '/api/accounts', access: 'accounts:manage' },
  { method: 'PATCH', path: '/api/accounts/:username', access: 'accounts:manage' },
];

interface CompiledRow extends RouteRow {
  pattern: RegExp;
}

const COMPILED: readonly CompiledRow[] = ROUTE_ACCESS.map((row) => ({
  ...row,
  pattern: new RegExp(`^${row.path.split('/').map(segmentPattern).join('/')}/?$`),
}));

function segmentPattern(part: string): string {
  if (part.startsWith(':')) return '[^/]+';
  if (part.startsWith('*')) return '.+';
  return escape(part);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The row for a request; a literal path wins over a `:param` one (`/api/rules/status` over `/api/rules/:id`). */
export function routeOf(method: string, path: string): RouteRow | undefined {
  const verb = method === 'HEAD' ? 'GET' : method;
  let found: CompiledRow | undefined;
  for (const row of COMPILED) {
    if (row.method !== verb || !row.pattern.test(path)) continue;
    if (!row.path.includes(':') && !row.path.includes('*')) return row;
    found ??= row;
  }
  return found;
}
