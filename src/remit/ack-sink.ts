/**
 * Segments of a 277CA (005010X214) → acknowledgment records. The HL hierarchy gives the
 * level each segment speaks for: 20 the payer or clearinghouse answering (2000A), 21 the
 * receiver of the answer, who sent the 837 (2000B), 19 a billing provider (2000C), PT a
 * patient with one or more claims (2000D, each claim a 2200D loop opened by its TRN). A
 * record is handed over as soon as its loop ends, so memory stays flat however many claims
 * a file acknowledges.
 *
 * A transaction set that is not a 277CA (an 837, an 835, a 277 claim status response) makes
 * the whole file unusable: it throws `SJ_X12_NOT_AN_ACKNOWLEDGMENT` naming its ST segment
 * and its GS08/ST03 version. Everything else is a problem of the file, and reading goes on.
 */
import { inputProblem, type InputProblem } from '../claim/source.js';
import { segmentLocation, segmentRef } from '../claim/x12/problems.js';
import type { SegmentSink, SegmentView } from '../claim/x12/segments.js';
import type { IsaHeader } from '../claim/x12/separators.js';
import { components, date8, decimal, quote, UNREADABLE } from '../claim/x12/values.js';
import { ScrubjayError } from '../errors.js';
import { AckEnvelopes } from './ack-envelopes.js';
import { isAccepted, makeStatus } from './ack-statuses.js';
import type { Acknowledgment, AckLine, AckStatus } from './ack-types.js';
import type { ClaimStatusCatalog } from './claim-status.js';

export const ACK_VERSION = '005010X214';

type Level = 'source' | 'receiver' | 'provider' | 'claim' | 'other';

/** HL03 → the level it opens; 22/23 (subscriber, dependent) hold claims in older 277 layouts. */
function levelOf(code: string | null): Level {
  switch (code) {
    case '20':
      return 'source';
    case '21':
      return 'receiver';
    case '19':
      return 'provider';
    case 'PT':
    case '22':
    case '23':
      return 'claim';
    default:
      return 'other';
  }
}

const LOOP: Record<Level, string> = { source: '2000A', receiver: '2000B', provider: '2000C', claim: '2000D', other: 'HL' };
const STATUS_LOOP: Record<Level, string> = { source: '2200A', receiver: '2200B', provider: '2200C', claim: '2200D', other: 'HL' };
/** TRN01 each status loop must carry: 1 a trace number of the sender, 2 one the 837 sent. */
const TRN_TYPE: Partial<Record<Level, string>> = { source: '1', receiver: '2', provider: '1', claim: '2' };
/** NM108 of a billing provider: tax id, the payer's own provider number, NPI. */
const PROVIDER_ID_QUALIFIERS = new Set(['FI', 'SV', 'XX']);

interface Draft {
  level: Level;
  at: number;
  hasTrn: boolean;
  reference: string | null;
  name: string | null;
  id: string | null;
  statuses: AckStatus[];
  date: string | null;
  charged: number | null;
  stcAt: number;
  payerClaimControlNumber: string | null;
  lines: AckLine[];
}

function draft(level: Level, at: number): Draft {
  return { level, at, hasTrn: false, reference: null, name: null, id: null, statuses: [], date: null, charged: null, stcAt: 0, payerClaimControlNumber: null, lines: [] };
}

export class AckSink implements SegmentSink {
  readonly problems: InputProblem[] = [];
  private readonly envelopes = new AckEnvelopes(this.problems);
  private ready: Acknowledgment[] = [];
  private component = ':';
  private level: Level | null = null;
  /** the status loop being read at the current level */
  private current: Draft | null = null;
  /** the party name of the current HL level, kept for the status loops opened under it */
  private party: { name: string | null; id: string | null } = { name: null, id: null };
  private line: AckLine | null = null;

  constructor(
    private readonly file: string,
    private readonly catalog: ClaimStatusCatalog,
  ) {}

  /** Records finished since the last call. */
  take(): Acknowledgment[] {
    const out = this.ready;
    this.ready = [];
    return out;
  }

  interchange(header: IsaHeader, n: number): void {
    this.finishDraft();
    this.envelopes.openInterchange((header.elements[13] ?? '').trim(), n);
    this.component = header.separators.component;
    if (header.widthProblems.length > 0) {
      this.warn('x12-isa-format', `The ISA header at ${segmentRef(n)} is not in its fixed 106-character format: ${header.widthProblems.join('; ')}. It was read by its separators.`, 'ISA', null, n);
    }
  }

  unterminated(n: number): void {
    this.warn('x12-truncated', `The file ends inside segment ${n} (no segment terminator after it); it was read as it stands.`, 'IEA', null, n);
  }

  /** The end of the file: the last record is handed over; a file with no 277CA at all is refused. */
  finish(): void {
    this.finishDraft();
    this.envelopes.closeAll('the end of the file');
    if (this.envelopes.transactions === 0) {
      throw new ScrubjayError('SJ_X12_NOT_AN_ACKNOWLEDGMENT', `${this.file}: holds no transaction set (no ST segment), so no 277CA acknowledgment`, { file: this.file });
    }
  }

  segment(el: SegmentView, n: number): void {
    this.envelopes.countSegment();
    switch (el.id) {
      case 'GS':
        return this.envelopes.openGroup(el, n);
      case 'GE':
        this.finishDraft();
        return this.envelopes.closeGroup(el, n);
      case 'IEA':
        this.finishDraft();
        return this.envelopes.closeInterchange(el, n);
      case 'ST':
        this.finishDraft();
        this.level = null;
        this.checkTransactionType(el, n);
        return this.envelopes.openTransaction(el, n);
      case 'SE':
        this.finishDraft();
        this.level = null;
        return this.envelopes.closeTransaction(el, n);
    }
    if (!this.envelopes.inTransaction) {
      this.warn('x12-envelope', `${el.id} at ${segmentRef(n)} stands outside any ST..SE transaction set; it was not read.`, el.id, null, n);
      return;
    }
    switch (el.id) {
      case 'BHT':
        return;
      case 'HL':
        return this.openLevel(el, n);
      case 'NM1':
        return this.name(el, n);
      case 'TRN':
        return this.trace(el, n);
      case 'STC':
        return this.status(el, n);
      case 'REF':
        return this.reference(el);
      case 'SVC':
        return this.serviceLine(el, n);
      case 'DTP':
        return this.date(el, n);
      case 'QTY':
      case 'AMT':
      case 'PER':
        // totals of accepted and rejected claims, and contacts: they say nothing a record carries
        return;
      default:
        this.warn('x12-unknown-segment', `Segment ${n} has the id ${quote(el.id)}, which is not a segment of a 277CA; it was not read.`, el.id, null, n);
    }
  }

  private checkTransactionType(el: SegmentView, n: number): void {
    const type = el.value(1) ?? '';
    const st03 = el.value(3);
    const gs08 = this.envelopes.groupVersion;
    const version = st03 ?? gs08;
    const versions = `GS08 ${gs08 === null ? '(empty)' : quote(gs08)}, ST03 ${st03 === null ? '(empty)' : quote(st03)}`;
    if (type !== '277') {
      throw new ScrubjayError('SJ_X12_NOT_AN_ACKNOWLEDGMENT', `${this.file}: the ST at ${segmentRef(n)} opens transaction set ${quote(type)}, not a 277CA claim acknowledgment (${versions}); a 277CA is a 277 of ${ACK_VERSION}`, { file: this.file });
    }
    if (version !== null && !version.includes('X214')) {
      const kind = version.includes('X212') ? 'a 277 claim status response (the answer to a 276 status inquiry)' : 'a 277 of another implementation guide';
      throw new ScrubjayError('SJ_X12_NOT_AN_ACKNOWLEDGMENT', `${this.file}: the ST at ${segmentRef(n)} opens ${kind}, not a 277CA claim acknowledgment: ${versions}, where a 277CA says ${ACK_VERSION}`, { file: this.file });
    }
    if (version === null) this.warn('x12-version', `The 277 at ${segmentRef(n)} names no guide version (GS08 and ST03 are empty); it was read as a 277CA (${ACK_VERSION}).`, 'ST', null, n);
    else if (st03 !== null && gs08 !== null && st03 !== gs08) this.warn('x12-version', `ST03 at ${segmentRef(n)} says ${quote(st03)} but GS08 of its functional group says ${quote(gs08)}.`, 'ST', null, n);
  }

  private openLevel(el: SegmentView, n: number): void {
    this.finishDraft();
    const code = el.value(3);
    const level = levelOf(code);
    if (level === 'other') this.warn('x12-hierarchy', `HL03 at ${segmentRef(n)} is ${code === null ? 'empty' : quote(code)}, not a 277CA level (20, 21, 19 or PT); the segments of this level were not read.`, 'HL', null, n);
    this.level = level;
    this.party = { name: null, id: null };
    // a status loop has no start segment of its own at the information receiver and provider levels when TRN is missing
    this.current = level === 'other' || level === 'source' ? null : draft(level, n);
  }

  private name(el: SegmentView, n: number): void {
    const level = this.level;
    if (level === null) return;
    const last = el.value(3);
    const first = el.value(4);
    this.party = { name: el.value(2) === '1' && first !== null ? `${first} ${last ?? ''}`.trim() : last, id: el.value(9) };
    if (this.current !== null && !this.current.hasTrn) {
      this.current.name = this.party.name;
      this.current.id = this.party.id;
    }
    const loop = `2100${LOOP[level].slice(-1)}`;
    if (level === 'receiver' && !el.isEmpty(7)) this.warn('x12-bad-value', `NM107 (name suffix) at ${segmentRef(n)} is ${quote(el.get(7))}, but a 277CA does not use it for the information receiver.`, 'NM1', loop, n);
    if (level === 'provider') {
      const qualifier = el.value(8);
      if (qualifier !== null && !PROVIDER_ID_QUALIFIERS.has(qualifier)) {
        this.warn('x12-bad-value', `NM108 (provider id qualifier) at ${segmentRef(n)} is ${quote(qualifier)}, not FI (tax id), SV (the payer's provider number) or XX (NPI), the ones a 277CA allows; NM109 was read as the provider's id anyway.`, 'NM1', loop, n);
      }
    }
  }

  private trace(el: SegmentView, n: number): void {
    const level = this.level;
    if (level === null || level === 'other') return;
    const expected = TRN_TYPE[level];
    const type = el.value(1);
    if (expected !== undefined && type !== expected) {
      this.warn('x12-bad-value', `TRN01 (trace type) at ${segmentRef(n)} is ${type === null ? 'empty' : quote(type)}, but loop ${STATUS_LOOP[level]} takes ${expected} (${expected === '1' ? "a trace number of the acknowledgment's sender" : 'a number the 837 sent'}); TRN02 was read anyway.`, 'TRN', STATUS_LOOP[level], n);
    }
    if (level === 'source') return;
    // TRN opens the status loop; under a patient each TRN is another claim
    if (this.current !== null && this.current.hasTrn) this.finishDraft();
    const record = this.current ?? draft(level, n);
    record.hasTrn = true;
    record.at = n;
    record.reference = el.value(2);
    record.name ??= this.party.name;
    record.id ??= this.party.id;
    if (record.reference === null) this.warn('x12-missing-element', `TRN02 at ${segmentRef(n)} is empty: ${level === 'claim' ? "the claim's patient control number" : 'the trace number'} is missing.`, 'TRN', STATUS_LOOP[level], n);
    this.current = record;
    this.line = null;
  }

  private status(el: SegmentView, n: number): void {
    const record = this.current;
    const level = this.level;
    if (record === null || level === null) {
      if (level === 'source') this.warn('x12-unknown-segment', `STC at ${segmentRef(n)} stands in loop 2000A, which carries no status in a 277CA; it was not read.`, 'STC', '2000A', n);
      return;
    }
    const statuses: AckStatus[] = [];
    const loop = this.line !== null ? '2220D' : STATUS_LOOP[level];
    for (const position of [1, 10, 11]) {
      const value = el.value(position);
      if (value === null) continue;
      const parts = components(value, this.component);
      const name = `STC${String(position).padStart(2, '0')}`;
      if ((parts[0] ?? '') === '') {
        this.warn('x12-missing-element', `${name}-1 (status category) at ${segmentRef(n)} is empty in ${quote(value)}; the status was not read.`, 'STC', loop, n);
        continue;
      }
      if (parts.length > 3 && parts.slice(3).some((p) => p !== '')) {
        this.warn('x12-bad-value', `${name} at ${segmentRef(n)} is ${quote(value)}: its fourth component (a pharmacy reject code) is not used in a 277CA; the first three were read.`, 'STC', loop, n);
      }
      statuses.push(makeStatus(this.catalog, parts));
    }
    if (el.value(1) === null) this.warn('x12-missing-element', `STC01 (the status) at ${segmentRef(n)} is empty, but a 277CA requires it.`, 'STC', loop, n);
    if (this.line !== null) {
      this.line.statuses.push(...statuses);
      return;
    }
    record.statuses.push(...statuses);
    if (record.stcAt === 0) {
      record.stcAt = n;
      const written = el.value(2);
      const date = date8(written);
      if (date === UNREADABLE) this.warn('x12-bad-value', `STC02 (status date) at ${segmentRef(n)} is ${quote(written as string)}, not a date written CCYYMMDD; the date was left empty.`, 'STC', loop, n);
      else record.date = date;
      const amount = decimal(el.value(4));
      if (amount === UNREADABLE) this.warn('x12-bad-value', `STC04 (charge) at ${segmentRef(n)} is ${quote(el.value(4) as string)}, not a decimal number; it was left empty.`, 'STC', loop, n);
      else record.charged = amount;
    }
  }

  private reference(el: SegmentView): void {
    const record = this.current;
    if (record === null || record.level !== 'claim') return;
    const qualifier = el.value(1);
    if (this.line !== null) {
      if (qualifier === 'FJ') this.line.lineControlNumber = el.value(2);
      return;
    }
    if (qualifier === '1K') record.payerClaimControlNumber = el.value(2);
  }

  private serviceLine(el: SegmentView, n: number): void {
    const record = this.current;
    if (record === null || record.level !== 'claim') {
      this.warn('x12-unknown-segment', `SVC at ${segmentRef(n)} stands outside a claim (loop 2200D); it was not read.`, 'SVC', null, n);
      return;
    }
    const procedure = components(el.value(1), this.component);
    const charged = decimal(el.value(2));
    if (charged === UNREADABLE) this.warn('x12-bad-value', `SVC02 (line charge) at ${segmentRef(n)} is ${quote(el.value(2) as string)}, not a decimal number; it was left empty.`, 'SVC', '2220D', n);
    this.line = {
      procedureCode: procedure[1] || null,
      modifiers: procedure.slice(2, 6).filter((m) => m !== ''),
      charged: charged === UNREADABLE ? null : charged,
      lineControlNumber: null,
      statuses: [],
    };
    record.lines.push(this.line);
  }

  private date(el: SegmentView, n: number): void {
    const record = this.current;
    if (record === null || record.level !== 'claim') return;
    const qualifier = el.value(1);
    if (qualifier !== '472') {
      const loop = this.line !== null ? '2220D' : '2200D';
      this.warn('x12-bad-value', `DTP01 (date qualifier) at ${segmentRef(n)} is ${qualifier === null ? 'empty' : quote(qualifier)}, but a 277CA gives the service date as DTP*472 in loop ${loop}.`, 'DTP', loop, n);
    }
  }

  private finishDraft(): void {
    const record = this.current;
    this.current = null;
    this.line = null;
    if (record === null) return;
    if (record.level === 'claim') {
      if (!record.hasTrn && record.statuses.length === 0) return; // a patient level with no claim under it
      if (!record.hasTrn) this.error('x12-missing-segment', `The claim of patient HL at ${segmentRef(record.at)} has no TRN segment: its patient control number is missing.`, 'HL', '2000D', record.at);
      if (record.statuses.length === 0) this.error('x12-missing-segment', `Claim ${record.reference === null ? '(no id)' : quote(record.reference)} (loop 2200D at ${segmentRef(record.at)}) has no STC status, so whether it was accepted is not known; it is counted as not accepted.`, 'TRN', '2200D', record.at);
      this.ready.push({
        level: 'claim',
        claimId: record.reference,
        accepted: isAccepted(record.statuses),
        statuses: record.statuses,
        at: record.date,
        payerClaimControlNumber: record.payerClaimControlNumber,
        charged: record.charged,
        lines: record.lines,
      });
      return;
    }
    if (record.level !== 'receiver' && record.level !== 'provider') return;
    // a receiver or provider without a status of its own only groups the claims under it
    if (record.statuses.length === 0) return;
    this.ready.push({
      level: record.level,
      claimId: null,
      accepted: isAccepted(record.statuses),
      statuses: record.statuses,
      at: record.date,
      reference: record.reference,
      name: record.name,
      id: record.id,
      charged: record.charged,
    });
  }

  private warn(code: string, message: string, id: string, loop: string | null, n: number): void {
    this.problems.push(inputProblem('warning', code, message, segmentLocation(id, loop, n)));
  }

  private error(code: string, message: string, id: string, loop: string | null, n: number): void {
    this.problems.push(inputProblem('error', code, message, segmentLocation(id, loop, n)));
  }
}
