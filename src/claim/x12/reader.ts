/**
 * Segments → claims: the envelopes (`envelopes.ts`), the HL hierarchy (`hierarchy.ts`), the
 * loop each segment belongs to (`walk.ts`) and what it writes into the claim
 * (`mapping/`) meet here. A claim is handed over as soon as its 2300 loop ends, so memory
 * stays flat however many claims a file holds.
 *
 * A file none of whose transaction sets is an 837 (an 835 remittance, a 277
 * acknowledgment) is refused as a whole at its end, with a `ScrubjayError`.
 */
import type { ClaimFromFile } from '../source.js';
import { assembleClaim, BillingDraft, ClaimDraft, SubscriberDraft, type LineDraft } from './drafts.js';
import { Envelopes, type Transaction } from './envelopes.js';
import { checkPatient, checkSubscriber, openLevel } from './hierarchy.js';
import { X12Claim } from './locate.js';
import { mapSegment } from './mapping/index.js';
import { problem, segmentLocation, segmentRef } from './problems.js';
import { ClaimQueue } from './queue.js';
import type { IsaHeader } from './separators.js';
import type { SegmentSink, SegmentView } from './segments.js';
import { ReadState } from './state.js';
import { quote } from './values.js';
import { describe, LoopCursor } from './walk.js';

export class Claims837Reader implements SegmentSink {
  private readonly queue = new ClaimQueue();
  private readonly s: ReadState;
  private readonly envelopes: Envelopes;
  private readonly cursor: LoopCursor;

  constructor(private readonly file: string) {
    this.s = new ReadState(file, this.queue);
    this.envelopes = new Envelopes(this.s, this);
    this.cursor = new LoopCursor(this.s, this);
  }

  /** Claims finished since the last call. */
  take(): ClaimFromFile[] {
    return this.queue.take();
  }

  /** Every finished claim, the one held for its envelope's trailers too: the file can be read no further. */
  takeAll(): ClaimFromFile[] {
    return this.queue.takeAll();
  }

  interchange(header: IsaHeader, n: number): void {
    this.envelopes.interchange(header, n);
  }

  segment(el: SegmentView, n: number): void {
    const id = el.id;
    const tx = this.s.tx;
    if (tx !== null) tx.count++;
    switch (id) {
      case 'ST':
        return this.envelopes.openTransaction(el, n);
      case 'SE':
        return this.envelopes.closeTransaction(el, n);
      case 'GS':
        return this.envelopes.openGroup(el, n);
      case 'GE':
        return this.envelopes.closeGroup(el, n);
      case 'IEA':
        return this.envelopes.closeInterchange(el, n);
    }
    if (tx === null) {
      this.queue.loose(problem('error', 'x12-envelope', `${describe(id, el)} at ${segmentRef(n)} stands outside any ST..SE transaction set; it was not read.`, segmentLocation(id, null, n)));
      return;
    }
    if (tx.mode === 'professional') {
      if (id === 'HL') {
        this.finishClaim();
        this.cursor.restart(openLevel(this.s, el, n), 'HL');
      } else {
        const loop = this.cursor.place(id, el, n);
        if (loop !== null) mapSegment(this.s, loop, id, el, n);
      }
    } else if (tx.mode === 'institutional') {
      if (id === 'CLM') this.startInstitutionalClaim(el, n);
      else if (id === 'HL') this.finishClaim();
    }
  }

  unterminated(n: number): void {
    this.queue.loose(problem('warning', 'x12-truncated', `The file ends without a segment terminator after ${segmentRef(n)}; it may have been cut off.`, segmentLocation('(last segment)', null, n)));
  }

  /** The end of the file: closes what is still open and hands over the last claims. */
  finish(lastSegment: number): void {
    const queue = this.queue;
    const refusal = this.envelopes.refusal();
    if (refusal !== null) {
      queue.discard();
      throw refusal;
    }
    this.envelopes.closeOpen('the end of the file', true);
    queue.releaseHeld();
    if (queue.count === 0) queue.carry.push(problem('error', 'x12-no-claims', 'The file holds no 837 transaction set (ST..SE), so it holds no claim.'));
    // what is left over belongs to no claim: it is handed over as a record of its own, which needs an error to say why it has no claim
    if (queue.carry.length > 0 && !queue.carry.some((p) => p.severity === 'error')) {
      queue.carry.push(problem('error', 'x12-no-claims', `The file ends at ${segmentRef(lastSegment)} with envelope segments that hold no claim.`));
    }
    if (queue.carry.length > 0) {
      const problems = queue.carry;
      queue.carry = [];
      queue.emit({ format: 'x12', file: this.file, index: queue.nextIndex(), claim: null, problems });
    }
    queue.releaseHeld();
  }

  /** Forgets the HL levels and goes back to the transaction header (a transaction set opens or closes). */
  resetHierarchy(): void {
    this.s.resetLevels();
    this.cursor.reset();
  }

  /** A CLM starts loop 2300: the claim before it is handed over, the level above checked, and a new claim begun. */
  startClaim(n: number): void {
    this.finishClaim();
    const s = this.s;
    this.queue.releaseHeld();
    if (s.level === 'subscriber' && s.subscriber !== null) checkSubscriber(s.subscriber);
    else if (s.level === 'patient' && s.patient !== null) checkPatient(s.patient);
    s.claim = new ClaimDraft(n);
    s.line = null;
    (s.tx as Transaction).claims++;
  }

  /** In an 837I only the claim ids are read, to say which claims were not checked. */
  private startInstitutionalClaim(el: SegmentView, n: number): void {
    this.finishClaim();
    this.queue.releaseHeld();
    const claim = new ClaimDraft(n);
    claim.claimId = el.value(1);
    claim.institutional = true;
    this.s.claim = claim;
    (this.s.tx as Transaction).claims++;
  }

  /** Hands over the claim being read, with what is missing from it. */
  finishClaim(): void {
    const s = this.s;
    const claim = s.claim;
    if (claim === null) return;
    s.claim = null;
    s.line = null;
    const tx = s.tx as Transaction;
    const queue = this.queue;
    if (claim.institutional) {
      const own = problem(
        'error',
        'x12-institutional',
        `Claim ${quote(claim.claimId ?? '')} (CLM at ${segmentRef(claim.clmAt)}) is an institutional claim (837I${tx.version === null ? '' : `, ${tx.version}`}): institutional claims are not yet supported, so it was not checked.`,
        segmentLocation('CLM', '2300', claim.clmAt),
      );
      const professional = tx.mode === 'professional';
      const problems = s.problemsFor(tx, professional ? s.billing : null, professional ? s.subscriber : null, professional ? s.patient : null, [own, ...claim.problems]);
      queue.emit({ format: 'x12', file: this.file, index: queue.nextIndex(), claim: null, problems });
      return;
    }
    if (claim.hiAt === 0) {
      claim.problems.push(problem('error', 'x12-missing-segment', `Claim ${quote(claim.claimId ?? '')} (CLM at ${segmentRef(claim.clmAt)}) has no HI segment: its diagnoses are missing.`, segmentLocation('CLM', '2300', claim.clmAt), 'diagnoses'));
    }
    if (claim.lines.length === 0) {
      claim.problems.push(problem('error', 'x12-missing-loop', `Claim ${quote(claim.claimId ?? '')} (CLM at ${segmentRef(claim.clmAt)}) has no service line (loop 2400, LX and SV1).`, segmentLocation('CLM', '2300', claim.clmAt), 'lines'));
    }
    for (let i = 0; i < claim.lines.length; i++) {
      const line = claim.lines[i] as LineDraft;
      if (line.sv1At === 0) {
        claim.problems.push(problem('error', 'x12-missing-segment', `Service line ${i + 1} (LX at ${segmentRef(line.lxAt)}) has no SV1 segment: its procedure, charge and units are missing.`, segmentLocation('LX', '2400', line.lxAt), `lines[${i}]`));
      }
    }
    const billing = s.billing ?? new BillingDraft('', 0);
    const subscriber = s.subscriber ?? new SubscriberDraft('', 0);
    const patient = s.level === 'patient' ? s.patient : null;
    const context = { submissionDate: tx.submissionDate, bhtAt: tx.bhtAt, billing, subscriber, patient, claim };
    queue.emit(new X12Claim(this.file, queue.nextIndex(), assembleClaim(context), s.problemsFor(tx, billing, subscriber, patient, claim.problems), context));
  }
}
