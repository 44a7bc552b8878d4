// @ts-check
/** The signed-in user as the page knows it, and what happens when the session ends under it. */

const ENDED = 'scrubjay-session-ended';

/**
 * The session is over (expired, signed out elsewhere, account disabled): back to the sign-in
 * form, which says why. A reload drops the socket and everything the page held.
 */
export function sessionEnded() {
  sessionStorage.setItem(ENDED, 'Your session has ended; sign in again.');
  location.assign('/');
}

/** Why the last session ended, once. */
export function takeEndedMessage() {
  const message = sessionStorage.getItem(ENDED);
  sessionStorage.removeItem(ENDED);
  return message;
}
