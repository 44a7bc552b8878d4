/**
 * Segments → claims: follows the ISA/GS/ST envelopes and the 837P hierarchy (billing
 * provider → subscriber → patient → claim → service line), maps each segment onto the
 * claim being built, and hands a claim over as soon as its 2300 loop ends, so memory
 * stays flat however many claims a file holds.
 *
 * A problem belongs to the level it was found at: one in a billing provider loop goes
 * with every claim under that provider, one in a claim with that claim only. Trailer
 * problems (SE/GE/IEA counts) are known only after the claims they close: they go with
 * the last claim of the envelope, which is therefore held back until the trailers are read.
 */
import type { ClaimFromFile, InputProblem } from '../source.js';
import { assembleClaim, BillingDraft, ClaimDraft, LineDraft, PatientDraft, SubscriberDraft, type PartyAt, type PersonDraft, type ProviderDraft } from './drafts.js';
import { X12Claim } from './locate.js';
import { BILLING_PROVIDER, HEADER, PATIENT, resolve, SUBSCRIBER, type LoopDef } from './loops.js';
import { problem, segmentLocation, segmentRef } from './problems.js';
import type { IsaHeader } from './separators.js';
import type { SegmentSink, SegmentView } from './segments.js';
import { components, date8, dateRange, decimal, quote, UNREADABLE, type Read } from './values.js';

interface Interchange {
  control: string;
  at: number;
  groups: number;
  problems: InputProblem[];
}

interface Group {
  control: string;
  version: string | null;
  at: number;
  transactions: number;
  problems: InputProblem[];
}

type TransactionMode = 'professional' | 'institutional' | 'other';

interface Transaction {
  control: string;
  type: string;
  version: string | null;
  mode: TransactionMode;
  at: number;
  /** segments from ST on, as SE01 counts them */
  count: number;
  claims: number;
  submissionDate: string | null;
  bhtAt: number;
  seen: number;
  problems: InputProblem[];
}

type Level = 'header' | 'billing' | 'subscriber' | 'patient' | 'unknown';

const NONE: InputProblem[] = [];
const VALID_SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;

function childBit(parent: LoopDef, id: string): number {
  const child = parent.children.find((c) => c.id === id);
  if (child === undefined) throw new Error(`loop ${id} is not a child of ${parent.id}`);
  return child.bit;
}
const BIT_2010AA = childBit(BILLING_PROVIDER, '2010AA');
const BIT_2010BA = childBit(SUBSCRIBER, '2010BA');
const BIT_2010BB = childBit(SUBSCRIBER, '2010BB');
const BIT_2010CA = childBit(PATIENT, '2010CA');

/** SBR09 claim filing indicator → the contract's payer kind. */
function payerKind(indicator: string | null): string | null {
  switch (indicator) {
    case null:
      return null;
    case 'MA':
    case 'MB':
      return 'medicare';
    case 'MC':
      return 'medicaid';
    case 'CH':
      return 'tricare';
    case 'WC':
      return 'workers-comp';
    case 'ZZ':
      return 'other';
    default:
      return 'commercial';
  }
}

/** PAT01 individual relationship code → the contract's relationship. */
function relationship(code: string): string {
  switch (code) {
    case '01':
      return 'spouse';
    case '19':
    // 004010 child codes: adopted, foster, step-, and a child the insured is not responsible for
    case '09':
    case '10':
    case '17':
    case '43':
      return 'child';
    default:
      return 'other';
  }
}

/** HI qualifiers of 837P HI segments that hold no diagnoses (anesthesia procedures, condition codes). */
const NON_DIAGNOSIS_HI = new Set(['BP', 'BO', 'BG']);
const DIAGNOSIS_QUALIFIERS = new Set(['ABK', 'ABF', 'BK', 'BF']);

function versionProblem(version: string | null): string | null {
  if (version === null) return 'the transaction names no implementation guide (no ST03 and no GS08); it was read as 005010X222A1';
  if (version === '005010X222A1' || version === '005010X222A2') return null;
  if (version.startsWith('005010X222')) return `${quote(version)} is not the 005010X222A1 guide payers require (its errata); it was read as 005010X222A1`;
  if (version.startsWith('004010X098')) return `${quote(version)} is the 4010 guide, retired in 2012; it was read with the 5010 loop mapping where the two agree`;
  return `${quote(version)} is not an 837P guide version (005010X222A1); it was read as one`;
}

function isInstitutional(version: string | null): boolean {
  return version !== null && (version.includes('X223') || version.includes('X096'));
}

export class Claims837Reader implements SegmentSink {
  private out: ClaimFromFile[] = [];
  /** the last finished claim, kept until its envelope's trailers have been read */
  private held: ClaimFromFile | null = null;
  /** problems with no claim to go with yet: they go with the next one */
  private carry: InputProblem[] = [];
  private index = 0;
  private component = ':';

  private isa: Interchange | null = null;
  private gs: Group | null = null;
  private tx: Transaction | null = null;

  private level: Level = 'header';
  private loop: LoopDef | null = null;
  private lastOrder = 0;
  private lastId = '';
  /** segments of the current loop that may appear once, seen so far (bits by their order) */
  private used = 0;
  /** false inside a loop repeated beyond what the guide allows: its segments are not read */
  private mapping = true;
  private billing: BillingDraft | null = null;
  private subscriber: SubscriberDraft | null = null;
  private patient: PatientDraft | null = null;
  private claim: ClaimDraft | null = null;
  private line: LineDraft | null = null;
  private readonly otherSubscriber = { seen: 0 };

  constructor(private readonly file: string) {}

  /** Claims finished since the last call. */
  take(): ClaimFromFile[] {
    const ready = this.out;
    if (ready.length > 0) this.out = [];
    return ready;
  }

  /** Every finished claim, the one held for its envelope's trailers too: the file can be read no further. */
  takeAll(): ClaimFromFile[] {
    this.releaseHeld();
    return this.take();
  }

  // ---- envelopes ----------------------------------------------------------------

  interchange(header: IsaHeader, n: number): void {
    this.releaseHeld();
    this.closeOpenEnvelopes(`the ISA at segment ${n}`);
    const problems: InputProblem[] = [];
    const location = segmentLocation('ISA', null, n);
    if (header.widthProblems.length > 0) {
      problems.push(problem('warning', 'x12-isa-format', `The ISA header at ${segmentRef(n)} is not in its fixed 106-character format: ${header.widthProblems.join('; ')}. It was read by its separators.`, location));
    }
    if (header.repetitionProblem !== null) problems.push(problem('warning', 'x12-isa-format', `At ${segmentRef(n)}: ${header.repetitionProblem}.`, location));
    this.isa = { control: (header.elements[13] ?? '').trim(), at: n, groups: 0, problems };
    this.component = header.separators.component;
  }

  segment(el: SegmentView, n: number): void {
    const id = el.id;
    const tx = this.tx;
    if (tx !== null) tx.count++;
    switch (id) {
      case 'ST':
        return this.openTransaction(el, n);
      case 'SE':
        return this.closeTransaction(el, n);
      case 'GS':
        return this.openGroup(el, n);
      case 'GE':
        return this.closeGroup(el, n);
      case 'IEA':
        return this.closeInterchange(el, n);
    }
    if (tx === null) {
      this.loose(problem('error', 'x12-envelope', `${this.describe(id, el)} at ${segmentRef(n)} stands outside any ST..SE transaction set; it was not read.`, segmentLocation(id, null, n)));
      return;
    }
    if (tx.mode === 'professional') {
      if (id === 'HL') this.hierarchy(el, n);
      else this.professional(id, el, n);
    } else if (tx.mode === 'institutional') {
      if (id === 'CLM') this.startInstitutionalClaim(el, n);
      else if (id === 'HL') this.finishClaim();
    }
  }

  unterminated(n: number): void {
    this.loose(problem('warning', 'x12-truncated', `The file ends without a segment terminator after ${segmentRef(n)}; it may have been cut off.`, segmentLocation('(last segment)', null, n)));
  }

  /** The end of the file: closes what is still open and hands over the last claims. */
  finish(lastSegment: number): void {
    this.closeOpenEnvelopes('the end of the file', true);
    this.releaseHeld();
    if (this.index === 0) this.carry.push(problem('error', 'x12-no-claims', 'The file holds no 837 transaction set (ST..SE), so it holds no claim.'));
    // what is left over belongs to no claim: it is handed over as a record of its own, which needs an error to say why it has no claim
    if (this.carry.length > 0 && !this.carry.some((p) => p.severity === 'error')) {
      this.carry.push(problem('error', 'x12-no-claims', `The file ends at ${segmentRef(lastSegment)} with envelope segments that hold no claim.`));
    }
    if (this.carry.length > 0) this.emitNull(NONE);
    this.releaseHeld();
  }

  /** Closes envelopes left open; at the end of the file an envelope that never got a transaction means the file was cut off. */
  private closeOpenEnvelopes(before: string, atEnd = false): void {
    if (this.tx !== null) this.abandonTransaction(before);
    this.abandonGroup(before, atEnd);
    const isa = this.isa;
    if (isa !== null) {
      const empty = atEnd && isa.groups === 0;
      this.loose(
        empty
          ? problem('error', 'x12-truncated', `Interchange ${quote(isa.control)} (ISA at ${segmentRef(isa.at)}) holds no functional group before the end of the file; the file looks cut off.`, segmentLocation('ISA', null, isa.at))
          : problem('warning', 'x12-envelope', `Interchange ${quote(isa.control)} (ISA at ${segmentRef(isa.at)}) has no IEA trailer before ${before}.`, segmentLocation('ISA', null, isa.at)),
      );
      this.isa = null;
    }
  }

  /** Closes a functional group that ends without its GE; at the end of the file one that never got a transaction means the file was cut off. */
  private abandonGroup(before: string, atEnd = false): void {
    const gs = this.gs;
    if (gs === null) return;
    const empty = atEnd && gs.transactions === 0;
    this.loose(
      empty
        ? problem('error', 'x12-truncated', `Functional group ${quote(gs.control)} (GS at ${segmentRef(gs.at)}) holds no transaction before the end of the file; the file looks cut off.`, segmentLocation('GS', null, gs.at))
        : problem('warning', 'x12-envelope', `Functional group ${quote(gs.control)} (GS at ${segmentRef(gs.at)}) has no GE trailer before ${before}.`, segmentLocation('GS', null, gs.at)),
    );
    this.gs = null;
  }

  private openGroup(el: SegmentView, n: number): void {
    this.releaseHeld();
    if (this.tx !== null) this.abandonTransaction(`the GS at segment ${n}`);
    this.abandonGroup(`the GS at segment ${n}`);
    const problems: InputProblem[] = [];
    if (this.isa === null) problems.push(problem('warning', 'x12-envelope', `The GS at ${segmentRef(n)} stands outside any ISA..IEA interchange.`, segmentLocation('GS', null, n)));
    else this.isa.groups++;
    this.gs = { control: el.value(6) ?? '', version: el.value(8), at: n, transactions: 0, problems };
  }

  private closeGroup(el: SegmentView, n: number): void {
    if (this.tx !== null) this.abandonTransaction(`the GE at segment ${n}`);
    const gs = this.gs;
    const location = segmentLocation('GE', null, n);
    if (gs === null) {
      this.loose(problem('warning', 'x12-envelope', `The GE at ${segmentRef(n)} closes no functional group (no GS before it).`, location));
      return;
    }
    this.checkCount('GE01', el.value(1), gs.transactions, `transaction sets in functional group ${quote(gs.control)}`, n, location);
    this.checkControl('GE02', el.value(2), 'GS06', gs.control, n, location);
    this.gs = null;
  }

  private closeInterchange(el: SegmentView, n: number): void {
    if (this.tx !== null) this.abandonTransaction(`the IEA at segment ${n}`);
    this.abandonGroup(`the IEA at segment ${n}`);
    const isa = this.isa;
    const location = segmentLocation('IEA', null, n);
    if (isa === null) {
      this.loose(problem('warning', 'x12-envelope', `The IEA at ${segmentRef(n)} closes no interchange (no ISA before it).`, location));
      return;
    }
    this.checkCount('IEA01', el.value(1), isa.groups, `functional groups in interchange ${quote(isa.control)}`, n, location);
    this.checkControl('IEA02', el.value(2), 'ISA13', isa.control, n, location);
    this.isa = null;
  }

  private openTransaction(el: SegmentView, n: number): void {
    this.releaseHeld();
    if (this.tx !== null) this.abandonTransaction(`the ST at segment ${n}`);
    const problems: InputProblem[] = [];
    const location = segmentLocation('ST', null, n);
    const gs = this.gs;
    if (gs === null) problems.push(problem('warning', 'x12-envelope', `The ST at ${segmentRef(n)} stands outside any GS..GE functional group.`, location));
    else gs.transactions++;
    const type = el.value(1) ?? '';
    const st03 = el.value(3);
    const version = st03 ?? gs?.version ?? null;
    const mode: TransactionMode = type !== '837' ? 'other' : isInstitutional(version) ? 'institutional' : 'professional';
    if (mode !== 'other' && st03 !== null && gs !== null && gs.version !== null && st03 !== gs.version) {
      problems.push(problem('warning', 'x12-version', `ST03 at ${segmentRef(n)} says ${quote(st03)} but GS08 of its functional group (segment ${gs.at}) says ${quote(gs.version)}; the transaction was read as ${quote(st03)}.`, location));
    }
    if (mode === 'professional') {
      const note = versionProblem(version);
      if (note !== null) problems.push(problem('warning', 'x12-version', `Transaction ${quote(el.value(2) ?? '')} at ${segmentRef(n)}: ${note}.`, location));
    }
    this.tx = { control: el.value(2) ?? '', type, version, mode, at: n, count: 1, claims: 0, submissionDate: null, bhtAt: 0, seen: 0, problems };
    this.resetHierarchy();
  }

  private closeTransaction(el: SegmentView, n: number): void {
    const tx = this.tx;
    const location = segmentLocation('SE', null, n);
    if (tx === null) {
      this.loose(problem('warning', 'x12-envelope', `The SE at ${segmentRef(n)} closes no transaction set (no ST before it).`, location));
      return;
    }
    this.finishClaim();
    if (tx.claims === 0) this.emitEmptyTransaction(tx, null);
    this.checkCount('SE01', el.value(1), tx.count, `segments in transaction ${quote(tx.control)} (ST to SE)`, n, location);
    this.checkControl('SE02', el.value(2), 'ST02', tx.control, n, location);
    this.tx = null;
    this.resetHierarchy();
  }

  /** A transaction that ends without its SE: the claim being read may be cut short. */
  private abandonTransaction(before: string): void {
    const tx = this.tx as Transaction;
    const what = `Transaction ${quote(tx.control)} (ST at ${segmentRef(tx.at)}) has no SE trailer before ${before}`;
    if (this.claim !== null) {
      this.claim.problems.push(problem('error', 'x12-truncated', `${what}: this claim may be cut short (lines or data missing).`, segmentLocation('CLM', '2300', this.claim.clmAt)));
      this.finishClaim();
    } else if (tx.claims === 0) {
      this.emitEmptyTransaction(tx, problem('error', 'x12-truncated', `${what}; the file looks cut off.`, segmentLocation('ST', null, tx.at)));
    } else {
      this.loose(problem('error', 'x12-truncated', `${what}: whatever followed the last claim is missing.`, segmentLocation('ST', null, tx.at)));
    }
    this.tx = null;
    this.resetHierarchy();
  }

  private emitEmptyTransaction(tx: Transaction, extra: InputProblem | null): void {
    const location = segmentLocation('ST', null, tx.at);
    const own =
      tx.mode === 'other'
        ? problem('error', 'x12-not-a-claim', `Transaction set ${quote(tx.type)} (ST at ${segmentRef(tx.at)}) is not an 837 claim transaction; it was skipped.`, location)
        : problem('error', 'x12-no-claims', `Transaction ${quote(tx.control)} (ST at ${segmentRef(tx.at)}) holds no claim (no CLM segment).`, location);
    const problems = this.scopeProblems(tx, this.billing, this.subscriber, this.patient, extra === null ? [own] : [own, extra]);
    this.emit({ format: 'x12', file: this.file, index: this.index++, claim: null, problems });
  }

  private checkCount(name: string, written: string | null, actual: number, what: string, n: number, location: string): void {
    if (written !== null && /^\d+$/.test(written) && Number(written) === actual) return;
    this.loose(problem('warning', 'x12-control-count', `${name} at ${segmentRef(n)} says ${written === null ? '(nothing)' : quote(written)}, but there are ${actual} ${what}.`, location));
  }

  private checkControl(name: string, written: string | null, headerName: string, header: string, n: number, location: string): void {
    if ((written ?? '') === header) return;
    this.loose(problem('warning', 'x12-control-number', `${name} at ${segmentRef(n)} is ${quote(written ?? '')}, but ${headerName} of its header is ${quote(header)}.`, location));
  }

  // ---- hierarchy ----------------------------------------------------------------

  private resetHierarchy(): void {
    this.level = 'header';
    this.loop = HEADER;
    this.lastOrder = 0;
    this.used = 0;
    this.lastId = 'ST';
    this.mapping = true;
    this.billing = null;
    this.subscriber = null;
    this.patient = null;
    this.claim = null;
    this.line = null;
  }

  private hierarchy(el: SegmentView, n: number): void {
    this.finishClaim();
    const tx = this.tx as Transaction;
    const hlId = el.value(1) ?? '';
    const parentId = el.value(2);
    const levelCode = el.value(3);
    this.lastOrder = 0;
    this.used = 0;
    this.lastId = 'HL';
    this.mapping = true;
    switch (levelCode) {
      case '20':
        this.billing = new BillingDraft(hlId, n);
        this.subscriber = null;
        this.patient = null;
        this.level = 'billing';
        this.loop = BILLING_PROVIDER;
        return;
      case '22': {
        let billing = this.billing;
        const subscriber = new SubscriberDraft(hlId, n);
        if (billing === null) {
          billing = this.billing = new BillingDraft('', 0);
          billing.checked = true;
          subscriber.problems.push(problem('error', 'x12-missing-loop', `Subscriber HL ${quote(hlId)} at ${segmentRef(n)} has no billing provider HL (HL03 = 20) before it: loop 2000A is missing, so its claims have no billing provider.`, segmentLocation('HL', '2000B', n)));
        } else {
          this.checkBillingProvider(billing);
          const misplaced = parentMismatch(hlId, parentId, n, billing, 'billing provider', "that provider's subscriber", '2000B');
          if (misplaced !== null) subscriber.problems.push(misplaced);
        }
        this.subscriber = subscriber;
        this.patient = null;
        this.level = 'subscriber';
        this.loop = SUBSCRIBER;
        return;
      }
      case '23': {
        let subscriber = this.subscriber;
        const patient = new PatientDraft(hlId, n);
        if (subscriber === null) {
          subscriber = this.subscriber = new SubscriberDraft('', 0);
          subscriber.checked = true;
          if (this.billing === null) this.billing = new BillingDraft('', 0);
          patient.problems.push(problem('error', 'x12-missing-loop', `Patient HL ${quote(hlId)} at ${segmentRef(n)} has no subscriber HL (HL03 = 22) before it: loop 2000B is missing, so its claims have no subscriber or payer.`, segmentLocation('HL', '2000C', n)));
        } else {
          this.checkSubscriber(subscriber);
          const misplaced = parentMismatch(hlId, parentId, n, subscriber, 'subscriber', "that subscriber's patient", '2000C');
          if (misplaced !== null) patient.problems.push(misplaced);
        }
        this.patient = patient;
        this.level = 'patient';
        this.loop = PATIENT;
        return;
      }
      default:
        this.level = 'unknown';
        this.loop = null;
        tx.problems.push(problem('error', 'x12-hierarchy', `HL ${quote(hlId)} at ${segmentRef(n)} has level code ${levelCode === null ? '(none)' : quote(levelCode)} in HL03; an 837P has 20 (billing provider), 22 (subscriber) and 23 (patient), so the segments up to the next HL were not read.`, segmentLocation('HL', null, n)));
    }
  }

  private checkBillingProvider(billing: BillingDraft): void {
    if (billing.checked) return;
    billing.checked = true;
    if ((billing.seen & BIT_2010AA) === 0) {
      billing.problems.push(problem('error', 'x12-missing-loop', `Billing provider HL ${quote(billing.hlId)} (${segmentRef(billing.hlAt)}) has no loop 2010AA (NM1*85, billing provider name): its claims have no billing provider NPI, name or address.`, segmentLocation('HL', '2000A', billing.hlAt), 'billingProvider'));
      return;
    }
    const at = billing.at;
    if (at.n3 === 0) billing.problems.push(problem('error', 'x12-missing-segment', `Loop 2010AA (billing provider name, NM1*85 at ${segmentRef(at.nm1)}) has no N3 segment: the billing provider's street address is missing.`, segmentLocation('NM1', '2010AA', at.nm1), 'billingProvider.address.line1'));
    if (at.n4 === 0) billing.problems.push(problem('error', 'x12-missing-segment', `Loop 2010AA (billing provider name, NM1*85 at ${segmentRef(at.nm1)}) has no N4 segment: the billing provider's city, state and ZIP code are missing.`, segmentLocation('NM1', '2010AA', at.nm1), 'billingProvider.address'));
  }

  private checkSubscriber(subscriber: SubscriberDraft): void {
    if (subscriber.checked) return;
    subscriber.checked = true;
    if (subscriber.hasSbr && (subscriber.seen & BIT_2010BA) !== 0 && (subscriber.seen & BIT_2010BB) !== 0) return;
    const location = segmentLocation('HL', '2000B', subscriber.hlAt);
    const where = `Subscriber HL ${quote(subscriber.hlId)} (${segmentRef(subscriber.hlAt)})`;
    if (!subscriber.hasSbr) subscriber.problems.push(problem('error', 'x12-missing-segment', `${where} has no SBR segment: the payer kind (SBR09) and group number (SBR03) are unknown.`, location, 'payer.kind'));
    if ((subscriber.seen & BIT_2010BA) === 0) subscriber.problems.push(problem('error', 'x12-missing-loop', `${where} has no loop 2010BA (NM1*IL, subscriber name): the subscriber's name and member id are missing.`, location, 'subscriber'));
    if ((subscriber.seen & BIT_2010BB) === 0) subscriber.problems.push(problem('error', 'x12-missing-loop', `${where} has no loop 2010BB (NM1*PR, payer name): the payer is missing.`, location, 'payer'));
  }

  private checkPatient(patient: PatientDraft): void {
    if ((patient.seen & BIT_2010CA) === 0) {
      patient.seen |= BIT_2010CA;
      patient.problems.push(problem('error', 'x12-missing-loop', `Patient HL ${quote(patient.hlId)} (${segmentRef(patient.hlAt)}) has no loop 2010CA (NM1*QC, patient name): the patient's name, birth date and sex are missing.`, segmentLocation('HL', '2000C', patient.hlAt), 'patient'));
    }
  }

  // ---- loops and segments -------------------------------------------------------

  private professional(id: string, el: SegmentView, n: number): void {
    const loop = this.loop;
    if (loop === null) return; // inside an HL of unknown level, reported at its HL
    const order = loop.segments.get(id);
    if (order !== undefined) {
      const bit = loop.onceMask & (1 << order);
      if (bit !== 0) {
        if ((this.used & bit) !== 0) {
          this.scope().push(problem('error', 'x12-repeat', `${this.describe(id, el)} at ${segmentRef(n)} repeats in loop ${loop.id} (${loop.name}), which may hold it once; the repeat was not read.`, segmentLocation(id, loop.id, n)));
          return;
        }
        this.used |= bit;
      }
      if (order < this.lastOrder) {
        this.scope().push(problem('warning', 'x12-segment-order', `${this.describe(id, el)} at ${segmentRef(n)} stands after ${this.lastId} in loop ${loop.id} (${loop.name}), but the 837P puts it before; it was read anyway.`, segmentLocation(id, loop.id, n)));
      } else {
        this.lastOrder = order;
        this.lastId = id;
      }
      if (this.mapping) this.map(loop, id, el, n);
      return;
    }
    const found = resolve(loop, id, el.get(1));
    if (found.kind === 'loop') {
      if (found.backward) {
        this.scope().push(problem('warning', 'x12-segment-order', `${this.describe(id, el)} at ${segmentRef(n)} starts loop ${found.loop.id} (${found.loop.name}) after loop ${loop.id} (${loop.name}), but the 837P puts it before; it was read anyway.`, segmentLocation(id, found.loop.id, n)));
      }
      this.enter(found.loop, id, el, n);
    } else if (found.kind === 'segment') {
      this.scope().push(problem('warning', 'x12-segment-order', `${this.describe(id, el)} at ${segmentRef(n)} belongs to loop ${found.loop.id} (${found.loop.name}) but stands after loop ${loop.id} (${loop.name}) has begun; it was read anyway.`, segmentLocation(id, found.loop.id, n)));
      this.map(found.loop, id, el, n);
    } else {
      this.unknownSegment(id, el, n, loop);
    }
  }

  private unknownSegment(id: string, el: SegmentView, n: number, loop: LoopDef): void {
    const location = segmentLocation(VALID_SEGMENT_ID.test(id) ? id : '(unknown)', loop.id, n);
    const message = VALID_SEGMENT_ID.test(id)
      ? `${this.describe(id, el)} at ${segmentRef(n)} does not belong in loop ${loop.id} (${loop.name}) of an 837P, nor starts a loop that may follow there; it was not read.`
      : `${segmentRef(n).replace('segment', 'Segment')} has no valid segment id (${quote(id)} in ${quote(el.raw())}); it was not read.`;
    this.scope().push(problem('error', 'x12-unknown-segment', message, location));
  }

  /** NM1*85, REF*EI, DTP*472: the segment with its qualifier, for messages. */
  private describe(id: string, el: SegmentView): string {
    const first = el.get(id === 'HL' ? 3 : 1);
    if ((id === 'NM1' || id === 'REF' || id === 'DTP' || id === 'HL' || id === 'PRV' || id === 'SBR') && first.length > 0 && first.length <= 3) {
      return `${id}*${first}`;
    }
    return id;
  }

  /** The problem list of the innermost level being read. */
  private scope(): InputProblem[] {
    return (this.claim ?? this.patient ?? this.subscriber ?? this.billing ?? this.tx)?.problems ?? this.carry;
  }

  private seenHolder(parent: LoopDef): { seen: number } | null {
    switch (parent.id) {
      case 'header':
        return this.tx;
      case '2000A':
        return this.billing;
      case '2000B':
        return this.subscriber;
      case '2000C':
        return this.patient;
      case '2300':
        return this.claim;
      case '2400':
        return this.line;
      case '2320':
        return this.otherSubscriber;
      default:
        return null;
    }
  }

  private enter(loop: LoopDef, id: string, el: SegmentView, n: number): void {
    this.lastOrder = 0;
    this.used = 0;
    this.lastId = id;
    if (loop.id === '2300') {
      this.startClaim(loop, el, n);
      return;
    }
    this.loop = loop;
    this.mapping = true;
    if (loop.id === '2400') this.line = this.startLine(n);
    else if (loop.id === '2320') this.otherSubscriber.seen = 0;
    const holder = loop.parent === null ? null : this.seenHolder(loop.parent);
    if (loop.once && holder !== null) {
      if ((holder.seen & loop.bit) !== 0) {
        this.mapping = false;
        this.scope().push(problem('error', 'x12-repeat', `Loop ${loop.id} (${loop.name}) starts again with ${this.describe(id, el)} at ${segmentRef(n)}; the 837P allows it once in loop ${loop.parent?.id}, so this repeat was not read.`, segmentLocation(id, loop.id, n)));
        return;
      }
      holder.seen |= loop.bit;
    }
    this.map(loop, id, el, n);
  }

  private startLine(n: number): LineDraft {
    const lines = this.claim?.lines;
    const line = new LineDraft(n, lines === undefined ? 0 : lines.length);
    lines?.push(line);
    return line;
  }

  private startClaim(loop: LoopDef, el: SegmentView, n: number): void {
    this.finishClaim();
    this.releaseHeld();
    const tx = this.tx as Transaction;
    if (this.level === 'subscriber' && this.subscriber !== null) this.checkSubscriber(this.subscriber);
    else if (this.level === 'patient' && this.patient !== null) this.checkPatient(this.patient);
    const claim = new ClaimDraft(n);
    this.claim = claim;
    this.line = null;
    this.loop = loop;
    this.mapping = true;
    tx.claims++;
    this.checkRequired(REQUIRED_CLM, loop, 'CLM', el, n);
    this.mapClaim(claim, el, n);
  }

  private startInstitutionalClaim(el: SegmentView, n: number): void {
    this.finishClaim();
    this.releaseHeld();
    const claim = new ClaimDraft(n);
    claim.claimId = el.value(1);
    claim.institutional = true;
    this.claim = claim;
    (this.tx as Transaction).claims++;
  }

  private finishClaim(): void {
    const claim = this.claim;
    if (claim === null) return;
    this.claim = null;
    this.line = null;
    const tx = this.tx as Transaction;
    if (claim.institutional) {
      const own = problem(
        'error',
        'x12-institutional',
        `Claim ${quote(claim.claimId ?? '')} (CLM at ${segmentRef(claim.clmAt)}) is an institutional claim (837I${tx.version === null ? '' : `, ${tx.version}`}): institutional claims are not yet supported, so it was not checked.`,
        segmentLocation('CLM', '2300', claim.clmAt),
      );
      const problems = this.scopeProblems(tx, tx.mode === 'professional' ? this.billing : null, tx.mode === 'professional' ? this.subscriber : null, tx.mode === 'professional' ? this.patient : null, [own, ...claim.problems]);
      this.emit({ format: 'x12', file: this.file, index: this.index++, claim: null, problems });
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
    const billing = this.billing ?? new BillingDraft('', 0);
    const subscriber = this.subscriber ?? new SubscriberDraft('', 0);
    const patient = this.level === 'patient' ? this.patient : null;
    const context = { submissionDate: tx.submissionDate, bhtAt: tx.bhtAt, billing, subscriber, patient, claim };
    this.emit(new X12Claim(this.file, this.index++, assembleClaim(context), this.scopeProblems(tx, billing, subscriber, patient, claim.problems), context));
  }

  /** Every problem that goes with a claim: its envelopes', its hierarchy levels' and its own. */
  private scopeProblems(tx: Transaction, billing: BillingDraft | null, subscriber: SubscriberDraft | null, patient: PatientDraft | null, own: InputProblem[]): InputProblem[] {
    const lists = [this.carry, this.isa?.problems ?? NONE, this.gs?.problems ?? NONE, tx.problems, billing?.problems ?? NONE, subscriber?.problems ?? NONE, patient?.problems ?? NONE, own];
    this.carry = [];
    const all: InputProblem[] = [];
    for (const list of lists) for (const p of list) all.push(p);
    return all;
  }

  private emitNull(own: InputProblem[]): void {
    const problems = [...this.carry, ...own];
    this.carry = [];
    this.emit({ format: 'x12', file: this.file, index: this.index++, claim: null, problems });
  }

  private emit(claim: ClaimFromFile): void {
    if (this.held !== null) this.out.push(this.held);
    this.held = claim;
  }

  private releaseHeld(): void {
    if (this.held !== null) {
      this.out.push(this.held);
      this.held = null;
    }
  }

  /** A problem that belongs to no level being read: it goes with the claim just finished, or else the next one. */
  private loose(p: InputProblem): void {
    if (this.held !== null) this.held.problems.push(p);
    else this.carry.push(p);
  }

  // ---- segment mapping ----------------------------------------------------------

  private map(loop: LoopDef, id: string, el: SegmentView, n: number): void {
    const required = REQUIRED_ELEMENTS.get(id);
    if (required !== undefined) this.checkRequired(required, loop, id, el, n);
    switch (loop.id) {
      case 'header':
        if (id === 'BHT') this.mapBht(el, n);
        return;
      case '2000A':
        if (id === 'PRV' && this.billing !== null && el.value(1) === 'BI') {
          this.billing.taxonomy = el.value(3);
          this.billing.prvAt = n;
        }
        return;
      case '2010AA':
        if (this.billing !== null) this.mapBillingName(this.billing, id, el, n);
        return;
      case '2000B':
        if (id === 'SBR' && this.subscriber !== null) this.mapSbr(this.subscriber, el, n);
        return;
      case '2010BA':
        if (this.subscriber !== null) {
          if (id === 'NM1') this.subscriber.memberId = el.value(9);
          this.mapPerson(this.subscriber.person, this.subscriber.at, id, el, n, 'subscriber', loop.id);
        }
        return;
      case '2010BB':
        if (this.subscriber !== null) this.mapPayer(this.subscriber, id, el, n);
        return;
      case '2000C':
        if (id === 'PAT' && this.patient !== null) this.mapPat(this.patient, el, n);
        return;
      case '2010CA':
        if (this.patient !== null) this.mapPerson(this.patient.person, this.patient.at, id, el, n, 'patient', loop.id);
        return;
      case '2300':
        if (this.claim !== null) this.mapClaimSegment(this.claim, id, el, n);
        return;
      case '2310A':
        // the referring provider (DN) is preferred over the primary care provider (P3) when both are sent
        if (id === 'NM1' && this.claim !== null && (this.claim.referring === null || el.value(1) === 'DN')) this.claim.referring = provider(el, n);
        return;
      case '2310B':
        if (id === 'NM1' && this.claim !== null) this.claim.rendering = provider(el, n);
        return;
      case '2400':
        if (this.line !== null) this.mapLineSegment(this.line, id, el, n);
        return;
      case '2410':
        if (id === 'LIN' && this.line !== null) this.mapLin(this.line, el, n);
        return;
      case '2420A':
        if (id === 'NM1' && this.line !== null) {
          this.line.renderingProviderNpi = el.value(8) === 'XX' ? el.value(9) : null;
          this.line.renderingAt = n;
        }
        return;
    }
  }

  private checkRequired(required: readonly RequiredElement[], loop: LoopDef, id: string, el: SegmentView, n: number): void {
    for (const [position, name, field] of required) {
      if (!el.isEmpty(position)) continue;
      if (id === 'DTP' && el.value(1) !== '472') return; // only the service date DTP is read
      const path = field === null ? undefined : field.startsWith('lines[].') ? `lines[${this.line?.index ?? 0}].${field.slice(8)}` : field.startsWith('person.') ? personPath(loop.id, field.slice(7)) : field;
      const what = `${id}${position < 10 ? '0' : ''}${position} (${name}) at ${segmentRef(n)} is empty, but the 837P requires it`;
      this.scope().push(problem(path === undefined ? 'warning' : 'error', 'x12-missing-element', path === undefined ? `${what}.` : `${what}: ${path} is missing.`, segmentLocation(id, loop.id, n), path));
    }
  }

  private badValue(loopId: string, id: string, n: number, what: string, value: string, expected: string, path?: string): void {
    const outcome = path === undefined ? 'it was not read' : `${path} was left empty`;
    this.scope().push(problem('error', 'x12-bad-value', `${what} at ${segmentRef(n)} is ${quote(value)}, not ${expected}${this.separatorHint(value)}; ${outcome}.`, segmentLocation(id, loopId, n), path));
  }

  /** A contract path built only when a problem needs it: `field`, or `lines[i].field` for a line. */
  private static path(field: string, line: number): string {
    return line < 0 ? field : `lines[${line}].${field}`;
  }

  private date(loopId: string, id: string, n: number, what: string, value: string | null, field: string, line = -1): string | null {
    const read = date8(value);
    if (read === UNREADABLE) {
      this.badValue(loopId, id, n, what, value as string, 'a date written CCYYMMDD', Claims837Reader.path(field, line));
      return null;
    }
    return read;
  }

  private amount(loopId: string, id: string, n: number, what: string, value: string | null, field: string, line = -1): number | null {
    const read: Read<number> = decimal(value);
    if (read === UNREADABLE) {
      this.badValue(loopId, id, n, what, value as string, 'a decimal number', Claims837Reader.path(field, line));
      return null;
    }
    return read;
  }

  private mapBht(el: SegmentView, n: number): void {
    const tx = this.tx as Transaction;
    tx.bhtAt = n;
    tx.submissionDate = this.date('header', 'BHT', n, 'BHT04 (the date the claims were created)', el.value(4), 'submissionDate');
  }

  private mapBillingName(billing: BillingDraft, id: string, el: SegmentView, n: number): void {
    switch (id) {
      case 'NM1': {
        billing.at.nm1 = n;
        const last = el.value(3);
        const first = el.value(4);
        billing.name = el.value(2) === '1' && first !== null ? `${first} ${last ?? ''}`.trim() : last;
        const idQualifier = el.value(8);
        if (idQualifier === 'XX') billing.npi = el.value(9);
        // 4010 files could carry the EIN (24) or SSN (34) here instead of in REF
        else if (idQualifier === '24' || idQualifier === '34') billing.taxId = el.value(9);
        return;
      }
      case 'REF': {
        const qualifier = el.value(1);
        if (qualifier === 'EI' || qualifier === 'SY') {
          billing.taxId = el.value(2);
          billing.at.ref = n;
        }
        return;
      }
      default:
        this.mapAddress(billing.address, billing.at, id, el, n);
    }
  }

  private mapAddress(address: PersonDraft['address'], at: PartyAt, id: string, el: SegmentView, n: number): void {
    if (id === 'N3') {
      address.line1 = el.value(1);
      address.line2 = el.value(2);
      at.n3 = n;
    } else if (id === 'N4') {
      address.city = el.value(1);
      address.state = el.value(2);
      address.zip = el.value(3);
      at.n4 = n;
    }
  }

  private mapPerson(person: PersonDraft, at: PartyAt, id: string, el: SegmentView, n: number, path: string, loopId: string): void {
    switch (id) {
      case 'NM1':
        person.lastName = el.value(3);
        person.firstName = el.value(4);
        at.nm1 = n;
        return;
      case 'DMG': {
        at.dmg = n;
        const format = el.value(1);
        if (format !== null && format !== 'D8') this.badValue(loopId, id, n, 'DMG01 (date format)', format, 'D8', `${path}.birthDate`);
        else person.birthDate = this.date(loopId, id, n, 'DMG02 (birth date)', el.value(2), path === 'subscriber' ? 'subscriber.birthDate' : 'patient.birthDate');
        person.sex = el.value(3);
        return;
      }
      default:
        this.mapAddress(person.address, at, id, el, n);
    }
  }

  private mapSbr(subscriber: SubscriberDraft, el: SegmentView, n: number): void {
    subscriber.hasSbr = true;
    subscriber.sbrAt = n;
    subscriber.groupNumber = el.value(3);
    subscriber.payerKind = payerKind(el.value(9));
  }

  private mapPayer(subscriber: SubscriberDraft, id: string, el: SegmentView, n: number): void {
    if (id === 'NM1') {
      subscriber.payerName = el.value(3);
      subscriber.payerId = el.value(9);
      subscriber.payerAt.nm1 = n;
    } else if (id === 'N3') subscriber.payerAt.n3 = n;
    else if (id === 'N4') subscriber.payerAt.n4 = n;
  }

  private mapPat(patient: PatientDraft, el: SegmentView, n: number): void {
    patient.patAt = n;
    const code = el.value(1);
    if (code === null) {
      patient.relationship = 'other';
      patient.problems.push(problem('error', 'x12-bad-value', `PAT01 (the patient's relationship to the subscriber) at ${segmentRef(n)} is empty; it was read as "other".`, segmentLocation('PAT', '2000C', n), 'patient.relationship'));
      return;
    }
    patient.relationship = relationship(code);
  }

  private mapClaim(claim: ClaimDraft, el: SegmentView, n: number): void {
    claim.claimId = el.value(1);
    claim.totalCharge = this.amount('2300', 'CLM', n, 'CLM02 (total claim charge)', el.value(2), 'totalCharge');
    const place = el.value(5);
    if (place !== null) {
      // CLM05: place of service, facility code qualifier, frequency
      const parts = components(place, this.component);
      claim.placeOfService = parts[0] || null;
      claim.frequency = parts[2] || null;
      // B is the professional (CMS-1500) facility code qualifier; A is an institutional bill type
      if (parts[1] === 'A') claim.institutional = true;
    }
  }

  private mapClaimSegment(claim: ClaimDraft, id: string, el: SegmentView, n: number): void {
    switch (id) {
      case 'CLM':
        this.mapClaim(claim, el, n);
        return;
      case 'REF': {
        const qualifier = el.value(1);
        if (qualifier === 'G1') {
          claim.priorAuthorization = el.value(2);
          claim.priorAuthAt = n;
        } else if (qualifier === 'F8') {
          claim.originalClaimId = el.value(2);
          claim.originalAt = n;
        }
        return;
      }
      case 'HI':
        this.mapHi(claim, el, n);
        return;
    }
  }

  private mapHi(claim: ClaimDraft, el: SegmentView, n: number): void {
    claim.hiAt ||= n;
    const split: string[] = [];
    for (let i = 1; i < el.count; i++) {
      const value = el.value(i);
      if (value === null) continue;
      // HI0n: qualifier, code, then date and amount components that professional claims leave empty
      const codeAt = value.indexOf(this.component);
      let qualifier = codeAt === -1 ? value : value.slice(0, codeAt);
      let code = '';
      if (codeAt !== -1) {
        const codeEnd = value.indexOf(this.component, codeAt + 1);
        code = (codeEnd === -1 ? value.slice(codeAt + 1) : value.slice(codeAt + 1, codeEnd)).trim();
      }
      // `HI*BK*8901`: qualifier and code sent as two elements instead of one composite
      const next = codeAt === -1 && DIAGNOSIS_QUALIFIERS.has(qualifier) ? el.value(i + 1) : null;
      if (next !== null && !next.includes(this.component) && !DIAGNOSIS_QUALIFIERS.has(next)) {
        code = next;
        split.push(`${hiName(i)}-${hiName(i + 1)} ${quote(qualifier)} ${quote(next)}`);
        i++;
      }
      let codeSet: 'icd9' | 'icd10';
      if (qualifier === 'ABK' || qualifier === 'ABF') codeSet = 'icd10';
      else if (qualifier === 'BK' || qualifier === 'BF') codeSet = 'icd9';
      else if (NON_DIAGNOSIS_HI.has(qualifier)) {
        if (i === 1) return; // an anesthesia-procedure or condition-code HI, not diagnoses
        continue;
      } else {
        qualifier = qualifier.length > 0 ? qualifier : value;
        this.scope().push(problem('error', 'x12-bad-value', `${hiName(i)} at ${segmentRef(n)} is ${quote(value)}, whose qualifier is not a diagnosis code list qualifier (ABK/ABF for ICD-10-CM, BK/BF for ICD-9-CM)${this.separatorHint(value)}; the diagnosis was not read.`, segmentLocation('HI', '2300', n), `diagnoses[${claim.diagnoses.length}]`));
        continue;
      }
      if (code.length === 0) {
        this.scope().push(problem('error', 'x12-bad-value', `${hiName(i)} at ${segmentRef(n)} is ${quote(value)}: a qualifier without a diagnosis code (expected ${qualifier}${this.component}code); the diagnosis was not read.`, segmentLocation('HI', '2300', n), `diagnoses[${claim.diagnoses.length}]`));
        continue;
      }
      if (claim.codeSet === null) claim.codeSet = codeSet;
      else if (claim.codeSet !== codeSet) {
        claim.problems.push(problem('error', 'x12-bad-value', `${hiName(i)} at ${segmentRef(n)} is an ${codeSet === 'icd9' ? 'ICD-9-CM' : 'ICD-10-CM'} diagnosis (${qualifier}) on a claim whose first diagnosis is ${claim.codeSet === 'icd9' ? 'ICD-9-CM' : 'ICD-10-CM'}; a claim uses one code set.`, segmentLocation('HI', '2300', n), `diagnoses[${claim.diagnoses.length}]`));
      }
      claim.diagnoses.push(code);
      claim.diagnosisAt.push(n);
    }
    if (split.length > 0) {
      claim.problems.push(problem('error', 'x12-bad-value', `HI at ${segmentRef(n)} sends qualifier and code as separate elements (${split.join(', ')}) instead of one composite (qualifier${this.component}code); they were read as pairs.`, segmentLocation('HI', '2300', n), 'diagnoses'));
    }
  }

  /** When a composite seems written with another component separator than the ISA declares. */
  private separatorHint(value: string): string {
    const other = /[>:^<|\\]/.exec(value);
    return other === null || other[0] === this.component ? '' : ` (the ISA declares ${quote(this.component)} as the component separator, ISA16, but this value seems to use ${quote(other[0])})`;
  }

  private mapLineSegment(line: LineDraft, id: string, el: SegmentView, n: number): void {
    if (id === 'SV1') this.mapSv1(line, el, n);
    else if (id === 'DTP' && el.value(1) === '472') this.mapServiceDate(line, el, n);
  }

  private mapSv1(line: LineDraft, el: SegmentView, n: number): void {
    const index = line.index;
    const component = this.component;
    line.sv1At = n;
    const procedure = el.value(1);
    if (procedure !== null) {
      // SV101: qualifier, code, up to four modifiers, description
      const codeAt = procedure.indexOf(component);
      const qualifier = codeAt === -1 ? procedure : procedure.slice(0, codeAt);
      if (codeAt !== -1) {
        let end = procedure.indexOf(component, codeAt + 1);
        line.procedureCode = (end === -1 ? procedure.slice(codeAt + 1) : procedure.slice(codeAt + 1, end)).trim() || null;
        let modifiers: string[] | null = null;
        for (let i = 0; i < 4 && end !== -1; i++) {
          const start = end + 1;
          end = procedure.indexOf(component, start);
          const modifier = (end === -1 ? procedure.slice(start) : procedure.slice(start, end)).trim();
          if (modifier.length > 0) (modifiers ??= []).push(modifier);
        }
        if (modifiers !== null) line.modifiers = modifiers;
      }
      if (qualifier !== 'HC') {
        const read = line.procedureCode === null ? 'no procedure code was read' : `${quote(line.procedureCode)} was read as the procedure code anyway`;
        this.scope().push(problem('error', 'x12-bad-value', `SV101-1 (procedure code qualifier) at ${segmentRef(n)} is ${quote(qualifier)}, not HC (CPT or HCPCS)${this.separatorHint(qualifier)}; ${read}.`, segmentLocation('SV1', '2400', n), `lines[${index}].procedureCode`));
      }
    }
    line.charge = this.amount('2400', 'SV1', n, 'SV102 (line charge)', el.value(2), 'charge', index);
    line.units = this.amount('2400', 'SV1', n, 'SV104 (units)', el.value(4), 'units', index);
    line.placeOfService = el.value(5);
    const pointers = el.value(7);
    if (pointers !== null) line.diagnosisPointers = this.pointers(pointers, n, index);
  }

  /** SV107: one to four diagnosis positions, `1:3`. */
  private pointers(text: string, n: number, index: number): number[] {
    const out: number[] = [];
    const separator = this.component.charCodeAt(0);
    let value = 0;
    let digits = 0;
    let bad = false;
    for (let i = 0; i <= text.length; i++) {
      const c = i === text.length ? separator : text.charCodeAt(i);
      if (c === separator) {
        if (digits > 0 && digits <= 2 && !bad) out.push(value);
        else if (digits > 0 || bad) this.badPointer(text, n, index);
        value = 0;
        digits = 0;
        bad = false;
      } else if (c >= 48 && c <= 57) {
        value = value * 10 + (c - 48);
        digits++;
      } else {
        bad = true;
      }
    }
    return out;
  }

  private badPointer(text: string, n: number, index: number): void {
    this.badValue('2400', 'SV1', n, 'SV107 (diagnosis pointers)', text, 'diagnosis positions from 1 to 12', `lines[${index}].diagnosisPointers`);
  }

  private mapServiceDate(line: LineDraft, el: SegmentView, n: number): void {
    line.dtpAt = n;
    const format = el.value(2);
    const value = el.value(3);
    if (format === 'RD8') {
      const range = dateRange(value);
      if (range === UNREADABLE) this.badValue('2400', 'DTP', n, 'DTP03 (service dates)', value as string, 'a date range written CCYYMMDD-CCYYMMDD', `lines[${line.index}].serviceDate`);
      else if (range !== null) {
        line.serviceDate = range.start;
        line.serviceDateEnd = range.end;
      }
    } else if (format === 'D8' || format === null) {
      line.serviceDate = this.date('2400', 'DTP', n, 'DTP03 (service date)', value, 'serviceDate', line.index);
    } else {
      this.badValue('2400', 'DTP', n, 'DTP02 (date format)', format, 'D8 or RD8', `lines[${line.index}].serviceDate`);
    }
  }

  private mapLin(line: LineDraft, el: SegmentView, n: number): void {
    line.linAt = n;
    const qualifier = el.value(2);
    if (qualifier === 'N4') line.ndc = el.value(3);
    else if (qualifier !== null) this.badValue('2410', 'LIN', n, 'LIN02 (product id qualifier)', qualifier, 'N4 (National Drug Code)', `lines[${line.index}].ndc`);
  }
}

/** [position, name, contract path it feeds or null]; `lines[].x` is the current line's, `person.x` the loop's party's. */
type RequiredElement = readonly [number, string, string | null];

const REQUIRED_ELEMENTS = new Map<string, readonly RequiredElement[]>([
  ['NM1', [[1, 'entity identifier code', null], [2, 'entity type qualifier', null]]],
  ['CLM', [[1, 'patient control number', 'claimId'], [2, 'total claim charge', 'totalCharge'], [5, 'place of service, facility code and frequency', 'placeOfService']]],
  ['SV1', [[1, 'procedure', 'lines[].procedureCode'], [2, 'line charge', 'lines[].charge'], [4, 'units', 'lines[].units'], [7, 'diagnosis pointers', 'lines[].diagnosisPointers']]],
  ['SBR', [[1, 'payer responsibility sequence', null], [9, 'claim filing indicator', 'payer.kind']]],
  ['DMG', [[2, 'birth date', 'person.birthDate'], [3, 'sex', 'person.sex']]],
  ['N3', [[1, 'address', 'person.address.line1']]],
  ['N4', [[1, 'city', 'person.address.city']]],
  ['DTP', [[3, 'date', 'lines[].serviceDate']]],
  ['LX', [[1, 'line number', null]]],
]);

const REQUIRED_CLM = REQUIRED_ELEMENTS.get('CLM') as readonly RequiredElement[];

/** The contract object a party loop fills. */
function personPath(loopId: string, field: string): string | undefined {
  switch (loopId) {
    case '2010AA':
      return `billingProvider.${field}`;
    case '2010BA':
      return `subscriber.${field}`;
    case '2010CA':
      return `patient.${field}`;
    default:
      return undefined; // a party the claim does not carry (pay-to, other payer, ...)
  }
}

/**
 * The warning for an HL whose HL02 names another parent than the HL it stands under (it
 * is read under the one it stands under), or null when they agree.
 */
function parentMismatch(hlId: string, parentId: string | null, n: number, parent: { hlId: string; hlAt: number }, parentKind: string, readAs: string, loopId: string): InputProblem | null {
  if (parentId === parent.hlId) return null;
  return problem('warning', 'x12-hierarchy', `HL ${quote(hlId)} at ${segmentRef(n)} names parent ${parentId === null ? '(none)' : quote(parentId)} in HL02, but stands under ${parentKind} HL ${quote(parent.hlId)} (segment ${parent.hlAt}); it was read as ${readAs}.`, segmentLocation('HL', loopId, n));
}

const hiName = (position: number): string => `HI${position < 10 ? '0' : ''}${position}`;

function provider(el: SegmentView, n: number): ProviderDraft {
  return { npi: el.value(8) === 'XX' ? el.value(9) : null, firstName: el.value(4), lastName: el.value(3), at: n };
}

