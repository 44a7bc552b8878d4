// @ts-check
/**
 * The Scrubjay page: check a claim (paste, open a file or pick an example), read its
 * findings, ask about them in the chat, scrub whole files, and look back at what was
 * scrubbed on this server.
 */
import { io } from '/socket.io/socket.io.esm.min.js';
import { codeOf, getJson, scrubText } from './js/api.js';
import { BatchView } from './js/batch.js';
import { ChatPanel } from './js/chat.js';
import { ClaimForm } from './js/claim-form.js';
import { claimFromText, claimText } from './js/claim-paths.js';
import { byId, clear, h, plain, plural, showError, when } from './js/dom.js';
import { HistoryView } from './js/history.js';
import { resultView } from './js/result-view.js';
import { showRulesStatus } from './js/rules-status.js';
import { startWorklistPage } from './js/worklist-page.js';
import { sessionEnded } from './js/session.js';

/** the single-claim form sends the text as one request; the server refuses bodies over 1 MB */
const MAX_PASTE_BYTES = 1024 * 1024;
/** what messages call text typed or pasted into the box */
const PASTED = 'pasted claim';
/** and what they call a claim filled in on the CMS-1500 form */
const FROM_FORM = 'claim form';

/**
 * @typedef {{ scrubId: string | null, claim: import('./js/types.js').ReadClaim | null, result: import('./js/types.js').ScrubResult }} ScrubbedClaim
 */

const socket = io({ transports: ['websocket', 'polling'] });
// the socket outlives requests: when its session ends, so does the page's
socket.on('connect_error', (error) => {
  if (error.message === 'unauthorized') sessionEnded();
});
socket.on('error', (/** @type {{ code?: string }} */ problem) => {
  if (problem?.code === 'SJ_AUTH_REQUIRED') sessionEnded();
});

/** CARC and RARC meanings, loaded once */
const meanings = { carc: new Map(), rarc: new Map() };
const codes = {
  /** @param {string} code */
  carc: (code) => meanings.carc.get(code),
  /** @param {string} code */
  rarc: (code) => meanings.rarc.get(code),
};

const chat = new ChatPanel(socket, { onCited: markCited, onClaimChanged: (id) => void showChanged(id) });
const historyView = new HistoryView((id) => void openStored(id));
// the batch section exists only for a role that may upload
if (document.getElementById('view-batch')) new BatchView(socket, { codes, onOpen: (id) => void openStored(id) });
// and the workbench only for one that may change the rules; its editor is loaded only then
// and the follow-up worklist only for one that follows up sent claims
startWorklistPage({ codes, onAsk: (scrubId, question) => void openStored(scrubId).then(() => askFromFinding(question)) });
const workbenchStarted = document.getElementById('view-workbench') ? startWorkbenchSection() : Promise.resolve();
// the missed-denials report, in the workbench for the roles that read it
if (document.getElementById('missed-denials')) void import('./js/missed-denials.js').then(({ startMissedDenials }) => startMissedDenials((id) => void openStored(id)));
// the audit and account views, for a role that has either
if (document.getElementById('view-admin')) void import('./js/admin.js').then(({ startAdmin }) => startAdmin());
if (document.getElementById('view-practice')) void import('./js/training.js').then(({ startTraining }) => startTraining());

const form = /** @type {HTMLFormElement} */ (byId('claim-form'));
const textArea = /** @type {HTMLTextAreaElement} */ (byId('claim-text'));
const fileInput = /** @type {HTMLInputElement} */ (byId('claim-file'));
const exampleSelect = /** @type {HTMLSelectElement} */ (byId('example-select'));
const asOfInput = /** @type {HTMLInputElement} */ (byId('as-of'));
const scrubButton = /** @type {HTMLButtonElement} */ (byId('scrub-button'));
const claimError = byId('claim-error');
const resultCard = byId('result-card');
const resultBox = byId('result');
const picker = byId('claim-picker');
const pickerSelect = /** @type {HTMLSelectElement} */ (byId('claim-picker-select'));
const claimSource = byId('claim-source');
const formPanel = byId('form-panel');
const textPanel = byId('text-panel');
const formNote = byId('cf-note');
const fixStatus = byId('fix-status');

/** @type {ScrubbedClaim[]} the claims of the last input */
let scrubbed = [];
/** which of them the result shows */
let shownIndex = 0;
/** the name sent with the text: the file's, while the text is what was read from it */
let sourceName = PASTED;

// ── sections ───────────────────────────────────────────────────────────────

/** @param {string} view */
function showView(view) {
  for (const tab of document.querySelectorAll('.tab')) {
    const active = tab.getAttribute('data-view') === view;
    if (active) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
    byId(`view-${tab.getAttribute('data-view')}`).hidden = !active;
  }
  if (view === 'history') void historyView.load();
}

for (const tab of document.querySelectorAll('.tab')) {
  tab.addEventListener('click', () => showView(tab.getAttribute('data-view') ?? 'check'));
}

// ── input ──────────────────────────────────────────────────────────────────

const claimForm = new ClaimForm(byId('cms-form'), {
  onChange: (claim) => {
    textArea.value = claimText(claim);
    sourceName = FROM_FORM;
    formNote.textContent = '';
  },
});

/**
 * The form follows the text box whenever the box holds one claim in JSON; for anything
 * else (X12, FHIR, several claims) it says why it cannot, and keeps what it showed.
 */
function formFollowsText() {
  const claim = claimFromText(textArea.value);
  if (claim) {
    claimForm.load(claim);
    formNote.textContent = '';
  } else if (textArea.value.trim() !== '') {
    formNote.textContent = 'The claim text is not one claim in JSON (it may be X12, FHIR or several claims), so the form cannot show it. Scrub it as it is, or start a blank claim here.';
  }
}

/** @param {'form' | 'text'} mode */
function showMode(mode) {
  formPanel.hidden = mode !== 'form';
  textPanel.hidden = mode !== 'text';
  byId('mode-form').setAttribute('aria-pressed', String(mode === 'form'));
  byId('mode-text').setAttribute('aria-pressed', String(mode === 'text'));
}

byId('mode-form').addEventListener('click', () => {
  formFollowsText();
  showMode('form');
});
byId('mode-text').addEventListener('click', () => showMode('text'));
byId('cf-new').addEventListener('click', () => {
  claimForm.reset();
  exampleSelect.value = '';
  byId('example-about').textContent = '';
});

/** @type {import('./js/types.js').PageExamples['examples']} */
let examples = [];

exampleSelect.addEventListener('change', () => {
  const example = examples.find((e) => e.id === exampleSelect.value);
  byId('example-about').textContent = example ? example.about : '';
  if (!example) return;
  textArea.value = example.text;
  sourceName = `example ${example.id}`;
  fileInput.value = '';
  formFollowsText();
});

fileInput.addEventListener('change', async () => {
  const file = fileInput.files?.[0];
  if (!file) return;
  if (file.size > MAX_PASTE_BYTES) {
    showError(claimError, `${file.name} is larger than 1 MB. Use “Scrub a file of claims” for large files.`);
    fileInput.value = '';
    return;
  }
  textArea.value = await file.text();
  sourceName = file.name;
  formFollowsText();
  exampleSelect.value = '';
  byId('example-about').textContent = '';
  showError(claimError, '');
});

// once edited, the text is the user's own, whatever it was read from
textArea.addEventListener('input', () => {
  sourceName = PASTED;
  formFollowsText();
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  fixStatus.hidden = true;
  void scrub();
});

/** Scrubs what the text box holds (which the form keeps up to date) and shows the result. */
async function scrub() {
  const text = textArea.value;
  if (text.trim() === '') {
    showError(claimError, 'Fill in the form, paste a claim, open a file or choose an example first.');
    if (textPanel.hidden) claimForm.focusPath('claimId');
    else textArea.focus();
    return;
  }
  showError(claimError, '');
  scrubButton.disabled = true;
  scrubButton.textContent = 'Scrubbing…';
  try {
    const answer = await scrubText(text, { asOf: asOfInput.value || undefined, name: sourceName });
    scrubbed = answer.items;
    foldInput(describeInput(answer.format));
    showPicker();
    showScrubbed(0, []);
  } catch (error) {
    // after a one-click fix the input is folded away; the message must be seen
    foldInput(null);
    showError(claimError, error instanceof Error ? error.message : String(error), codeOf(error));
  } finally {
    scrubButton.disabled = false;
    scrubButton.textContent = 'Scrub claim';
  }
}

/**
 * Once a claim is scrubbed the form folds away to one line, so the result and the chat
 * fill the screen; the button brings the form back.
 * @param {string | null} description what was scrubbed, or null to show the form
 */
function foldInput(description) {
  form.hidden = description !== null;
  claimSource.hidden = description === null;
  byId('claim-source-text').textContent = description ?? '';
}

/**
 * "Claim C-1002, pasted (JSON)" or "12 claims from clinic.837 (X12)".
 * @param {string | null} format
 */
function describeInput(format) {
  const what = scrubbed.length === 1 ? `Claim ${plain(scrubbed[0]?.result.claimId)}` : plural(scrubbed.length, 'claim');
  const from = sourceName === PASTED ? ', pasted' : sourceName === FROM_FORM ? ', from the form' : ` from ${sourceName}`;
  return `${what}${from}${format ? ` (${format.toUpperCase()})` : ''}`;
}

byId('claim-edit').addEventListener('click', () => {
  foldInput(null);
  fixStatus.hidden = true;
  if (textPanel.hidden) claimForm.focusPath('claimId');
  else textArea.focus();
});

// ── result ─────────────────────────────────────────────────────────────────

function showPicker() {
  clear(pickerSelect);
  picker.hidden = scrubbed.length < 2;
  scrubbed.forEach((item, index) => {
    pickerSelect.append(h('option', { value: String(index) }, `${index + 1}. ${plain(item.result.claimId)} — ${item.result.status}`));
  });
}

pickerSelect.addEventListener('change', () => showScrubbed(Number(pickerSelect.value), null));

/**
 * @param {number} index
 * @param {import('./js/types.js').ChatTurn[] | null} turns the stored conversation; null to fetch it
 */
async function showScrubbed(index, turns) {
  const item = scrubbed[index];
  if (!item) return;
  shownIndex = index;
  pickerSelect.value = String(index);
  showResult(item);
  resultCard.scrollIntoView({ block: 'start' });
  byId('result-title').focus({ preventScroll: true });
  let conversation = turns;
  if (conversation === null && item.scrubId !== null) {
    try {
      conversation = (await getJson(`/api/history/${encodeURIComponent(item.scrubId)}`)).chat;
    } catch {
      conversation = [];
    }
  }
  chat.setConversation({ scrubId: item.scrubId, claimId: item.result.claimId, turns: conversation ?? [] });
}

/** @param {ScrubbedClaim} item */
function showResult(item) {
  clear(resultBox);
  resultBox.append(resultView(item.result, item.claim, { codes, onAsk: askFromFinding, onShowField: showInForm, onApply: (fix) => void applyFix(fix) }));
  resultCard.hidden = false;
}

/**
 * Opens the form on the claim the result is about and puts the cursor in the field a
 * finding names (for a line's finding, in that line).
 * @param {import('./js/types.js').Finding} finding
 */
function showInForm(finding) {
  const claim = scrubbed[shownIndex]?.claim;
  if (claim && !claimForm.holds(claim)) {
    claimForm.load(claim);
    textArea.value = claimText(claim);
    sourceName = FROM_FORM;
  }
  foldInput(null);
  showMode('form');
  formNote.textContent = '';
  if (!claimForm.showField(finding.path, finding.line)) formNote.textContent = `The form has no field for ${finding.path ?? 'this finding'}.`;
}

/**
 * Makes a one-click fix in the form and the text, then scrubs the claim again.
 * @param {import('./js/claim-fixes.js').Fix} fix
 */
async function applyFix(fix) {
  // the fix is to one claim: when the input held several, the form and the text now hold that one
  const others = scrubbed.length > 1 ? ` The form and the claim text now hold this claim only.` : '';
  claimForm.load(fix.claim);
  textArea.value = claimText(fix.claim);
  sourceName = FROM_FORM;
  fixStatus.hidden = false;
  fixStatus.textContent = `Applied: ${fix.label}. Scrubbing again…`;
  await scrub();
  fixStatus.textContent = claimError.hidden ? `Applied: ${fix.label}. Scrubbed again.${others}` : `Applied: ${fix.label}. The claim could not be scrubbed again.`;
}

/**
 * A change applied in the chat was kept as a new claim: its result replaces the one shown,
 * and the chat carries on where it is.
 * @param {string} id
 */
async function showChanged(id) {
  try {
    const stored = await getJson(`/api/history/${encodeURIComponent(id)}`);
    const item = { scrubId: stored.record.id, claim: stored.record.claim, result: stored.record.result };
    scrubbed = [item];
    fixStatus.hidden = true;
    foldInput(`Claim ${plain(stored.record.claimId)}, as changed in the chat`);
    showPicker();
    showResult(item);
  } catch (error) {
    showError(claimError, `The changed claim could not be shown: ${error instanceof Error ? error.message : String(error)}`, codeOf(error));
  }
}

/**
 * A question asked from a finding's button. On a narrow screen the chat sits below the
 * result, so it is brought into view to show the answer.
 * @param {string} question
 */
function askFromFinding(question) {
  chat.ask(question);
  byId('chat-form').scrollIntoView({ block: 'nearest' });
}

/** Opens a stored scrub from the history or a batch: its result, and its conversation so far. */
/** @param {string} id */
async function openStored(id) {
  try {
    const stored = await getJson(`/api/history/${encodeURIComponent(id)}`);
    scrubbed = [{ scrubId: stored.record.id, claim: stored.record.claim, result: stored.record.result }];
    fixStatus.hidden = true;
    foldInput(`Claim ${plain(stored.record.claimId)}, scrubbed ${when(stored.record.scrubbedAt)}`);
    showPicker();
    showView('check');
    await showScrubbed(0, stored.chat);
  } catch (error) {
    showView('check');
    foldInput(null);
    showError(claimError, `That claim could not be opened: ${error instanceof Error ? error.message : String(error)}`, codeOf(error));
  }
}

/**
 * Marks the findings the last answer was about, so the biller sees which ones it means.
 * @param {Array<{ ruleId: string, line: number | null }>} findings
 */
function markCited(findings) {
  const wanted = new Set(findings.map((f) => `${f.ruleId}|${f.line ?? 'claim'}`));
  for (const article of resultBox.querySelectorAll('.finding')) {
    const key = `${article.getAttribute('data-rule')}|${article.getAttribute('data-line')}`;
    article.classList.toggle('cited', wanted.has(key));
  }
}

// ── the rules workbench ─────────────────────────────────────────────────────

async function startWorkbenchSection() {
  try {
    const { startWorkbench } = await import('./js/workbench.js');
    await startWorkbench(socket);
  } catch (error) {
    // the editor is a built file (npm run build); without it the rest of the page still works
    showError(byId('wb-error'), `The workbench could not start: ${error instanceof Error ? error.message : String(error)}. If the editor was not built, run \`npm run build\` on the server.`);
    byId('wb-base').textContent = '';
  }
}

// ── what the server knows ───────────────────────────────────────────────────

socket.on('rules:status', (status) => showRulesStatus(status));

async function start() {
  const [statusAnswer, exampleAnswer, carcAnswer, rarcAnswer] = await Promise.allSettled([
    getJson('/api/rules/status'),
    getJson('/api/examples'),
    getJson('/api/codes/carc'),
    getJson('/api/codes/rarc'),
  ]);
  if (statusAnswer.status === 'fulfilled') showRulesStatus(statusAnswer.value);
  if (carcAnswer.status === 'fulfilled') for (const entry of carcAnswer.value.codes) meanings.carc.set(entry.code, entry.meaning);
  if (rarcAnswer.status === 'fulfilled') for (const entry of rarcAnswer.value.codes) meanings.rarc.set(entry.code, entry.meaning);
  if (exampleAnswer.status === 'fulfilled') {
    examples = exampleAnswer.value.examples;
    for (const example of examples) exampleSelect.append(h('option', { value: example.id }, example.title));
  }
  await workbenchStarted;
  document.body.dataset.ready = 'true';
}

void start();
