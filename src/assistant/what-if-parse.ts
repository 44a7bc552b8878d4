/**
 * Reads the change a what-if question describes ("add modifier 59 to line 2", "change
 * line 1's code to 99214", "remove line 3", "replace E11.9 with E11.65", "set the units
 * on line 3 to 1"). Several changes may be joined by "and". Pure: text in, changes out.
 */
import { extractEntities, type Entities, type EntityVocabulary } from './entities.js';

export type WhatIfChange =
  | { kind: 'add-modifier'; line: number; modifiers: string[] }
  | { kind: 'remove-modifier'; line?: number; modifiers: string[] }
  | { kind: 'set-code'; line: number; code: string }
  | { kind: 'replace-code'; from: string; to: string }
  | { kind: 'remove-line'; lines: number[] }
  | { kind: 'set-units'; line: number; units: number }
  | { kind: 'set-date'; line: number; date: string }
  | { kind: 'add-diagnosis'; code: string }
  | { kind: 'remove-diagnosis'; code: string }
  | { kind: 'replace-diagnosis'; from: string; to: string };

export interface WhatIfParse {
  changes: WhatIfChange[];
  /** a clause that looked like a change but missed a part, said plainly */
  problems: string[];
}

const REMOVING = /\b(?:remove|removed|removing|delete|deleted|deleting|drop|dropped|dropping|without|strip|get rid of|no longer|omit|exclude)\b|\btake\b.*\b(?:off|out|away)\b/;
const REPLACING = /\b(?:replace|replaced|swap|swapped|instead of)\b/;

/** Splits "remove line 3 and add modifier 59 to line 2" into its changes. */
function clauses(text: string): string[] {
  return text
    .toLowerCase()
    .split(/;|,\s*(?:and\s+)?(?=(?:then\s+)?(?:i\s+)?(?:add|remove|delete|drop|change|set|replace|take|put|bill|use|switch|make)\b)|\s+(?:and|then)\s+(?=(?:then\s+)?(?:i\s+)?(?:also\s+)?(?:add|remove|delete|drop|change|set|replace|take|put|bill|use|switch|make)\b)/)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}

/** The lines a clause names; "last" becomes the claim's last line. */
function lineNumbers(e: Entities, lineCount: number): number[] {
  return e.lines.map((l) => (l === 'last' ? lineCount : l)).filter((n) => n > 0);
}

/** "replace X with Y", "change X to Y", "X instead of Y": which code goes and which comes. */
function fromTo(clause: string, codes: readonly string[]): { from: string; to: string } | undefined {
  const [a, b] = codes;
  if (a === undefined || b === undefined) return undefined;
  const lowerA = a.toLowerCase();
  const lowerB = b.toLowerCase();
  if (new RegExp(`\\b${lowerA.replace('.', '\\.')}\\b\\s+instead\\s+of\\b`).test(clause)) return { from: b, to: a };
  if (new RegExp(`\\binstead\\s+of\\s+${lowerB.replace('.', '\\.')}\\b`).test(clause)) return { from: b, to: a };
  return { from: a, to: b };
}

function parseClause(clause: string, vocabulary: EntityVocabulary, lineCount: number, out: WhatIfParse): void {
  const { entities: e } = extractEntities(clause, vocabulary);
  const lines = lineNumbers(e, lineCount);
  const onlyLine = lineCount === 1 ? 1 : undefined;
  const line = lines[0] ?? onlyLine;
  const removing = REMOVING.test(clause);
  const procedures = [...e.cpt, ...e.hcpcs];

  if (/\bunits?\b/.test(clause) && e.numbers.length > 0) {
    const units = e.numbers[e.numbers.length - 1] ?? 1;
    if (line === undefined) out.problems.push('which line should the units change on?');
    else out.changes.push({ kind: 'set-units', line, units });
    return;
  }
  if (e.dates.length > 0) {
    const date = e.dates[e.dates.length - 1] ?? '';
    if (line === undefined) out.problems.push('which line should the date of service change on?');
    else out.changes.push({ kind: 'set-date', line, date });
    return;
  }
  if (e.modifiers.length > 0) {
    if (removing) out.changes.push({ kind: 'remove-modifier', ...(line !== undefined ? { line } : {}), modifiers: e.modifiers });
    else if (line === undefined) out.problems.push(`which line should modifier ${e.modifiers.join(', ')} go on?`);
    else out.changes.push({ kind: 'add-modifier', line, modifiers: e.modifiers });
    return;
  }
  if (e.icd.length > 0) {
    const pair = e.icd.length >= 2 ? fromTo(clause, e.icd) : undefined;
    if (pair) out.changes.push({ kind: 'replace-diagnosis', ...pair });
    else if (removing) out.changes.push({ kind: 'remove-diagnosis', code: e.icd[0] ?? '' });
    else out.changes.push({ kind: 'add-diagnosis', code: e.icd[0] ?? '' });
    return;
  }
  if (procedures.length >= 2 || (procedures.length === 1 && REPLACING.test(clause) && lines.length === 0)) {
    const pair = fromTo(clause, procedures);
    if (pair) out.changes.push({ kind: 'replace-code', ...pair });
    else out.problems.push('which code should replace which?');
    return;
  }
  if (procedures.length === 1) {
    const code = procedures[0] ?? '';
    if (line === undefined) out.problems.push(`which line should bill ${code}?`);
    else out.changes.push({ kind: 'set-code', line, code });
    return;
  }
  if (lines.length > 0 && (removing || /\b(?:lose|losing)\b/.test(clause))) {
    out.changes.push({ kind: 'remove-line', lines });
  }
}

export function parseWhatIf(question: string, vocabulary: EntityVocabulary, lineCount: number): WhatIfParse {
  const out: WhatIfParse = { changes: [], problems: [] };
  for (const clause of clauses(question.slice(0, 500))) parseClause(clause, vocabulary, lineCount, out);
  return out;
}
