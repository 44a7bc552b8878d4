// @ts-check
/** The first-account form: sends the one-time token from the address with the new admin's name and password. */

const form = /** @type {HTMLFormElement} */ (document.getElementById('setup-form'));
const message = /** @type {HTMLElement} */ (document.getElementById('setup-message'));
const token = new URLSearchParams(location.search).get('token') ?? '';

if (token === '') message.textContent = 'This address has no setup token. Use the address the server printed when it started.';

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const username = String(data.get('username') ?? '');
  const password = String(data.get('password') ?? '');
  if (password !== String(data.get('confirm') ?? '')) {
    message.textContent = 'The two passwords are not the same.';
    return;
  }
  const response = await fetch('/api/setup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, username, password }) });
  const body = await response.json().catch(() => ({}));
  if (response.status === 201) {
    message.textContent = `The account ${body.username} is made. Signing you in…`;
    const signIn = await fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    // the token must not stay in the address bar or the history
    history.replaceState(null, '', '/setup');
    if (signIn.ok) location.assign('/');
    else message.textContent = `The account ${body.username} is made. Sign in on the main page.`;
    return;
  }
  message.textContent = typeof body.error === 'string' ? body.error : `The server answered ${response.status}.`;
});
