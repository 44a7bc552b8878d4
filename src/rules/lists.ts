/**
 * Named code lists (`rules/lists/*.yaml`). Entries are single codes or ranges written
 * `LOW-HIGH`; a code is inside a range only when it has the same shape as its ends
 * (digits where they have digits, letters where they have letters), so `9921A` is not
 * taken for a number between 99202 and 99499.
 */
export interface CodeList {
  name: string;
  description: string;
  file: string;
  has(code: string): boolean;
  size: number;
}

interface CodeRange {
  low: string;
  high: string;
  shape: string;
}

export function codeShape(code: string): string {
  let shape = '';
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    shape += c >= 48 && c <= 57 ? '9' : 'A';
  }
  return shape;
}

export function parseListEntry(entry: string): { code: string } | CodeRange | { error: string } {
  const value = entry.trim().toUpperCase();
  const dash = value.indexOf('-');
  if (dash === -1) return /^[A-Z0-9.]+$/.test(value) ? { code: value } : { error: `"${entry}" is not a code` };
  const low = value.slice(0, dash).trim();
  const high = value.slice(dash + 1).trim();
  const shape = codeShape(low);
  if (!/^[A-Z0-9]+$/.test(low) || !/^[A-Z0-9]+$/.test(high)) return { error: `"${entry}" is not a range of codes` };
  if (shape !== codeShape(high)) return { error: `range "${entry}" has ends of different shapes` };
  if (low > high) return { error: `range "${entry}" runs backwards` };
  return { low, high, shape };
}

export function createCodeList(name: string, description: string, file: string, entries: readonly string[]): CodeList {
  const codes = new Set<string>();
  const ranges: CodeRange[] = [];
  for (const entry of entries) {
    const parsed = parseListEntry(entry);
    if ('code' in parsed) codes.add(parsed.code);
    else if ('low' in parsed) ranges.push(parsed);
  }
  // Codes seen on claims repeat a lot; remembering answers keeps range scans off the hot path.
  const answers = new Map<string, boolean>();
  return {
    name,
    description,
    file,
    size: codes.size + ranges.length,
    has(code: string): boolean {
      if (codes.has(code)) return true;
      if (ranges.length === 0) return false;
      const known = answers.get(code);
      if (known !== undefined) return known;
      let inside = false;
      const shape = codeShape(code);
      for (const r of ranges) {
        if (r.shape === shape && code >= r.low && code <= r.high) {
          inside = true;
          break;
        }
      }
      if (answers.size < 50_000) answers.set(code, inside);
      return inside;
    },
  };
}
