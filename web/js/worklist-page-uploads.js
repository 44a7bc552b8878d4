// @ts-check
/** What an uploaded 835 or 277CA said, one short entry per claim. */
import { h, money, plain } from './dom.js';

/**
 * @param {string} fileName
 * @param {'remit' | 'ack'} kind
 * @param {any[]} answers the server's explained remits or acknowledgments
 * @returns {HTMLElement}
 */
export function uploadSummary(fileName, kind, answers) {
  const items = kind === 'remit' ? answers.map(remitEntry) : answers.map(ackEntry);
  return h(
    'div',
    { class: 'wl-summary card' },
    h('h3', {}, `${fileName}: ${answers.length} ${answers.length === 1 ? 'entry' : 'entries'}`),
    items.length === 0 ? h('p', {}, 'The file named no claims.') : h('ul', {}, ...items),
  );
}

/** @param {any} remit */
function remitEntry(remit) {
  const steps = Array.isArray(remit.nextSteps) ? remit.nextSteps : [];
  return h(
    'li',
    { 'data-claim': remit.claimId },
    h('strong', {}, plain(remit.claimId)),
    ` — ${plain(remit.status?.meaning)}, paid ${money(remit.paid)}`,
    remit.appealBy ? `, appeal by ${remit.appealBy}` : '',
    remit.scrub === null ? ' (not a claim scrubbed here)' : '',
    h('p', {}, plain(remit.explanation)),
    steps.length > 0 ? h('ul', { class: 'wl-steps' }, ...steps.map((/** @type {unknown} */ s) => h('li', {}, plain(s)))) : null,
  );
}

/** @param {any} ack */
function ackEntry(ack) {
  const who = ack.level === 'claim' ? plain(ack.claimId) : `All claims of ${plain(ack.name ?? ack.reference)}`;
  const meanings = Array.isArray(ack.statuses) ? ack.statuses.map((/** @type {{ meaning?: string }} */ s) => s.meaning).filter(Boolean).join('; ') : '';
  return h('li', { 'data-claim': ack.claimId ?? '' }, h('strong', {}, who), ` — ${ack.accepted ? 'accepted' : 'rejected'}`, meanings ? `: ${meanings}` : '');
}
