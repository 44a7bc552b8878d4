/**
 * One socket's chat. The conversation is about one claim at a time: a claim sent with a
 * message is scrubbed, kept in the history and becomes the current claim; a `claimId`
 * picks a stored scrub and continues its conversation; a what-if change the assistant is
 * asked to apply becomes a new stored claim and the current one. Messages are answered in the
 * order they came, and each question and answer is added to the scrub's transcript.
 */
import type { Socket } from 'socket.io';
import type { Conversation } from '../../assistant/assistant.js';
import { isFhirResource, readFhirClaims } from '../../claim/fhir/index.js';
import { asClaimObject } from '../../claim/input.js';
import type { ClaimFromFile } from '../../claim/source.js';
import { looksLikeX12, readX12Text } from '../../claim/x12/index.js';
import { scrubClaim } from '../../engine/scrub.js';
import { ScrubjayError } from '../../errors.js';
import type { ChatTurn, ScrubRecord } from '../../store/store.js';
import type { ServiceContext } from '../context.js';
import { actorOf, logStoreFailure } from '../keep.js';
import { chatMessageSchema, problemOf, type ChatReply, type SocketProblem } from './payloads.js';
import type { ClaimInput } from '../../contract/claim.js';

const EVENT = 'chat:message';
/** how many of a claim id's newest scrubs are searched for an exact match */
const CLAIM_ID_SEARCH = 50;

export class ChatSession {
  /** the conversation's transcript id: the scrub's history id, or one of this socket's own while there is no claim */
  private conversationId: string;
  private scrub: ScrubRecord | null = null;
  private conversation: Conversation = {};
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: Socket,
    private readonly context: ServiceContext,
  ) {
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
      const read = this.readClaim(claim);
      if (!read) return;
      await this.keep(read);
      scrubbedNow = true;
    } else if (claimId !== undefined && claimId !== null) {
      const record = await this.findScrub(claimId);
      if (!record) {
        this.problem({ event: EVENT, field: 'claimId', message: `no scrubbed claim "${claimId}" on this server (it may be older than the history keeps); send the claim instead` });
        return;
      }
      if (record.id !== this.scrub?.id) this.use(record);
    }
    const reply = await this.context.assistant.reply(text, this.conversation);
    // "apply that": the changed claim is kept as a claim of its own and the conversation goes on about it
    if (reply.claim) {
      await this.keep(reply.claim);
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
    // ids only: never the question, the answer or anything of the claim
    this.context.logger.info(
      {
        event: 'chat',
        socket: this.socket.id,
        scrubId: this.scrub?.id ?? null,
        claimId: clip(this.scrub?.claimId ?? null),
        intent: reply.intent,
        ruleIds: [...new Set((reply.findings ?? []).map((f) => f.ruleId))],
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      },
      'chat',
    );
  }

  /** Scrubs a claim as the service does, keeps it in the history and makes it the conversation's claim. */
  private async keep(claim: ClaimInput): Promise<void> {
    const result = scrubClaim(claim, this.context.rules.current(), { asOf: this.context.today(), reference: this.context.reference });
    this.use(await this.context.store.recordScrub({ claim, result, actor: this.actor(), origin: 'socket' }));
  }

  private use(record: ScrubRecord): void {
    this.scrub = record;
    this.conversationId = record.id;
    this.conversation = { claim: record.claim, result: record.result };
  }

  /** A history id, else the newest scrub of that claim id. */
  private async findScrub(claimId: string): Promise<ScrubRecord | undefined> {
    const byId = await this.context.store.scrub(claimId);
    if (byId) return byId;
    const match = this.context.store.history({ claimId, limit: CLAIM_ID_SEARCH }).items.find((item) => item.claimId === claimId);
    return match ? this.context.store.scrub(match.id) : undefined;
  }

  /** The claim sent with a message: the contract's JSON, a FHIR Claim or ExplanationOfBenefit, or the text of an 837 with one claim. */
  private readClaim(claim: unknown): ClaimInput | undefined {
    const name = 'the claim sent with the message';
    try {
      if (isFhirResource(claim)) return onlyClaim(readFhirClaims(claim, name), name);
      if (typeof claim === 'string' && looksLikeX12(claim)) return onlyClaim(readX12Text(claim, name), name);
      return asClaimObject(claim, 0, name);
    } catch (error) {
      if (!(error instanceof ScrubjayError)) throw error;
      this.problem({ event: EVENT, message: error.message, field: error.location.path ? `claim.${error.location.path}` : 'claim' });
      return undefined;
    }
  }

  private actor(): string {
    return actorOf(this.socket.handshake.address);
  }

  private problem(problem: SocketProblem): void {
    this.socket.emit('error', problem);
  }

  /** Something unexpected: the socket is told, the service logs the code, and later messages are still answered. */
  private failed(error: unknown): void {
    const code = error instanceof ScrubjayError ? error.code : 'INTERNAL';
    const message = error instanceof Error ? error.message : String(error);
    this.context.logger.error({ event: 'chat', socket: this.socket.id, error: { code, message } }, 'chat message failed');
    this.problem({ event: EVENT, message: code.startsWith('STORE') ? 'the claim could not be kept; try again' : 'the message could not be answered; try again', field: null });
  }
}

/** The one claim a FHIR resource or 837 text holds; a chat is about one claim at a time. */
function onlyClaim(read: readonly ClaimFromFile[], name: string): ClaimInput {
  if (read.length !== 1) throw new ScrubjayError('INPUT_NOT_A_CLAIM', `${name} holds ${read.length} claims; send one at a time`, { file: name });
  const [item] = read;
  if (!item?.claim) throw new ScrubjayError('INPUT_NOT_A_CLAIM', `${name} could not be read: ${item?.problems.map((p) => p.message).join('; ') || 'no claim in it'}`, { file: name });
  return item.claim;
}

function clip(id: string | null): string | null {
  return id !== null && id.length > 64 ? `${id.slice(0, 64)}…` : id;
}
