/**
 * The X12 835 reader (005010X221A1): a remittance file → one `ClaimPayment` per CLP (loop
 * 2100), each handed over as soon as the next one starts, so memory stays flat however
 * many payments a check carries.
 *
 * It stands on the 837 reader's lower layers: the same decoding (BOM, UTF-16, stray
 * Windows-1252 bytes in a cover note), the same segment splitter (separators from each
 * ISA, a cover note before the ISA skipped) and the same envelope checks, so a file is
 * held to one standard whichever way it travels. A file that cannot be split into
 * segments, or that holds no 835 at all, throws a `ScrubjayError` naming the file and
 * segment; everything else is an `InputProblem` naming the segment.
 */
import { inputProblem, type InputProblem } from '../claim/source.js';
import { ScrubjayError } from '../errors.js';
import { Envelopes, type TransactionContent } from '../claim/x12/envelopes.js';
import { segmentLocation, segmentRef } from '../claim/x12/problems.js';
import { ClaimQueue } from '../claim/x12/queue.js';
import type { IsaHeader } from '../claim/x12/separators.js';
import type { SegmentSink, SegmentView } from '../claim/x12/segments.js';
import { ReadState } from '../claim/x12/state.js';
import { describeTransactionSet } from '../claim/x12/transaction-sets.js';
import { components, date8, decimal, quote, UNREADABLE } from '../claim/x12/values.js';
import { remitProblem, type RemitProblemCode } from './problems.js';
import { claimStatusMeaning } from './status.js';
import type { ClaimPayment, RemitAdjustment, RemitLine } from './types.js';

const GUIDE = '005010X221A1';
/** CAS holds up to six group-less triples: reason, amount, quantity from CAS02 on. */
const CAS_TRIPLES = 6;
/** MIA05 and MIA20..MIA24 are claim payment remark codes (inpatient). */
const MIA_REMARKS = [5, 20, 21, 22, 23, 24];
/** MOA03..MOA07 are claim payment remark codes (outpatient). */
const MOA_REMARKS = [3, 4, 5, 6, 7];

/** Where the reader stands inside an 835 transaction. */
type Loop = 'header' | 'payer' | 'payee' | 'claim' | 'line' | 'trailer';

interface TransactionHeader {
  bprDate: string | null;
  productionDate: string | null;
  trnPayerId: string | null;
  refPayerId: string | null;
  payerName: string | null;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export class Remittance835Reader implements SegmentSink, TransactionContent {
  readonly problems: InputProblem[] = [];
  private readonly queue = new ClaimQueue();
  private readonly s: ReadState;
  private readonly envelopes: Envelopes;
  private out: ClaimPayment[] = [];
  private loop: Loop = 'header';
  /** the transaction set being read is an 835 (anything else is skipped to its SE) */
  private reading = false;
  private remittances = 0;
  private firstOther: { type: string; at: number } | null = null;
  private header: TransactionHeader = emptyHeader();
  private payment: ClaimPayment | null = null;
  private line: RemitLine | null = null;

  constructor(private readonly file: string) {
    this.s = new ReadState(file, this.queue);
    this.envelopes = new Envelopes(this.s, this);
  }

  /** Claim payments finished since the last call. */
  take(): ClaimPayment[] {
    const ready = this.out;
    this.out = [];
    return ready;
  }

  interchange(header: IsaHeader, n: number): void {
    this.finishClaim();
    this.envelopes.interchange(header, n);
    this.problems.push(...(this.s.isa?.problems ?? []));
    this.drain();
  }

  segment(el: SegmentView, n: number): void {
    const id = el.id;
    const tx = this.s.tx;
    if (tx !== null) tx.count++;
    switch (id) {
      case 'ST':
        return this.openTransaction(el, n);
      case 'SE':
        this.envelopes.closeTransaction(el, n);
        this.reading = false;
        return this.drain();
      case 'GS':
        this.finishClaim();
        this.envelopes.openGroup(el, n);
        this.problems.push(...(this.s.gs?.problems ?? []));
        this.checkGroup(el, n);
        return this.drain();
      case 'GE':
        this.finishClaim();
        this.envelopes.closeGroup(el, n);
        this.reading = false;
        return this.drain();
      case 'IEA':
        this.finishClaim();
        this.envelopes.closeInterchange(el, n);
        this.reading = false;
        return this.drain();
    }
    if (tx === null) {
      this.problem('error', 'remit-out-of-place', `${id} at ${segmentRef(n)} stands outside any ST..SE transaction set; it was not read.`, id, n);
      return;
    }
    if (this.reading) this.map(id, el, n);
  }

  unterminated(n: number): void {
    this.problems.push(inputProblem('warning', 'x12-truncated', `The file ends without a segment terminator after ${segmentRef(n)}; it may have been cut off.`, segmentLocation('(last segment)', null, n)));
  }

  /** The end of the file: closes what is open; a file with no 835 in it is refused. */
  finish(): void {
    this.finishClaim();
    this.envelopes.closeOpen('the end of the file', true);
    this.reading = false;
    this.drain();
    if (this.remittances > 0) return;
    const first = this.firstOther;
    const what = first === null ? 'it holds no transaction set (no ST segment)' : `${describeTransactionSet(first.type)}: the ST at ${segmentRef(first.at)} opens transaction set ${quote(first.type)}`;
    throw new ScrubjayError('SJ_REMIT_NOT_A_REMITTANCE', `${this.file}: not an 835 remittance: ${what}, and no 835 follows.`, { file: this.file });
  }

  /** Hands over the claim payment being read (the envelopes call this when a transaction closes). */
  finishClaim(): void {
    const payment = this.payment;
    if (payment === null) return;
    this.finishLine();
    // the claim's MIA/MOA remarks explain its claim-level adjustments, as LQ*HE does a line's
    for (const adjustment of payment.adjustments) adjustment.rarc = payment.rarc;
    this.out.push(payment);
    this.payment = null;
  }

  resetHierarchy(): void {
    this.loop = 'header';
    this.header = emptyHeader();
  }

  private openTransaction(el: SegmentView, n: number): void {
    this.finishClaim();
    this.envelopes.openTransaction(el, n);
    const tx = this.s.tx;
    const type = el.value(1) ?? '';
    this.reading = type === '835';
    // the envelope checks count 837 claims and report a transaction without one; here each
    // transaction is judged by its own kind (an 835 without claim payments, a PLB-only check, is whole)
    if (tx !== null) tx.claims = 1;
    if (!this.reading) {
      if (this.firstOther === null) this.firstOther = { type, at: n };
      this.problem('warning', 'remit-not-835', `Transaction set ${quote(type)} (ST at ${segmentRef(n)}) is ${describeTransactionSet(type)}, not an 835 remittance; it was skipped.`, 'ST', n);
      return this.drain();
    }
    this.remittances++;
    const version = tx?.version ?? null;
    if (version !== GUIDE) {
      const said = version === null ? 'names no implementation guide (no ST03 and no GS08)' : `says ${quote(version)}`;
      this.problem('warning', 'remit-version', `Transaction ${quote(el.value(2) ?? '')} at ${segmentRef(n)} ${said}; it was read as ${GUIDE}.`, 'ST', n);
    }
    this.drain();
  }

  private checkGroup(el: SegmentView, n: number): void {
    const code = el.value(1);
    if (code === 'HP') return;
    this.problem('warning', 'remit-group', `GS01 at ${segmentRef(n)} is ${quote(code ?? '')}; a group of 835 remittances is "HP" (health care claim payment/advice).`, 'GS', n);
  }

  /** Envelope problems with no claim to go with: the reader reports them for the file. */
  private drain(): void {
    const carry = this.queue.carry;
    if (carry.length > 0) {
      this.problems.push(...carry);
      this.queue.carry = [];
    }
    for (const record of this.queue.takeAll()) this.problems.push(...record.problems);
  }

  private map(id: string, el: SegmentView, n: number): void {
    switch (id) {
      case 'BPR':
        if (this.loop === 'header') this.header.bprDate = this.date(el, 16, 'BPR', n);
        return;
      case 'TRN':
        if (this.loop === 'header') this.header.trnPayerId ??= el.value(3);
        return;
      case 'DTM':
        return this.dtm(el, n);
      case 'N1':
        return this.n1(el);
      case 'REF':
        return this.ref(el);
      case 'LX':
        this.finishClaim();
        this.loop = 'header';
        return;
      case 'CLP':
        return this.clp(el, n);
      case 'CAS':
        return this.cas(el, n);
      case 'MIA':
        return this.remarks(el, MIA_REMARKS, 'MIA', n);
      case 'MOA':
        return this.remarks(el, MOA_REMARKS, 'MOA', n);
      case 'SVC':
        return this.svc(el, n);
      case 'LQ':
        if (this.line !== null && el.value(1) === 'HE') {
          const code = el.value(2);
          if (code !== null) this.line.rarc.push(code.toUpperCase());
        }
        return;
      case 'PLB':
        this.finishClaim();
        this.loop = 'trailer';
        return;
    }
  }

  private n1(el: SegmentView): void {
    if (this.payment !== null) return; // NM1 names people in a claim; N1 belongs to the header loops
    const entity = el.value(1);
    if (entity === 'PR') {
      this.loop = 'payer';
      this.header.payerName = el.value(2);
    } else if (entity === 'PE') this.loop = 'payee';
  }

  private ref(el: SegmentView): void {
    const qualifier = el.value(1);
    if (this.loop === 'payer' && qualifier === '2U') this.header.refPayerId ??= el.value(2);
    else if (this.loop === 'line' && qualifier === '6R' && this.line !== null) this.line.controlNumber = el.value(2);
  }

  private dtm(el: SegmentView, n: number): void {
    const qualifier = el.value(1);
    if (this.loop === 'header') {
      if (qualifier === '405') this.header.productionDate = this.date(el, 2, 'DTM', n);
      return;
    }
    const line = this.line;
    if (this.loop !== 'line' || line === null) return;
    if (qualifier === '472') line.serviceDate = this.date(el, 2, 'DTM', n);
    else if (qualifier === '150') line.serviceDate ??= this.date(el, 2, 'DTM', n);
    else if (qualifier === '151') line.serviceDateEnd = this.date(el, 2, 'DTM', n);
  }

  private clp(el: SegmentView, n: number): void {
    this.finishClaim();
    this.loop = 'claim';
    const claimId = el.value(1);
    if (claimId === null) this.problem('error', 'remit-missing-element', `CLP01 (the claim id) at ${segmentRef(n)} is empty, so this payment cannot be matched to a claim.`, 'CLP', n);
    const code = el.value(2) ?? '';
    let meaning = claimStatusMeaning(code);
    if (meaning === null) {
      this.problem(code === '' ? 'error' : 'warning', code === '' ? 'remit-missing-element' : 'remit-unknown-status', `CLP02 (the claim status) at ${segmentRef(n)} is ${code === '' ? 'empty' : `${quote(code)}, which the 835 guide does not list`}.`, 'CLP', n);
      meaning = code === '' ? 'No status given' : `Status ${code}, not one the 835 guide lists`;
    }
    const h = this.header;
    this.payment = {
      claimId: claimId ?? '',
      payerClaimControlNumber: el.value(7),
      status: { code, meaning },
      charged: this.amount(el, 3, 'CLP', n, true),
      paid: this.amount(el, 4, 'CLP', n, true),
      patientResponsibility: this.amount(el, 5, 'CLP', n, false),
      remitDate: h.bprDate ?? h.productionDate,
      payer: { id: h.refPayerId ?? h.trnPayerId, name: h.payerName },
      adjustments: [],
      rarc: [],
      lines: [],
      source: { file: this.file, segment: n },
    };
    this.line = null;
  }

  private svc(el: SegmentView, n: number): void {
    const payment = this.payment;
    if (payment === null) {
      this.problem('error', 'remit-out-of-place', `SVC at ${segmentRef(n)} comes before any CLP, so it belongs to no claim payment; it was not read.`, 'SVC', n);
      return;
    }
    this.finishLine();
    this.loop = 'line';
    const [, code = null, ...rest] = this.composite(el, 1, n);
    if (code === null || code === '') this.problem('error', 'remit-missing-element', `SVC01 (the procedure code) at ${segmentRef(n)} has no code after its qualifier.`, 'SVC', n);
    const billed = el.value(6);
    const units = this.amount(el, 5, 'SVC', n, false, null) ?? this.amount(el, 7, 'SVC', n, false, null) ?? 1;
    const line: RemitLine = {
      line: payment.lines.length + 1,
      procedureCode: code === '' ? null : code,
      modifiers: modifiersOf(rest),
      billedAs: billed === null ? null : billedCode(this.composite(el, 6, n)),
      serviceDate: null,
      serviceDateEnd: null,
      charged: this.amount(el, 2, 'SVC', n, true),
      paid: this.amount(el, 3, 'SVC', n, true),
      units,
      controlNumber: null,
      adjustments: [],
      rarc: [],
    };
    payment.lines.push(line);
    this.line = line;
  }

  /**
   * A procedure composite (`HC:99213:25`). Some payers' systems write it with another
   * separator than the ISA16 their own header declares (`HC>99213`): a qualifier of two
   * letters followed by punctuation is read with that punctuation, and said so.
   */
  private composite(el: SegmentView, i: number, n: number): string[] {
    const value = el.value(i);
    const parts = components(value, this.s.component);
    if (parts.length !== 1 || value === null) return parts;
    const other = /^[A-Z]{2}([^A-Za-z0-9\s])./.exec(value)?.[1];
    if (other === undefined) return parts;
    this.problem('warning', 'remit-bad-value', `SVC${String(i).padStart(2, '0')} at ${segmentRef(n)} (${quote(value)}) separates its components with ${quote(other)}, not the ISA16 component separator ${quote(this.s.component)}; it was read with ${quote(other)}.`, 'SVC', n);
    return components(value, other);
  }

  private finishLine(): void {
    const line = this.line;
    if (line === null) return;
    for (const adjustment of line.adjustments) adjustment.rarc = line.rarc;
    this.line = null;
  }

  private cas(el: SegmentView, n: number): void {
    const payment = this.payment;
    if (payment === null) {
      this.problem('error', 'remit-out-of-place', `CAS at ${segmentRef(n)} comes before any CLP, so it adjusts no claim payment; it was not read.`, 'CAS', n);
      return;
    }
    const group = el.value(1);
    if (group === null) {
      this.problem('error', 'remit-missing-element', `CAS01 (the adjustment group) at ${segmentRef(n)} is empty; its adjustments were not read.`, 'CAS', n);
      return;
    }
    const line = this.loop === 'line' ? this.line : null;
    const into = line === null ? payment.adjustments : line.adjustments;
    for (let t = 0; t < CAS_TRIPLES; t++) {
      const at = 2 + t * 3;
      const carc = el.value(at);
      if (carc === null) continue;
      const adjustment: RemitAdjustment = {
        group: group.toUpperCase(),
        carc: carc.toUpperCase(),
        rarc: [],
        amount: this.amount(el, at + 1, 'CAS', n, true),
        quantity: this.amount(el, at + 2, 'CAS', n, false, null),
        line: line === null ? null : line.line,
      };
      into.push(adjustment);
    }
  }

  private remarks(el: SegmentView, positions: readonly number[], id: string, n: number): void {
    const payment = this.payment;
    if (payment === null) {
      this.problem('error', 'remit-out-of-place', `${id} at ${segmentRef(n)} comes before any CLP; its remark codes were not read.`, id, n);
      return;
    }
    for (const i of positions) {
      const code = el.value(i);
      if (code !== null) payment.rarc.push(code.toUpperCase());
    }
  }

  /** An amount element; a required one that is empty or unreadable reads as 0 with an error. */
  private amount(el: SegmentView, i: number, id: string, n: number, required: true): number;
  private amount(el: SegmentView, i: number, id: string, n: number, required: false): number;
  private amount(el: SegmentView, i: number, id: string, n: number, required: false, absent: null): number | null;
  private amount(el: SegmentView, i: number, id: string, n: number, required: boolean, absent: number | null = 0): number | null {
    const raw = el.value(i);
    const value = decimal(raw);
    if (value === null && !required) return absent;
    if (value !== null && value !== UNREADABLE) return round2(value);
    const name = `${id}${String(i).padStart(2, '0')}`;
    if (value === UNREADABLE) {
      this.problem('error', 'remit-bad-value', `${name} at ${segmentRef(n)} is ${quote(raw ?? '')}, not an amount.`, id, n);
      return absent;
    }
    this.problem('error', 'remit-missing-element', `${name} at ${segmentRef(n)} is empty; an amount is required there.`, id, n);
    return absent;
  }

  private date(el: SegmentView, i: number, id: string, n: number): string | null {
    const raw = el.value(i);
    const value = date8(raw);
    if (value === UNREADABLE) {
      this.problem('warning', 'remit-bad-value', `${id}${String(i).padStart(2, '0')} at ${segmentRef(n)} is ${quote(raw ?? '')}, not a date written CCYYMMDD; it was not used.`, id, n);
      return null;
    }
    return value;
  }

  private problem(severity: InputProblem['severity'], code: RemitProblemCode, message: string, id: string, n: number): void {
    this.problems.push(remitProblem(severity, code, message, segmentLocation(id, null, n)));
  }
}

function emptyHeader(): TransactionHeader {
  return { bprDate: null, productionDate: null, trnPayerId: null, refPayerId: null, payerName: null };
}

function modifiersOf(parts: readonly string[]): string[] {
  const modifiers: string[] = [];
  // SVC01-3..6 are modifiers; SVC01-7 is a description
  for (let i = 0; i < 4 && i < parts.length; i++) {
    const m = (parts[i] as string).trim();
    if (m !== '') modifiers.push(m.toUpperCase());
  }
  return modifiers;
}

function billedCode(parts: readonly string[]): { procedureCode: string | null; modifiers: string[] } {
  const [, code = '', ...rest] = parts;
  return { procedureCode: code === '' ? null : code, modifiers: modifiersOf(rest) };
}
