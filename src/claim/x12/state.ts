/**
 * Where the reader stands in the file: the open envelopes, the HL level, and the drafts
 * being filled at each level. The envelope, hierarchy, loop and mapping modules share this
 * one object, so each reads what it needs without the reader handing it along.
 *
 * A problem belongs to the level it was found at: one in a billing provider loop goes
 * with every claim under that provider, one in a claim with that claim only.
 */
import type { InputProblem } from '../source.js';
import type { BillingDraft, ClaimDraft, LineDraft, PatientDraft, SubscriberDraft } from './drafts.js';
import type { Group, Interchange, Transaction } from './envelopes.js';
import type { ClaimQueue } from './queue.js';

/** The HL level being read: 2000A billing provider, 2000B subscriber, 2000C patient. */
export type Level = 'header' | 'billing' | 'subscriber' | 'patient' | 'unknown';

const NONE: InputProblem[] = [];

export class ReadState {
  /** the component separator (ISA16) of the interchange being read */
  component = ':';
  isa: Interchange | null = null;
  gs: Group | null = null;
  tx: Transaction | null = null;

  level: Level = 'header';
  billing: BillingDraft | null = null;
  subscriber: SubscriberDraft | null = null;
  patient: PatientDraft | null = null;
  claim: ClaimDraft | null = null;
  line: LineDraft | null = null;
  /** loops allowed once per other subscriber (2320), seen so far in the current one */
  readonly otherSubscriber = { seen: 0 };

  constructor(
    readonly file: string,
    readonly queue: ClaimQueue,
  ) {}

  /** The problem list of the innermost level being read. */
  scope(): InputProblem[] {
    return (this.claim ?? this.patient ?? this.subscriber ?? this.billing ?? this.tx)?.problems ?? this.queue.carry;
  }

  /** Forgets the HL levels of the transaction just closed. */
  resetLevels(): void {
    this.level = 'header';
    this.billing = null;
    this.subscriber = null;
    this.patient = null;
    this.claim = null;
    this.line = null;
  }

  /** Every problem that goes with a record: the carried ones, its envelopes', its hierarchy levels' and its own. */
  problemsFor(tx: Transaction, billing: BillingDraft | null, subscriber: SubscriberDraft | null, patient: PatientDraft | null, own: InputProblem[]): InputProblem[] {
    const queue = this.queue;
    const lists = [queue.carry, this.isa?.problems ?? NONE, this.gs?.problems ?? NONE, tx.problems, billing?.problems ?? NONE, subscriber?.problems ?? NONE, patient?.problems ?? NONE, own];
    queue.carry = [];
    const all: InputProblem[] = [];
    for (const list of lists) for (const p of list) all.push(p);
    return all;
  }
}
