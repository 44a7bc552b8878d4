/**
 * Entity extraction: the line numbers, codes, modifiers, CARC/RARC numbers, payers and
 * dates a question names. Each match also becomes a slot word in the question's
 * "shape" (`what does CARC 97 mean` → `what does slotcarc mean`), so intent recognition
 * sees the kind of thing asked about rather than the particular code.
 */

export interface PayerMention {
  /** the payer profile id (`medicare`, `aetna`), when the words name one */
  profileId?: string;
  /** a payer kind the words name (`medicaid`, `commercial`) */
  kind?: string;
  /** the words as the user wrote them */
  text: string;
}

export interface Entities {
  /** 1-based line numbers in the order named; `last` is resolved later, against the claim */
  lines: Array<number | 'last'>;
  icd: string[];
  /** CPT (5 digits, or 4 digits + F/T/U/A/M) */
  cpt: string[];
  /** HCPCS Level II (a letter and 4 digits) */
  hcpcs: string[];
  modifiers: string[];
  carc: string[];
  rarc: string[];
  payer?: PayerMention;
  dates: string[];
  /** numbers not claimed by anything above (e.g. units in "change units to 2") */
  numbers: number[];
  /** rule ids named literally (`modifier-25-on-non-em-code`) */
  ruleIds: string[];
}

export interface Extraction {
  entities: Entities;
  /** the question in lower case with every entity replaced by its slot word */
  shape: string;
}

/** What entity extraction needs to know about the rule set. */
export interface EntityVocabulary {
  payers: ReadonlyArray<{ id: string; name: string; kinds: readonly string[]; payerIds: readonly string[] }>;
  ruleIds: ReadonlySet<string>;
  isRarc(code: string): boolean;
}

const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, '5th': 5, '6th': 6, '7th': 7, '8th': 8, '9th': 9, '10th': 10,
};
const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};

const KIND_WORDS: Array<[RegExp, string]> = [
  [/\bmedicare\b/, 'medicare'],
  [/\bmedicaid\b/, 'medicaid'],
  [/\btricare\b/, 'tricare'],
  [/\bworkers'?\s*(?:comp|compensation)\b/, 'workers-comp'],
  [/\bcommercial\b/, 'commercial'],
];

const PAYER_ALIASES: Record<string, string> = { uhc: 'unitedhealthcare', united: 'unitedhealthcare', 'united healthcare': 'unitedhealthcare' };

interface Span {
  start: number;
  end: number;
  slot: string;
}

/** Finds every match of `re` outside spans already taken, records it and hands it to `take`. */
function scan(text: string, re: RegExp, spans: Span[], slot: string, take: (m: RegExpExecArray) => boolean | void): void {
  const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  for (let m = global.exec(text); m !== null; m = global.exec(text)) {
    if (m[0].length === 0) {
      global.lastIndex++;
      continue;
    }
    const start = m.index;
    const end = start + m[0].length;
    if (spans.some((s) => start < s.end && end > s.start)) continue;
    if (take(m) === false) continue;
    spans.push({ start, end, slot });
  }
}

const push = <T>(list: T[], value: T): void => {
  if (!list.includes(value)) list.push(value);
};

const ICD = /^[A-TV-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4}|[0-9A-Z]{1,4})?$/;
const CPT = /^[0-9]{4}[0-9FTUAM]$/;
const HCPCS = /^[A-V][0-9]{4}$/;
/** two-letter words that follow "modifier" in a sentence without being one ("add a modifier to line 2") */
const NOT_MODIFIERS = new Set(['to', 'on', 'in', 'of', 'is', 'it', 'at', 'be', 'do', 'if', 'or', 'no', 'so', 'me', 'my', 'an', 'by', 'up', 'we', 'us', 'am', 'he']);
const DIAGNOSIS_CUE = /\b(?:icd|icd-?10|icd-?10-?cm|diagnos[ie]s|dx)\b/;

/**
 * Pulls the entities out of a question. Pure and total: any text gives an answer, and
 * long input is cut first so a pasted document cannot slow a reply down.
 */
export function extractEntities(question: string, vocabulary: EntityVocabulary): Extraction {
  const text = question.slice(0, 2000).toLowerCase().replace(/[’‘]/g, "'");
  const spans: Span[] = [];
  const e: Entities = { lines: [], icd: [], cpt: [], hcpcs: [], modifiers: [], carc: [], rarc: [], dates: [], numbers: [], ruleIds: [] };
  const diagnosisCue = DIAGNOSIS_CUE.test(text);

  scan(text, /\b\d{4}-\d{2}-\d{2}\b/, spans, ' slotdate ', (m) => push(e.dates, m[0]));
  // rule ids are words joined by dashes; only known ones count, so "follow-up" stays a word
  scan(text, /\b[a-z0-9]+(?:-[a-z0-9]+){1,}\b/, spans, ' slotrule ', (m) => {
    if (!vocabulary.ruleIds.has(m[0])) return false;
    push(e.ruleIds, m[0]);
  });

  // lines: "line 2", "line #2", "lines 2 and 3", "line two", "second line", "the last line", "line 2's"
  // ("line 1 to 3" is line 1 and a number, as in "set the units on line 1 to 3"; ranges are written "lines 2-4" or "2 through 4")
  scan(text, /\blines?\s*#?\s*(\d{1,3}(?:\s*(?:,|and|&|or|through|thru|-)\s*\d{1,3})*)(?:'s)?\b/, spans, ' slotline ', (m) => {
    const numbers = (m[1] ?? '').split(/\s*(?:,|and|&|or|through|thru|-)\s*/).map(Number);
    const range = /through|thru|-/.test(m[1] ?? '') && numbers.length === 2;
    const [a, b] = numbers;
    if (range && a !== undefined && b !== undefined && b >= a && b - a < 50) for (let n = a; n <= b; n++) push(e.lines, n);
    else for (const n of numbers) if (n > 0) push(e.lines, n);
  });
  scan(text, new RegExp(`\\bline\\s+(${Object.keys(NUMBER_WORDS).join('|')})\\b`), spans, ' slotline ', (m) => push(e.lines, NUMBER_WORDS[m[1] ?? ''] ?? 1));
  scan(text, new RegExp(`\\b(${Object.keys(ORDINALS).join('|')}|last)\\s+(?:service\\s+)?line\\b`), spans, ' slotline ', (m) => {
    const word = m[1] ?? '';
    push(e.lines, word === 'last' ? 'last' : (ORDINALS[word] ?? 1));
  });

  // CARC: "carc 97", "reason code 16", "denial code 29", "adjustment code 97", "co-97", "co 16", "pr-1"
  scan(text, /\b(?:carcs?|(?:claim\s+)?adjustment\s+(?:reason\s+)?codes?|(?:denial|reason|rejection)\s+codes?|(?:co|pr|oa|pi|cr)\s*-?)\s*#?\s*(?:(?:co|pr|oa|pi|cr)\s*-?\s*)?([a-z]?\d{1,3})\b/, spans, ' slotcarc ', (m) => {
    push(e.carc, (m[1] ?? '').toUpperCase());
  });
  // RARC: "rarc n362", "remark code m15", or a bare code the catalog knows when nothing says "diagnosis"
  scan(text, /\b(?:rarcs?|remark\s+codes?|remarks?)\s*#?\s*([a-z]{1,2}\d{1,3})\b/, spans, ' slotrarc ', (m) => push(e.rarc, (m[1] ?? '').toUpperCase()));
  if (!diagnosisCue) {
    scan(text, /\b(?:ma|m|n)\d{1,3}\b/, spans, ' slotrarc ', (m) => {
      const code = m[0].toUpperCase();
      if (!vocabulary.isRarc(code)) return false;
      push(e.rarc, code);
    });
  }

  // modifiers: "modifier 59", "modifiers 25 and 59", "mod xs", "99213-25"
  scan(text, /\b(?:modifiers?|mods?)\s*#?\s*([a-z0-9]{2}(?:\s*(?:,|and|&|or|\/)\s*[a-z0-9]{2}\b)*)/, spans, ' slotmodifier ', (m) => {
    const mods = (m[1] ?? '').split(/\s*(?:,|and|&|or|\/)\s*/).filter((mod) => /^[a-z0-9]{2}$/.test(mod) && !NOT_MODIFIERS.has(mod));
    if (mods.length === 0) return false;
    for (const mod of mods) push(e.modifiers, mod.toUpperCase());
  });
  scan(text, /\b(\d{4}[0-9ftuam]|[a-v]\d{4})-([a-z0-9]{2})\b/, spans, ' slotcode slotmodifier ', (m) => {
    const procedure = (m[1] ?? '').toUpperCase();
    push(CPT.test(procedure) ? e.cpt : e.hcpcs, procedure);
    push(e.modifiers, (m[2] ?? '').toUpperCase());
  });

  // codes: a dot or a diagnosis cue makes a letter-led code ICD-10-CM; otherwise letter + 4 digits is HCPCS
  scan(text, /\b[a-z][0-9][0-9a-z](?:\.[0-9a-z]{1,4}|[0-9a-z]{1,4})?\b/, spans, ' slotcode ', (m) => {
    const code = m[0].toUpperCase();
    if (HCPCS.test(code) && !diagnosisCue) {
      push(e.hcpcs, code);
      return;
    }
    if (!ICD.test(code) || !/\d/.test(code.slice(1))) return false;
    push(e.icd, code);
  });
  scan(text, /\b\d{4}[0-9ftuam]\b/, spans, ' slotcode ', (m) => {
    const code = m[0].toUpperCase();
    if (!CPT.test(code)) return false;
    push(e.cpt, code);
  });

  readPayer(text, spans, vocabulary, e);

  scan(text, /\b\d+(?:\.\d+)?\b/, spans, ' slotnumber ', (m) => {
    const n = Number(m[0]);
    if (Number.isFinite(n)) e.numbers.push(n);
  });

  let shape = '';
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    shape += text.slice(at, s.start) + s.slot;
    at = s.end;
  }
  shape += text.slice(at);
  return { entities: e, shape: shape.replace(/\s+/g, ' ').trim() };
}

/**
 * A payer named by its profile id or id parts ("texas medicaid" → medicaid-texas), a
 * payer id ("60054"), an alias ("uhc"), or a payer kind word ("medicare").
 */
function readPayer(text: string, spans: Span[], vocabulary: EntityVocabulary, e: Entities): void {
  let best: { id: string; score: number } | undefined;
  for (const payer of vocabulary.payers) {
    const parts = payer.id.split('-').filter((p) => p !== 'default');
    const hits = parts.filter((p) => new RegExp(`\\b${p}\\b`).test(text)).length;
    const byPayerId = payer.payerIds.some((id) => new RegExp(`\\b${id.toLowerCase()}\\b`).test(text));
    const byAlias = Object.entries(PAYER_ALIASES).some(([alias, id]) => id === payer.id && new RegExp(`\\b${alias}\\b`).test(text));
    // a profile whose every id part is named outranks one that shares a single word with the question
    const score = byPayerId ? 10 : byAlias ? 5 : hits === 0 ? 0 : hits + hits / parts.length;
    if (score > 0 && (!best || score > best.score)) best = { id: payer.id, score };
    // a payer id is not a procedure code, though it may look like one
    if (byPayerId) for (const id of payer.payerIds) e.cpt = e.cpt.filter((c) => c !== id.toUpperCase());
  }
  let kind: string | undefined;
  for (const [re, k] of KIND_WORDS) {
    if (re.test(text)) {
      kind = k;
      break;
    }
  }
  if (!best && !kind) return;
  const words = best ? vocabulary.payers.find((p) => p.id === best.id)?.name ?? best.id : kind ?? '';
  e.payer = { ...(best ? { profileId: best.id } : {}), ...(kind ? { kind } : {}), text: words };
  // the payer's words become a slot so "for medicare" and "for aetna" look alike to the recognizer
  const names = [...new Set([...(best ? best.id.split('-') : []), ...(kind ? [kind.replace('-', '.?')] : []), ...Object.keys(PAYER_ALIASES)])].filter((w) => w !== 'default');
  scan(text, new RegExp(`\\b(?:${names.join('|')})(?:'s)?\\b`), spans, ' slotpayer ', () => undefined);
  scan(text, /\bworkers'?\s*(?:comp|compensation)\b/, spans, ' slotpayer ', () => undefined);
}
