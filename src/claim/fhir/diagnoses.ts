/**
 * Diagnoses in sequence order, and the map from `diagnosis.sequence` to the contract's
 * 1-based diagnosis pointer. A diagnosis is coded inline (diagnosisCodeableConcept) or
 * by a reference to a Condition.
 */
import type { ClaimContext } from './context.js';
import { readCode, readList, type CodingFound } from './datatypes.js';
import { get, isObject, jsonKind } from '../json.js';
import { ICD10CM_SYSTEMS, ICD9CM_SYSTEMS, canonicalSystem } from './systems.js';

const DIAGNOSIS_SYSTEMS: ReadonlySet<string> = new Set([...ICD10CM_SYSTEMS, ...ICD9CM_SYSTEMS]);

export interface Diagnoses {
  codes: Array<string | null>;
  /** `icd9` when any diagnosis is coded in ICD-9-CM, as the X12 reader says for HI*BK */
  codeSet: 'icd10' | 'icd9';
  /** the contract pointer (1-based position) of a diagnosis sequence, or null when there is no such diagnosis */
  pointerOf(sequence: number): number | null;
}

interface Entry {
  index: number;
  sequence: number | null;
  value: unknown;
}

export function readDiagnoses(ctx: ClaimContext): Diagnoses {
  const at = `${ctx.root}.diagnosis`;
  const entries: Entry[] = readList(ctx.resource, 'diagnosis', { at, field: 'diagnoses' }, ctx.log).map((value, index) => {
    const sequence = get(value, 'sequence');
    return { index, value, sequence: typeof sequence === 'number' && Number.isInteger(sequence) && sequence > 0 ? sequence : null };
  });
  ctx.trail.record('diagnoses', at);
  if (entries.length > 0 && entries.every((e) => e.sequence !== null)) {
    entries.sort((a, b) => (a.sequence as number) - (b.sequence as number) || a.index - b.index);
  } else if (entries.length > 0) {
    const missing = entries.find((e) => e.sequence === null) as Entry;
    ctx.log.warning('fhir-missing-element', `${at}[${missing.index}].sequence`, `${at}[${missing.index}].sequence is not a positive whole number; diagnoses are taken in the order written and items cannot point at this one`, 'diagnoses');
  }
  const pointers = new Map<number, number>();
  let codeSet: Diagnoses['codeSet'] = 'icd10';
  const codes = entries.map((entry, position) => {
    const entryAt = `${at}[${entry.index}]`;
    const field = `diagnoses[${position}]`;
    if (entry.sequence !== null) {
      if (pointers.has(entry.sequence)) {
        ctx.log.warning('fhir-sequence-unmatched', `${entryAt}.sequence`, `${entryAt}.sequence ${entry.sequence} repeats an earlier diagnosis's sequence; items pointing at ${entry.sequence} point at the first`, field);
      } else {
        pointers.set(entry.sequence, position + 1);
      }
    }
    if (!isObject(entry.value)) {
      ctx.log.error('fhir-wrong-type', entryAt, `${entryAt} is ${jsonKind(entry.value)}, not a diagnosis`, field);
      ctx.trail.record(field, entryAt);
      return null;
    }
    const coded = readDiagnosisCode(ctx, entry.value, entryAt, field);
    if (coded?.system && ICD9CM_SYSTEMS.has(canonicalSystem(coded.system))) codeSet = 'icd9';
    return coded?.code ?? null;
  });
  return { codes, codeSet, pointerOf: (sequence) => pointers.get(sequence) ?? null };
}

function readDiagnosisCode(ctx: ClaimContext, entry: Record<string, unknown>, at: string, field: string): CodingFound | null {
  const what = 'an ICD-10-CM diagnosis code';
  const inline = get(entry, 'diagnosisCodeableConcept');
  if (inline !== undefined && inline !== null) {
    const site = { at: `${at}.diagnosisCodeableConcept`, field };
    ctx.trail.record(field, site.at);
    return readCode(inline, site, DIAGNOSIS_SYSTEMS, what, ctx.log);
  }
  const condition = ctx.resolver.follow(get(entry, 'diagnosisReference'), `${at}.diagnosisReference`, ctx.scope, ['Condition'], { field, what: 'the diagnosis code' });
  if (!condition) {
    ctx.trail.record(field, at);
    ctx.log.error('fhir-missing-element', at, `${at} has no diagnosis code (neither diagnosisCodeableConcept nor diagnosisReference)`, field);
    return null;
  }
  if (!condition.resource) {
    ctx.trail.record(field, condition.at);
    return null;
  }
  const site = { at: `${condition.at}.code`, field };
  ctx.trail.record(field, site.at);
  const code = get(condition.resource, 'code');
  if (code === undefined || code === null) {
    ctx.log.error('fhir-missing-element', site.at, `${site.at} is missing; the Condition carries no diagnosis code`, field);
    return null;
  }
  return readCode(code, site, DIAGNOSIS_SYSTEMS, what, ctx.log);
}
