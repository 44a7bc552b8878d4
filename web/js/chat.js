// @ts-check
/**
 * The chat panel. The conversation is about the claim shown beside it: each question is
 * sent with that scrub's id, so the server answers from its findings and keeps the
 * transcript with it.
 */
import { byId, clear, h, plain } from './dom.js';
import { replyBody } from './chat-reply.js';

const DEFAULT_SUGGESTIONS_WITH_CLAIM = ['Why would this claim be denied?', 'How do I fix it?', 'What is the filing deadline for this claim?'];
const DEFAULT_SUGGESTIONS_WITHOUT_CLAIM = ['What can you do?', 'What does CARC 97 mean?', 'What is the filing deadline for Medicare?'];

/**
 * @typedef {import('./types.js').ChatTurn} ChatTurn
 * @typedef {{ ruleId: string, carc: string | null, line: number | null, message: string }} CitedFinding
 */

export class ChatPanel {
  /**
   * @param {import('/socket.io/socket.io.esm.min.js').Socket} socket
   * @param {{ onCited: (findings: CitedFinding[]) => void, onClaimChanged: (scrubId: string) => void }} options
   */
  constructor(socket, options) {
    this.socket = socket;
    this.onCited = options.onCited;
    this.onClaimChanged = options.onClaimChanged;
    /** @type {string | null} the stored scrub the conversation is about */
    this.scrubId = null;
    this.log = byId('chat-log');
    this.suggestions = byId('chat-suggestions');
    this.context = byId('chat-context');
    this.connection = byId('chat-connection');
    this.form = /** @type {HTMLFormElement} */ (byId('chat-form'));
    this.input = /** @type {HTMLInputElement} */ (byId('chat-input'));
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.ask(this.input.value);
    });
    socket.on('chat:reply', (reply) => this.onReply(reply));
    socket.on('error', (problem) => this.onProblem(problem));
    socket.on('connect', () => {
      this.connection.textContent = '';
    });
    socket.on('disconnect', () => {
      this.connection.textContent = 'Chat disconnected; reconnecting…';
    });
    socket.on('connect_error', () => {
      this.connection.textContent = 'Chat cannot reach the server; retrying…';
    });
    this.showSuggestions(DEFAULT_SUGGESTIONS_WITHOUT_CLAIM);
  }

  /**
   * Makes a stored scrub the conversation's claim, showing what was said about it before.
   * A claim that could not be read was not kept, so there is nothing to talk about.
   * @param {{ scrubId: string | null, claimId: string | null, turns?: ChatTurn[] }} conversation
   */
  setConversation(conversation) {
    this.scrubId = conversation.scrubId;
    this.context.textContent =
      conversation.scrubId === null
        ? 'This claim could not be read, so the chat cannot discuss it. Fix what the result names and scrub again; general questions still work.'
        : `Talking about claim ${plain(conversation.claimId)}. Questions are answered from its findings and the rule files.`;
    clear(this.log);
    const turns = conversation.turns ?? [];
    for (const turn of turns) this.addTurn(turn.role, turn.text);
    const lastSuggestions = [...turns].reverse().find((turn) => turn.role === 'assistant' && turn.suggestions?.length)?.suggestions;
    this.showSuggestions(lastSuggestions ?? DEFAULT_SUGGESTIONS_WITH_CLAIM);
  }

  /** @param {string} question */
  ask(question) {
    const text = question.trim();
    if (text === '') {
      this.input.focus();
      return;
    }
    this.addTurn('user', text);
    this.input.value = '';
    /** @type {{ text: string, claimId?: string }} */
    const message = { text };
    if (this.scrubId) message.claimId = this.scrubId;
    this.socket.emit('chat:message', message);
  }

  /** @param {{ text?: unknown, findings?: unknown, suggestions?: unknown, scrubId?: unknown, claimId?: unknown, result?: unknown }} reply */
  onReply(reply) {
    if (typeof reply?.text !== 'string') return;
    this.addTurn('assistant', reply.text);
    // "apply that": the change was kept as a new claim, which the chat now talks about and the page shows
    if (this.scrubId !== null && typeof reply.scrubId === 'string' && reply.scrubId !== this.scrubId && reply.result) {
      this.scrubId = reply.scrubId;
      this.context.textContent = `Talking about claim ${plain(typeof reply.claimId === 'string' ? reply.claimId : null)} as changed in this chat; the claim as it was is in the history.`;
      this.onClaimChanged(reply.scrubId);
    }
    // the answer names its findings in its text; the result beside it marks them
    this.onCited(Array.isArray(reply.findings) ? reply.findings : []);
    if (Array.isArray(reply.suggestions)) this.showSuggestions(reply.suggestions.filter((s) => typeof s === 'string'));
  }

  /** @param {{ message?: unknown, error?: unknown, code?: unknown, field?: unknown }} problem */
  onProblem(problem) {
    const said = typeof problem?.message === 'string' ? problem.message : problem?.error;
    const message = typeof said === 'string' ? said : 'the message could not be handled';
    const item = this.addTurn('system', `Not sent: ${message}`);
    if (typeof problem?.code === 'string') item.dataset.code = problem.code;
  }

  /**
   * @param {'user' | 'assistant' | 'system'} role
   * @param {string} text
   */
  addTurn(role, text) {
    const who = role === 'user' ? 'You' : role === 'assistant' ? 'Scrubjay' : 'Problem';
    const body = role === 'assistant' ? replyBody(text) : [text];
    const item = h('li', { class: `from-${role}` }, h('span', { class: 'who' }, who), ...body);
    this.log.append(item);
    // the log scrolls by itself, never the page: the result beside it stays where the biller is reading;
    // a reply taller than the log opens at its first line, so it is read from the top
    if (role === 'assistant' && item.offsetHeight > this.log.clientHeight) this.log.scrollTop += item.getBoundingClientRect().top - this.log.getBoundingClientRect().top;
    else this.log.scrollTop = this.log.scrollHeight;
    return item;
  }

  /** @param {string[]} suggestions */
  showSuggestions(suggestions) {
    clear(this.suggestions);
    for (const suggestion of suggestions.slice(0, 4)) {
      const chip = h('button', { type: 'button', class: 'chip' }, suggestion);
      chip.addEventListener('click', () => this.ask(suggestion));
      this.suggestions.append(chip);
    }
  }
}
