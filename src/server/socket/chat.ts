/**
 * One socket's chat. The conversation is about one claim at a time: a claim sent with a
 * message is scrubbed, kept in the history and becomes the current claim; a `claimId`
 * picks a stored scrub and continues its conversation; a what-if change the assistant is
 * asked to apply becomes a new stored claim and the current one. Messages are answered in the
 * order they came, and each question and answer is added to the scrub's transcript. For the
 * roles that work the follow-up, each question also carries what happened to the claim after
 * it was sent (its remittances and worklist state), read fresh from the store.
 */
import type { Socket } from 'socket.io';
import { can, type User } from '../../access/index.js';
import { audit } from '../audit.js';
import { conversationIdFor, maySee } from '../conversations.js';
import type { Conversation } from '../../assistant/assistant.js';
import type { ClaimFollowUp } from '../../contract/follow-up.js';
import { claimFollowUp } from '../../remit/index.js';
import { ERROR_CODES, ScrubjayError } from '../../errors.js';
import { refuseUnusable, type Intaken, type KnownClaim } from '../../intake/index.js';
import type { Actor, ChatTurn, ScrubRecord } from '../../store/store.js';
import type { ServiceContext } from '../context.js';
import { logStoreFailure } from '../keep.js';
import { clientAddress } from '../same-origin.js';
import { chatMessageSchema, problemOf, socketError, socketProblem, type ChatReply, type SocketProblem } from './payloads.js';

const EVENT = 'chat:message';

export class ChatSession {
  /** the conversation's transcript id: the scrub's history id, or one of this socket's own while there is no claim */
  private conversationId: string;
  private scrub: ScrubRecord | null = null;
  private conversation: Conversation = {};
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: Socket,
    private readonly context: ServiceContext,
    /** who is chatting, as of the latest event (a role changed from the shell counts at once) */
    private readonly user: () => User,
  ) {
    // a conversation before any claim: this socket's own, never reachable by another
    this.conversationId = `socket-${socket.id}`;
  }

  /** Answers in arrival order; a slow answer (a language model) delays only this socket's later ones. */
  enqueue(payload: unknown): void {
    this.queue = this.queue.then(() => this.handle(payload)).catch((error: unknown) => this.failed(error));
  }

  private async handle(payload: unknown): Promise<void> {
    const started = performance.now();
    const parsed = chatMessageSchema.safeParse(payload);
    if (!parsed.success) {
      this.problem(problemOf(EVENT, parsed.error));
      return;
    }
    const { text, claimId, claim } = parsed.data;
    let scrubbedNow = false;
    if (claim !== undefined && claim !== null) {
      const read = await this.readClaim(claim);
      if (!read) return;
      await this.keep(read);
      scrubbedNow = true;
    } else if (claimId !== undefined && claimId !== null) {
      const record = await this.findScrub(claimId);
      if (!record) {
        this.problem(socketProblem(EVENT, 'SJ_SOCKET_UNKNOWN_CLAIM', `no scrubbed claim "${claimId}" on this server (it may be older than the history keeps); send the claim instead`, 'claimId'));
        return;
      }
      if (record.id !== this.scrub?.id) {
        this.use(record);
        await audit(this.context, { user: this.user(), action: 'history-read', target: [record.id, ...(record.claimId ? [record.claimId] : [])], address: this.actor(), detail: 'opened in the chat' });
      }
    }
    // read for every question: a remittance posted since the last one changes the answer
    const followUp = await this.followUp();
    if (followUp) this.conversation.followUp = followUp;
    else delete this.conversation.followUp;
    const reply = await this.context.assistant.reply(text, this.conversation);
    // "apply that": the changed claim is kept as a claim of its own and the conversation goes on about it
    if (reply.claim) {
      await this.keep(await this.context.intake().claim(reply.claim, 'the changed claim'));
      scrubbedNow = true;
    }
    // what "it" and "this line" mean in the next question
    this.conversation.focus = reply.focus;
    const answer: ChatReply = {
      text: reply.text,
      ...(reply.findings && reply.findings.length > 0 ? { findings: reply.findings } : {}),
      ...(reply.suggestions ? { suggestions: reply.suggestions } : {}),
      ...(this.scrub ? { scrubId: this.scrub.id, claimId: this.scrub.claimId } : {}),
      ...(scrubbedNow && this.scrub ? { result: this.scrub.result } : {}),
    };
    this.socket.emit('chat:reply', answer);
    const at = new Date().toISOString();
    const turns: ChatTurn[] = [
      { at, role: 'user', text },
      { at, role: 'assistant', text: reply.text, ...(reply.suggestions ? { suggestions: reply.suggestions } : {}) },
    ];
    this.context.store.appendChat(this.conversationId, turns).catch((error: unknown) => logStoreFailure(this.context.logger, error, 'a chat transcript could not be kept'));
    // the history id only: never the question, the answer, the claim id (a patient account number) or anything else of the claim
    this.context.logger.info(
      {
        event: 'chat',
        socket: this.socket.id,
        scrubId: this.scrub?.id ?? null,
        intent: reply.intent,
        ruleIds: [...new Set((reply.findings ?? []).map((f) => f.ruleId))],
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      },
      'chat',
    );
  }

  /**
   * The claim's remittances and worklist state, for a role that works the follow-up. A
   * trainee's chat never has them, not even for a claim of their own: remittances are the
   * clinic's real claims.
   */
  private async followUp(): Promise<ClaimFollowUp | undefined> {
    if (!this.scrub || !can(this.user().role, 'claims:follow-up')) return undefined;
    return claimFollowUp(this.scrub, this.context.store, this.context.rules.current().ruleSet.payers);
  }

  /** Keeps a claim the intake scrubbed in the history and makes it the conversation's claim. */
  private async keep(read: KnownClaim): Promise<void> {
    const user = this.user();
    this.use(await this.context.store.recordScrub({ claim: read.claim, result: read.result, origin: 'socket', by: { username: user.username, role: user.role, address: this.actor() } }));
  }

  private use(record: ScrubRecord): void {
    this.scrub = record;
    this.conversationId = conversationIdFor(record, this.user());
    this.conversation = { claim: record.claim, result: record.result };
  }

  /**
   * A history id, else the newest scrub of exactly that claim id, among the scrubs this
   * user may see: a trainee reaches only their own, so a guessed claim id opens nothing.
   */
  private async findScrub(claimId: string): Promise<ScrubRecord | undefined> {
    const user = this.user();
    const seesAll = can(user.role, 'history:all');
    const byId = await this.context.store.scrub(claimId);
    if (byId && maySee(byId, user, seesAll)) return byId;
    if (seesAll) return this.context.store.latestScrubOfClaim(claimId);
    const own = (await this.context.store.scrubsOfClaim(claimId, { limit: 500 })).find((s) => s.owner === user.username);
    return own ? this.context.store.scrub(own.id) : undefined;
  }

  /**
   * The claim sent with a message, read and scrubbed by the intake as any door's claim is:
   * the contract's JSON, a FHIR Claim or ExplanationOfBenefit, or the text of an 837 with one claim.
   */
  private async readClaim(claim: unknown): Promise<(KnownClaim) | undefined> {
    const name = 'the claim sent with the message';
    try {
      const read = await this.context.intake().json(claim, name);
      refuseUnusable(read, name);
      return onlyClaim(read, name);
    } catch (error) {
      if (!(error instanceof ScrubjayError)) throw error;
      this.problem(socketError(EVENT, error, error.location.path ? `claim.${error.location.path}` : 'claim'));
      return undefined;
    }
  }

  private actor(): string {
    return clientAddress(this.socket.request, this.context.http.trustProxy);
  }

  private problem(problem: SocketProblem): void {
    this.socket.emit('error', problem);
  }

  /** Something unexpected: the socket is told, the service logs the code, and later messages are still answered. */
  private failed(error: unknown): void {
    const code = error instanceof ScrubjayError ? error.code : 'SJ_INTERNAL_ERROR';
    // an error raised on purpose may name the claim: the log has its code's words
    const message = error instanceof ScrubjayError ? ERROR_CODES[error.code].message : error instanceof Error ? error.message : String(error);
    this.context.logger.error({ event: 'chat', socket: this.socket.id, error: { code, message } }, 'chat message failed');
    // the store's own words name its files: the socket gets the code and a plain sentence
    const store = code.startsWith('SJ_STORE_');
    this.problem(socketProblem(EVENT, store ? code : 'SJ_INTERNAL_ERROR', store ? 'the claim could not be kept; try again' : 'the message could not be answered; try again'));
  }
}

/** The one claim a FHIR resource or 837 text holds; a chat is about one claim at a time. */
function onlyClaim(read: readonly Intaken[], name: string): KnownClaim {
  if (read.length !== 1) throw new ScrubjayError('SJ_INPUT_NOT_A_CLAIM', `${name} holds ${read.length} claims; send one at a time`, { file: name });
  const [item] = read;
  if (!item?.claim) {
    const said = item?.result.findings.filter((f) => f.category === 'input').map((f) => f.message).join('; ');
    throw new ScrubjayError('SJ_INPUT_NOT_A_CLAIM', `${name} could not be read: ${said || 'no claim in it'}`, { file: name });
  }
  return item as KnownClaim;
}
