/**
 * Loop 2400 (a service line: SV1 procedure, modifiers, charge, units, pointers; DTP*472
 * service dates), 2410 (the drug's NDC) and 2420A (the line's rendering provider).
 */
import type { LineDraft } from '../drafts.js';
import { problem, segmentLocation, segmentRef } from '../problems.js';
import type { SegmentView } from '../segments.js';
import type { ReadState } from '../state.js';
import { dateRange, quote, UNREADABLE } from '../values.js';
import type { LoopMappers } from './index.js';
import { badValue, readAmount, readDate, separatorHint } from './read.js';

function mapSv1(s: ReadState, line: LineDraft, el: SegmentView, n: number): void {
  const index = line.index;
  const component = s.component;
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
      s.scope().push(problem('error', 'x12-bad-value', `SV101-1 (procedure code qualifier) at ${segmentRef(n)} is ${quote(qualifier)}, not HC (CPT or HCPCS)${separatorHint(component, qualifier)}; ${read}.`, segmentLocation('SV1', '2400', n), `lines[${index}].procedureCode`));
    }
  }
  line.charge = readAmount(s, '2400', 'SV1', n, 'SV102 (line charge)', el.value(2), 'charge', index);
  line.units = readAmount(s, '2400', 'SV1', n, 'SV104 (units)', el.value(4), 'units', index);
  line.placeOfService = el.value(5);
  const pointers = el.value(7);
  if (pointers !== null) line.diagnosisPointers = readPointers(s, pointers, n, index);
}

/** SV107: one to four diagnosis positions, `1:3`. */
function readPointers(s: ReadState, text: string, n: number, index: number): number[] {
  const out: number[] = [];
  const separator = s.component.charCodeAt(0);
  let value = 0;
  let digits = 0;
  let bad = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i === text.length ? separator : text.charCodeAt(i);
    if (c === separator) {
      if (digits > 0 && digits <= 2 && !bad) out.push(value);
      else if (digits > 0 || bad) badValue(s, '2400', 'SV1', n, 'SV107 (diagnosis pointers)', text, 'diagnosis positions from 1 to 12', `lines[${index}].diagnosisPointers`);
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

function mapServiceDate(s: ReadState, line: LineDraft, el: SegmentView, n: number): void {
  line.dtpAt = n;
  const format = el.value(2);
  const value = el.value(3);
  if (format === 'RD8') {
    const range = dateRange(value);
    if (range === UNREADABLE) badValue(s, '2400', 'DTP', n, 'DTP03 (service dates)', value as string, 'a date range written CCYYMMDD-CCYYMMDD', `lines[${line.index}].serviceDate`);
    else if (range !== null) {
      line.serviceDate = range.start;
      line.serviceDateEnd = range.end;
    }
  } else if (format === 'D8' || format === null) {
    line.serviceDate = readDate(s, '2400', 'DTP', n, 'DTP03 (service date)', value, 'serviceDate', line.index);
  } else {
    badValue(s, '2400', 'DTP', n, 'DTP02 (date format)', format, 'D8 or RD8', `lines[${line.index}].serviceDate`);
  }
}

export const LINE_LOOPS: LoopMappers = {
  '2400'(s, id, el, n) {
    const line = s.line;
    if (line === null) return;
    if (id === 'SV1') mapSv1(s, line, el, n);
    else if (id === 'DTP' && el.value(1) === '472') mapServiceDate(s, line, el, n);
  },
  '2410'(s, id, el, n) {
    const line = s.line;
    if (id !== 'LIN' || line === null) return;
    line.linAt = n;
    const qualifier = el.value(2);
    if (qualifier === 'N4') line.ndc = el.value(3);
    else if (qualifier !== null) badValue(s, '2410', 'LIN', n, 'LIN02 (product id qualifier)', qualifier, 'N4 (National Drug Code)', `lines[${line.index}].ndc`);
  },
  '2420A'(s, id, el, n) {
    const line = s.line;
    if (id !== 'NM1' || line === null) return;
    line.renderingProviderNpi = el.value(8) === 'XX' ? el.value(9) : null;
    line.renderingAt = n;
  },
};
