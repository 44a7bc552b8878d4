/**
 * The ISA/IEA, GS/GE and ST/SE envelopes: which are open, whether each trailer's count and
 * control number match its header, what an envelope left open at the next header or at
 * the end of the file means, and which implementation guide a transaction follows.
 *
 * Trailer problems are known only after the claims they close: they go with the last
 * record of the envelope, which the queue holds back until the trailers are read.
 */
import type { ScrubjayError } from '../../errors.js';
import type { InputProblem } from '../source.js';
import { problem, segmentLocation, segmentRef } from './problems.js';
import type { IsaHeader } from './separators.js';
import type { SegmentView } from './segments.js';
import type { ReadState } from './state.js';
import { notAClaimFile } from './transaction-sets.js';
import { quote } from './values.js';

export interface Interchange {
  control: string;
  at: number;
  groups: number;
  problems: InputProblem[];
}

export interface Group {
  control: string;
  version: string | null;
  at: number;
  transactions: number;
  problems: InputProblem[];
}

/** How a transaction's segments are read: an 837P in full, an 837I for its claim ids only, anything else not at all. */
export type TransactionMode = 'professional' | 'institutional' | 'other';

export interface Transaction {
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
  /** loops allowed once in the transaction header, seen so far */
  seen: number;
  problems: InputProblem[];
}

/** What a transaction holds, as the reader sees it: the claim being read and the hierarchy it stands in. */
export interface TransactionContent {
  /** hands over the claim being read, if any */
  finishClaim(): void;
  /** forgets the HL levels and loop position of the transaction just closed */
  resetHierarchy(): void;
}

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

export class Envelopes {
  /** 837 transaction sets opened so far */
  private claimTransactions = 0;
  /** transaction sets of any other type (or none) opened so far */
  private otherTransactions = 0;
  /** the first transaction set that names another type than 837 */
  private firstOther: { type: string; at: number } | null = null;

  constructor(
    private readonly s: ReadState,
    private readonly content: TransactionContent,
  ) {}

  interchange(header: IsaHeader, n: number): void {
    const s = this.s;
    s.queue.releaseHeld();
    this.closeOpen(`the ISA at segment ${n}`);
    const problems: InputProblem[] = [];
    const location = segmentLocation('ISA', null, n);
    if (header.widthProblems.length > 0) {
      problems.push(problem('warning', 'x12-isa-format', `The ISA header at ${segmentRef(n)} is not in its fixed 106-character format: ${header.widthProblems.join('; ')}. It was read by its separators.`, location));
    }
    if (header.repetitionProblem !== null) problems.push(problem('warning', 'x12-isa-format', `At ${segmentRef(n)}: ${header.repetitionProblem}.`, location));
    s.isa = { control: (header.elements[13] ?? '').trim(), at: n, groups: 0, problems };
    s.component = header.separators.component;
  }

  /** Closes envelopes left open; at the end of the file an envelope that never got a transaction means the file was cut off. */
  closeOpen(before: string, atEnd = false): void {
    const s = this.s;
    if (s.tx !== null) this.abandonTransaction(before);
    this.abandonGroup(before, atEnd);
    const isa = s.isa;
    if (isa !== null) {
      const empty = atEnd && isa.groups === 0;
      s.queue.loose(
        empty
          ? problem('error', 'x12-truncated', `Interchange ${quote(isa.control)} (ISA at ${segmentRef(isa.at)}) holds no functional group before the end of the file; the file looks cut off.`, segmentLocation('ISA', null, isa.at))
          : problem('warning', 'x12-envelope', `Interchange ${quote(isa.control)} (ISA at ${segmentRef(isa.at)}) has no IEA trailer before ${before}.`, segmentLocation('ISA', null, isa.at)),
      );
      s.isa = null;
    }
  }

  /**
   * The refusal of the whole file when it holds transaction sets but no 837 among them (an
   * 835 remittance, a 277 acknowledgment), or null. A file that mixes them is read, its
   * other transaction sets each reported as skipped.
   */
  refusal(): ScrubjayError | null {
    const first = this.firstOther;
    if (first === null || this.claimTransactions > 0) return null;
    return notAClaimFile(this.s.file, first.type, first.at, this.otherTransactions);
  }

  /** Closes a functional group that ends without its GE; at the end of the file one that never got a transaction means the file was cut off. */
  private abandonGroup(before: string, atEnd = false): void {
    const s = this.s;
    const gs = s.gs;
    if (gs === null) return;
    const empty = atEnd && gs.transactions === 0;
    s.queue.loose(
      empty
        ? problem('error', 'x12-truncated', `Functional group ${quote(gs.control)} (GS at ${segmentRef(gs.at)}) holds no transaction before the end of the file; the file looks cut off.`, segmentLocation('GS', null, gs.at))
        : problem('warning', 'x12-envelope', `Functional group ${quote(gs.control)} (GS at ${segmentRef(gs.at)}) has no GE trailer before ${before}.`, segmentLocation('GS', null, gs.at)),
    );
    s.gs = null;
  }

  openGroup(el: SegmentView, n: number): void {
    const s = this.s;
    s.queue.releaseHeld();
    if (s.tx !== null) this.abandonTransaction(`the GS at segment ${n}`);
    this.abandonGroup(`the GS at segment ${n}`);
    const problems: InputProblem[] = [];
    if (s.isa === null) problems.push(problem('warning', 'x12-envelope', `The GS at ${segmentRef(n)} stands outside any ISA..IEA interchange.`, segmentLocation('GS', null, n)));
    else s.isa.groups++;
    s.gs = { control: el.value(6) ?? '', version: el.value(8), at: n, transactions: 0, problems };
  }

  closeGroup(el: SegmentView, n: number): void {
    const s = this.s;
    if (s.tx !== null) this.abandonTransaction(`the GE at segment ${n}`);
    const gs = s.gs;
    const location = segmentLocation('GE', null, n);
    if (gs === null) {
      s.queue.loose(problem('warning', 'x12-envelope', `The GE at ${segmentRef(n)} closes no functional group (no GS before it).`, location));
      return;
    }
    this.checkCount('GE01', el.value(1), gs.transactions, `transaction sets in functional group ${quote(gs.control)}`, n, location);
    this.checkControl('GE02', el.value(2), 'GS06', gs.control, n, location);
    s.gs = null;
  }

  closeInterchange(el: SegmentView, n: number): void {
    const s = this.s;
    if (s.tx !== null) this.abandonTransaction(`the IEA at segment ${n}`);
    this.abandonGroup(`the IEA at segment ${n}`);
    const isa = s.isa;
    const location = segmentLocation('IEA', null, n);
    if (isa === null) {
      s.queue.loose(problem('warning', 'x12-envelope', `The IEA at ${segmentRef(n)} closes no interchange (no ISA before it).`, location));
      return;
    }
    this.checkCount('IEA01', el.value(1), isa.groups, `functional groups in interchange ${quote(isa.control)}`, n, location);
    this.checkControl('IEA02', el.value(2), 'ISA13', isa.control, n, location);
    s.isa = null;
  }

  openTransaction(el: SegmentView, n: number): void {
    const s = this.s;
    s.queue.releaseHeld();
    if (s.tx !== null) this.abandonTransaction(`the ST at segment ${n}`);
    const problems: InputProblem[] = [];
    const location = segmentLocation('ST', null, n);
    const gs = s.gs;
    if (gs === null) problems.push(problem('warning', 'x12-envelope', `The ST at ${segmentRef(n)} stands outside any GS..GE functional group.`, location));
    else gs.transactions++;
    const type = el.value(1) ?? '';
    const st03 = el.value(3);
    const version = st03 ?? gs?.version ?? null;
    const mode: TransactionMode = type !== '837' ? 'other' : isInstitutional(version) ? 'institutional' : 'professional';
    this.count(mode, type, n);
    if (mode !== 'other' && st03 !== null && gs !== null && gs.version !== null && st03 !== gs.version) {
      problems.push(problem('warning', 'x12-version', `ST03 at ${segmentRef(n)} says ${quote(st03)} but GS08 of its functional group (segment ${gs.at}) says ${quote(gs.version)}; the transaction was read as ${quote(st03)}.`, location));
    }
    if (mode === 'professional') {
      const note = versionProblem(version);
      if (note !== null) problems.push(problem('warning', 'x12-version', `Transaction ${quote(el.value(2) ?? '')} at ${segmentRef(n)}: ${note}.`, location));
    }
    s.tx = { control: el.value(2) ?? '', type, version, mode, at: n, count: 1, claims: 0, submissionDate: null, bhtAt: 0, seen: 0, problems };
    this.content.resetHierarchy();
  }

  /** Counts the transaction sets by kind; while none is an 837 but some other is, the queue hands nothing over. */
  private count(mode: TransactionMode, type: string, n: number): void {
    if (mode !== 'other') {
      this.claimTransactions++;
      this.s.queue.withheld = false;
      return;
    }
    this.otherTransactions++;
    if (this.firstOther === null && type !== '') {
      this.firstOther = { type, at: n };
      if (this.claimTransactions === 0) this.s.queue.withheld = true;
    }
  }

  closeTransaction(el: SegmentView, n: number): void {
    const s = this.s;
    const tx = s.tx;
    const location = segmentLocation('SE', null, n);
    if (tx === null) {
      s.queue.loose(problem('warning', 'x12-envelope', `The SE at ${segmentRef(n)} closes no transaction set (no ST before it).`, location));
      return;
    }
    this.content.finishClaim();
    if (tx.claims === 0) this.emitEmptyTransaction(tx, null);
    this.checkCount('SE01', el.value(1), tx.count, `segments in transaction ${quote(tx.control)} (ST to SE)`, n, location);
    this.checkControl('SE02', el.value(2), 'ST02', tx.control, n, location);
    s.tx = null;
    this.content.resetHierarchy();
  }

  /** A transaction that ends without its SE: the claim being read may be cut short. */
  private abandonTransaction(before: string): void {
    const s = this.s;
    const tx = s.tx as Transaction;
    const what = `Transaction ${quote(tx.control)} (ST at ${segmentRef(tx.at)}) has no SE trailer before ${before}`;
    if (s.claim !== null) {
      s.claim.problems.push(problem('error', 'x12-truncated', `${what}: this claim may be cut short (lines or data missing).`, segmentLocation('CLM', '2300', s.claim.clmAt)));
      this.content.finishClaim();
    } else if (tx.claims === 0) {
      this.emitEmptyTransaction(tx, problem('error', 'x12-truncated', `${what}; the file looks cut off.`, segmentLocation('ST', null, tx.at)));
    } else {
      s.queue.loose(problem('error', 'x12-truncated', `${what}: whatever followed the last claim is missing.`, segmentLocation('ST', null, tx.at)));
    }
    s.tx = null;
    this.content.resetHierarchy();
  }

  private emitEmptyTransaction(tx: Transaction, extra: InputProblem | null): void {
    const s = this.s;
    const location = segmentLocation('ST', null, tx.at);
    const own =
      tx.mode === 'other'
        ? problem('error', 'x12-not-a-claim', `Transaction set ${quote(tx.type)} (ST at ${segmentRef(tx.at)}) is not an 837 claim transaction; it was skipped.`, location)
        : problem('error', 'x12-no-claims', `Transaction ${quote(tx.control)} (ST at ${segmentRef(tx.at)}) holds no claim (no CLM segment).`, location);
    const problems = s.problemsFor(tx, s.billing, s.subscriber, s.patient, extra === null ? [own] : [own, extra]);
    s.queue.emit({ format: 'x12', file: s.file, index: s.queue.nextIndex(), claim: null, problems });
  }

  private checkCount(name: string, written: string | null, actual: number, what: string, n: number, location: string): void {
    if (written !== null && /^\d+$/.test(written) && Number(written) === actual) return;
    this.s.queue.loose(problem('warning', 'x12-control-count', `${name} at ${segmentRef(n)} says ${written === null ? '(nothing)' : quote(written)}, but there are ${actual} ${what}.`, location));
  }

  private checkControl(name: string, written: string | null, headerName: string, header: string, n: number, location: string): void {
    if ((written ?? '') === header) return;
    this.s.queue.loose(problem('warning', 'x12-control-number', `${name} at ${segmentRef(n)} is ${quote(written ?? '')}, but ${headerName} of its header is ${quote(header)}.`, location));
  }
}
