// @ts-check
/**
 * The page's entry: nothing of the app loads until someone is signed in. Then the sections
 * the role may not use are taken out of the page (not merely hidden) and the app starts.
 */
import { takeEndedMessage } from './session.js';

/** @typedef {{ username: string, role: string, permissions?: string[] }} SessionInfo */

/** @param {string} id */
function el(id) {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found;
}

const ROLE_NAMES = /** @type {Record<string, string>} */ ({ admin: 'Administrator', compliance: 'Compliance', biller: 'Biller', trainee: 'Trainee' });

/** @param {SessionInfo} session */
async function startApp(session) {
  const permissions = new Set(session.permissions ?? []);
  if (!permissions.has('batch')) {
    document.querySelector('.tab[data-view="batch"]')?.remove();
    document.getElementById('view-batch')?.remove();
  }
  if (!permissions.has('claims:follow-up')) {
    document.querySelector('.tab[data-view="worklist"]')?.remove();
    document.getElementById('view-worklist')?.remove();
  }
  if (!permissions.has('rules:write')) {
    document.querySelector('.tab[data-view="workbench"]')?.remove();
    document.getElementById('view-workbench')?.remove();
  }
  if (!permissions.has('reports:read')) document.getElementById('missed-denials')?.remove();
  if (!permissions.has('training:practise')) {
    document.querySelector('.tab[data-view="practice"]')?.remove();
    document.getElementById('view-practice')?.remove();
  }
  if (!permissions.has('training:progress')) document.getElementById('pr-trainer')?.remove();
  // one tab for both: a compliance officer reads the audit, only an admin manages accounts
  if (!permissions.has('audit:read')) document.getElementById('admin-audit')?.remove();
  if (!permissions.has('accounts:manage')) document.getElementById('admin-accounts')?.remove();
  if (!permissions.has('audit:read') && !permissions.has('accounts:manage')) {
    document.querySelector('.tab[data-view="admin"]')?.remove();
    document.getElementById('view-admin')?.remove();
  }
  if (!permissions.has('history:all')) {
    const tab = document.querySelector('.tab[data-view="history"]');
    if (tab) tab.textContent = 'Your history';
    const title = document.getElementById('history-title');
    if (title) title.textContent = 'Claims you scrubbed';
  }
  el('who-name').textContent = session.username;
  el('who-role').textContent = ROLE_NAMES[session.role] ?? session.role;
  document.body.dataset.role = session.role;
  el('signin').hidden = true;
  el('who').hidden = false;
  el('rules-badge').hidden = false;
  /** @type {HTMLElement} */ (document.querySelector('nav.tabs')).hidden = false;
  el('main').hidden = false;
  el('sign-out').addEventListener('click', async () => {
    await fetch('/api/session', { method: 'DELETE' });
    location.assign('/');
  });
  await import('../app.js');
}

function showSignIn() {
  const form = /** @type {HTMLFormElement} */ (el('signin-form'));
  const message = el('signin-message');
  const ended = takeEndedMessage();
  const params = new URLSearchParams(location.search);
  if (params.get('signin') === 'sso-failed') message.textContent = 'Single sign-on did not complete. Try again, or sign in with a password.';
  else if (ended) message.textContent = ended;
  el('signin').hidden = false;
  /** @type {HTMLInputElement} */ (el('signin-username')).focus();
  void fetch('/api/session/sso/available')
    .then((r) => (r.ok ? r.json() : null))
    .then((/** @type {{ available: boolean, label?: string } | null} */ sso) => {
      if (!sso?.available) return;
      el('signin-sso-link').textContent = `Sign in with ${sso.label ?? 'single sign-on'}`;
      el('signin-sso').hidden = false;
    })
    .catch(() => undefined);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const response = await fetch('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: String(data.get('username') ?? ''), password: String(data.get('password') ?? '') }),
    });
    const body = await response.json().catch(() => null);
    if (response.ok) {
      if (params.has('signin')) history.replaceState(null, '', '/');
      await startApp(body);
      return;
    }
    message.textContent = body && typeof body.error === 'string' ? body.error : `The server answered ${response.status}.`;
    /** @type {HTMLInputElement} */ (el('signin-password')).select();
  });
}

const current = await fetch('/api/session');
if (current.ok) await startApp(await current.json());
else showSignIn();
