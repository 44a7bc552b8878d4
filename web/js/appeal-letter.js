// @ts-check
/**
 * A denied claim's appeal letter draft in the Follow-up tab: "Draft appeal" on the claim's
 * row opens the draft below the list — its sections, the gaps the record must fill marked,
 * whether an appeal is the right path — with a Print button that prints the standalone page
 * and a link that opens it in a window of its own.
 */
import { ApiError } from './api.js';
import { h, showError } from './dom.js';

/** states whose latest remittance holds a denial */
const DENIED_STATES = new Set(['denied', 'partly-paid']);

/**
 * @typedef {{ id: string, title: string, paragraphs: string[] }} AppealSection
 * @typedef {{ text: string, sections: AppealSection[], gaps: string[], appealBy: string | null, recommendation: string, reason: string }} AppealLetter
 */

/** @param {string} scrubId */
function letterPath(scrubId) {
  return `/api/history/${encodeURIComponent(scrubId)}/appeal`;
}

/**
 * A paragraph as text, its gaps as <mark>: nothing of the letter is read as markup.
 * @param {string} text
 */
function paragraph(text) {
  const parts = text.split(/(\[\[GAP: [^\]]+\]\])/);
  return h('p', {}, ...parts.map((part) => (part.startsWith('[[GAP: ') ? h('mark', { class: 'appeal-gap' }, part) : part)));
}

/** The panel the drafts open in: one, after the worklist's table. */
function panel() {
  let box = document.getElementById('wl-appeal');
  if (box === null) {
    box = h('section', { id: 'wl-appeal', class: 'appeal-draft card', 'aria-label': 'Appeal letter draft', hidden: true });
    document.querySelector('#view-worklist .card')?.append(box);
  }
  return box;
}

/**
 * Prints the standalone page from a frame of this origin, so only the letter is printed.
 * @param {string} href
 */
function printPage(href) {
  document.getElementById('wl-appeal-print')?.remove();
  const frame = /** @type {HTMLIFrameElement} */ (h('iframe', { id: 'wl-appeal-print', src: href, title: 'Appeal letter to print', class: 'visually-hidden', tabindex: '-1' }));
  frame.addEventListener('load', () => frame.contentWindow?.print());
  document.body.append(frame);
}

/**
 * @param {{ scrubId: string, claimId: string }} item
 * @param {AppealLetter} letter
 */
function show(item, letter) {
  const box = panel();
  const href = `${letterPath(item.scrubId)}?format=html`;
  const print = h('button', { type: 'button' }, 'Print');
  print.addEventListener('click', () => printPage(href));
  const close = h('button', { type: 'button' }, 'Close');
  close.addEventListener('click', () => {
    box.hidden = true;
  });
  box.replaceChildren(
    h('h3', {}, `Appeal draft for ${item.claimId}`),
    h(
      'p',
      { class: 'appeal-recommendation', 'data-recommendation': letter.recommendation },
      h('strong', {}, `Recommendation: ${letter.recommendation}`),
      letter.appealBy ? ` — appeal by ${letter.appealBy}` : '',
      `. ${letter.reason}`,
    ),
    h('p', { class: 'hint' }, `${letter.gaps.length} ${letter.gaps.length === 1 ? 'gap' : 'gaps'} to fill from the record before sending.`),
    ...letter.sections.map((s) => h('section', { 'data-section': s.id }, h('h4', {}, s.title), ...s.paragraphs.map(paragraph))),
    h('div', { class: 'actions' }, print, h('a', { href, target: '_blank', rel: 'noopener' }, 'Open the page to print'), close),
  );
  box.hidden = false;
  box.scrollIntoView({ block: 'start' });
}

/**
 * @param {{ scrubId: string, claimId: string }} item
 * @param {HTMLElement} errorBox
 * @param {HTMLButtonElement} button
 */
async function open(item, errorBox, button) {
  button.disabled = true;
  try {
    const response = await fetch(letterPath(item.scrubId), { headers: { accept: 'application/json' } });
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new ApiError(body && typeof body.error === 'string' ? body.error : `the server answered ${response.status}`, response.status, null, body?.code ?? null);
    showError(errorBox, '');
    show(item, /** @type {AppealLetter} */ (body));
  } catch (error) {
    showError(errorBox, `${item.claimId}: ${/** @type {Error} */ (error).message}`, error instanceof ApiError ? error.code : null);
  } finally {
    button.disabled = false;
  }
}

/**
 * The row's cell: "Draft appeal" for a denied claim, empty otherwise.
 * @param {{ scrubId: string, claimId: string, state: string }} item
 * @param {HTMLElement} errorBox where a refusal is shown
 * @returns {HTMLElement}
 */
export function appealCell(item, errorBox) {
  if (!DENIED_STATES.has(item.state)) return h('td', {});
  const button = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', 'aria-label': `Draft appeal for ${item.claimId}` }, 'Draft appeal'));
  button.addEventListener('click', () => void open(item, errorBox, button));
  return h('td', {}, button);
}
