/**
 * The interchange header (ISA) and the separators it declares. An X12 file names its own
 * delimiters: the element separator is the character right after `ISA`, the component
 * separator is ISA16, the segment terminator is the character after ISA16, and (from
 * 00501 on) ISA11 is the repetition separator. ISA is meant to be 106 characters wide,
 * but files with a mis-padded field exist, so the header is read by counting its
 * element separators rather than by fixed offsets, and a wrong width is only a warning.
 */

export interface Separators {
  element: string;
  component: string;
  /** null before version 00501 (ISA11 was a standards id then) or when ISA11 is unusable */
  repetition: string | null;
  segment: string;
}

export interface IsaHeader {
  separators: Separators;
  /** ISA followed by ISA01..ISA16, as written (fixed-width fields keep their padding) */
  elements: string[];
  /** offset just past the segment terminator */
  end: number;
  /** fields whose width differs from the standard's fixed width, e.g. `ISA02 is 9 characters (10 expected)` */
  widthProblems: string[];
  /** why ISA11 is not used as a repetition separator, when it looks like one but cannot be */
  repetitionProblem: string | null;
}

export type IsaScan =
  | { kind: 'header'; header: IsaHeader }
  /** the text ends before the header does; more input may complete it */
  | { kind: 'incomplete' }
  | { kind: 'invalid'; reason: string };

/** Standard widths of ISA01..ISA16. */
const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1];
/** A header whose 16 fields do not fit in this many characters is not an ISA at all. */
const MAX_ISA_LENGTH = 240;

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Characters that may serve as a delimiter: printable punctuation, or CR/LF for the terminator only. */
function delimiterProblem(char: string | undefined, role: string, lineBreakAllowed: boolean): string | null {
  if (char === undefined || char === '') return `the ${role} is missing`;
  const code = char.charCodeAt(0);
  if (lineBreakAllowed && (code === 10 || code === 13)) return null;
  if (isAlphanumeric(code)) return `the ${role} is ${JSON.stringify(char)}, a letter or digit, which data could contain`;
  if (code <= 32 || code === 127) return `the ${role} is a space or control character (code ${code})`;
  return null;
}

/** Whether `ISA` at `at` is followed by something that can be an element separator. */
export function isIsaAt(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== 73 || text.charCodeAt(at + 1) !== 83 || text.charCodeAt(at + 2) !== 65) return false;
  const next = text.charCodeAt(at + 3);
  return next > 32 && next !== 127 && !isAlphanumeric(next);
}

/**
 * The next place from `from` where an interchange header seems to start: `ISA` plus a
 * separator, not inside a word. Prose before the header ("ISA: interchange header") can
 * match too; `looksLikeHeader` tells a real header from a mention.
 */
export function findIsa(text: string, from: number): number {
  let at = text.indexOf('ISA', from);
  while (at !== -1) {
    const before = at === 0 ? 32 : text.charCodeAt(at - 1);
    if (!isAlphanumeric(before) && isIsaAt(text, at)) return at;
    at = text.indexOf('ISA', at + 1);
  }
  return -1;
}

/** `ISA*00*`: the same separator again after a two-character ISA01, as every real header has. */
export function looksLikeHeader(text: string, at: number): boolean {
  return text.length >= at + 7 && text[at + 6] === text[at + 3];
}

export function readIsa(text: string, at: number, atEnd: boolean): IsaScan {
  const element = text[at + 3];
  if (element === undefined) return atEnd ? { kind: 'invalid', reason: 'the file ends inside the ISA header' } : { kind: 'incomplete' };
  const elementProblem = delimiterProblem(element, 'element separator (the character after ISA)', false);
  if (elementProblem !== null) return { kind: 'invalid', reason: elementProblem };
  // find the separator before ISA16
  let cursor = at + 3;
  for (let n = 1; n < 16; n++) {
    const next = text.indexOf(element, cursor + 1);
    if (next === -1 || next - at > MAX_ISA_LENGTH) {
      if (next === -1 && !atEnd && text.length - at <= MAX_ISA_LENGTH) return { kind: 'incomplete' };
      return { kind: 'invalid', reason: `ISA has ${n} of its 16 elements before it ends (separated by ${JSON.stringify(element)})` };
    }
    cursor = next;
  }
  const componentAt = cursor + 1;
  if (text.length < componentAt + 2) {
    return atEnd ? { kind: 'invalid', reason: 'the file ends inside the ISA header (ISA16 or the segment terminator is missing)' } : { kind: 'incomplete' };
  }
  const component = text[componentAt] as string;
  const segment = text[componentAt + 1] as string;
  const problem =
    delimiterProblem(component, 'component separator (ISA16)', false) ??
    delimiterProblem(segment, 'segment terminator (the character after ISA16)', true) ??
    (component === element ? `the component separator (ISA16) is the element separator ${JSON.stringify(element)}` : null) ??
    (segment === element || segment === component ? `the segment terminator ${JSON.stringify(segment)} is also used as the element or component separator` : null);
  if (problem !== null) return { kind: 'invalid', reason: problem };

  const elements = text.slice(at, componentAt + 1).split(element);
  const widthProblems: string[] = [];
  for (let i = 1; i <= 16; i++) {
    const width = (elements[i] ?? '').length;
    const expected = ISA_WIDTHS[i - 1] as number;
    if (width !== expected) widthProblems.push(`ISA${String(i).padStart(2, '0')} is ${width} characters (${expected} expected)`);
  }
  const { repetition, repetitionProblem } = repetitionSeparator(elements[11] ?? '', elements[12] ?? '', { element, component, segment });
  return {
    kind: 'header',
    header: { separators: { element, component, repetition, segment }, elements, end: componentAt + 2, widthProblems, repetitionProblem },
  };
}

/** ISA11 is the repetition separator from version 00501 on; before that it is a standards id (`U`). */
function repetitionSeparator(isa11: string, isa12: string, used: { element: string; component: string; segment: string }): { repetition: string | null; repetitionProblem: string | null } {
  if (isa12.trim() < '00501' || isa11.length !== 1) return { repetition: null, repetitionProblem: null };
  const code = isa11.charCodeAt(0);
  if (isAlphanumeric(code) || code <= 32) return { repetition: null, repetitionProblem: null };
  if (isa11 === used.element || isa11 === used.component || isa11 === used.segment) {
    return { repetition: null, repetitionProblem: `ISA11 repetition separator ${JSON.stringify(isa11)} is also used as another separator, so repetitions are not split` };
  }
  return { repetition: isa11, repetitionProblem: null };
}
