/**
 * The envelopes around a 277CA's transaction sets (ISA..IEA, GS..GE, ST..SE): their trailer
 * counts and control numbers are checked, and what is wrong with them is a warning, since it
 * changes nothing of what the acknowledgment says.
 */
import { inputProblem, type InputProblem } from '../claim/source.js';
import { segmentLocation, segmentRef } from '../claim/x12/problems.js';
import type { SegmentView } from '../claim/x12/segments.js';
import { quote } from '../claim/x12/values.js';

interface Opened {
  control: string;
  at: number;
  /** groups in an interchange, transactions in a group, segments in a transaction */
  inside: number;
}

export class AckEnvelopes {
  private isa: Opened | null = null;
  private gs: (Opened & { version: string | null }) | null = null;
  private st: Opened | null = null;
  /** transaction sets opened in the whole file */
  transactions = 0;

  constructor(private readonly problems: InputProblem[]) {}

  get inTransaction(): boolean {
    return this.st !== null;
  }

  /** GS08 of the open group */
  get groupVersion(): string | null {
    return this.gs?.version ?? null;
  }

  /** Every segment of a transaction set counts toward its SE01. */
  countSegment(): void {
    if (this.st !== null) this.st.inside++;
  }

  openInterchange(control: string, n: number): void {
    this.closeAll(`the ISA at ${segmentRef(n)}`);
    this.isa = { control, at: n, inside: 0 };
  }

  openGroup(el: SegmentView, n: number): void {
    if (this.gs !== null) this.closeGroupMissing(`the GS at ${segmentRef(n)}`);
    if (this.isa === null) this.warn('x12-envelope', `The GS at ${segmentRef(n)} stands outside any ISA..IEA interchange.`, 'GS', n);
    else this.isa.inside++;
    this.gs = { control: el.value(6) ?? '', version: el.value(8), at: n, inside: 0 };
  }

  openTransaction(el: SegmentView, n: number): void {
    if (this.st !== null) this.warn('x12-envelope', `Transaction ${quote(this.st.control)} (ST at ${segmentRef(this.st.at)}) has no SE trailer before the ST at ${segmentRef(n)}.`, 'ST', this.st.at);
    if (this.gs === null) this.warn('x12-envelope', `The ST at ${segmentRef(n)} stands outside any GS..GE functional group.`, 'ST', n);
    else this.gs.inside++;
    this.transactions++;
    this.st = { control: el.value(2) ?? '', at: n, inside: 1 };
  }

  closeTransaction(el: SegmentView, n: number): void {
    const st = this.st;
    if (st === null) {
      this.warn('x12-envelope', `The SE at ${segmentRef(n)} closes no transaction set (no ST before it).`, 'SE', n);
      return;
    }
    this.checkCount('SE01', el.value(1), st.inside, `segments in transaction ${quote(st.control)} (ST to SE)`, 'SE', n);
    this.checkControl('SE02', el.value(2), 'ST02', st.control, 'SE', n);
    this.st = null;
  }

  closeGroup(el: SegmentView, n: number): void {
    if (this.st !== null) this.closeTransactionMissing(`the GE at ${segmentRef(n)}`);
    const gs = this.gs;
    if (gs === null) {
      this.warn('x12-envelope', `The GE at ${segmentRef(n)} closes no functional group (no GS before it).`, 'GE', n);
      return;
    }
    this.checkCount('GE01', el.value(1), gs.inside, `transaction sets in functional group ${quote(gs.control)}`, 'GE', n);
    this.checkControl('GE02', el.value(2), 'GS06', gs.control, 'GE', n);
    this.gs = null;
  }

  closeInterchange(el: SegmentView, n: number): void {
    if (this.st !== null) this.closeTransactionMissing(`the IEA at ${segmentRef(n)}`);
    if (this.gs !== null) this.closeGroupMissing(`the IEA at ${segmentRef(n)}`);
    const isa = this.isa;
    if (isa === null) {
      this.warn('x12-envelope', `The IEA at ${segmentRef(n)} closes no interchange (no ISA before it).`, 'IEA', n);
      return;
    }
    this.checkCount('IEA01', el.value(1), isa.inside, `functional groups in interchange ${quote(isa.control)}`, 'IEA', n);
    this.checkControl('IEA02', el.value(2), 'ISA13', isa.control, 'IEA', n);
    this.isa = null;
  }

  /** At the end of the file (or a new ISA), whatever is still open lacks its trailer. */
  closeAll(before: string): boolean {
    const cut = this.st !== null;
    if (this.st !== null) this.closeTransactionMissing(before);
    if (this.gs !== null) this.closeGroupMissing(before);
    if (this.isa !== null) {
      this.warn('x12-envelope', `Interchange ${quote(this.isa.control)} (ISA at ${segmentRef(this.isa.at)}) has no IEA trailer before ${before}.`, 'ISA', this.isa.at);
      this.isa = null;
    }
    return cut;
  }

  private closeTransactionMissing(before: string): void {
    const st = this.st as Opened;
    this.problems.push(inputProblem('error', 'x12-truncated', `Transaction ${quote(st.control)} (ST at ${segmentRef(st.at)}) has no SE trailer before ${before}: the acknowledgment may be cut short.`, segmentLocation('ST', null, st.at)));
    this.st = null;
  }

  private closeGroupMissing(before: string): void {
    const gs = this.gs as Opened;
    this.warn('x12-envelope', `Functional group ${quote(gs.control)} (GS at ${segmentRef(gs.at)}) has no GE trailer before ${before}.`, 'GS', gs.at);
    this.gs = null;
  }

  private checkCount(name: string, written: string | null, actual: number, what: string, id: string, n: number): void {
    if (written !== null && /^\d+$/.test(written) && Number(written) === actual) return;
    this.warn('x12-control-count', `${name} at ${segmentRef(n)} says ${written === null ? '(nothing)' : quote(written)}, but there are ${actual} ${what}.`, id, n);
  }

  private checkControl(name: string, written: string | null, headerName: string, header: string, id: string, n: number): void {
    if ((written ?? '') === header) return;
    this.warn('x12-control-number', `${name} at ${segmentRef(n)} is ${quote(written ?? '')}, but ${headerName} of its header is ${quote(header)}.`, id, n);
  }

  private warn(code: string, message: string, id: string, n: number): void {
    this.problems.push(inputProblem('warning', code, message, segmentLocation(id, null, n)));
  }
}
