/**
 * Splits one line of a delimited file into fields. Quoted fields may hold the delimiter and
 * doubled quotes. Returns null when a quote is left open or stray text follows a closing quote,
 * which callers report as a malformed line.
 */
export function splitDelimited(line: string, delimiter: string): string[] | null {
  if (line.indexOf('"') === -1) return line.split(delimiter);
  const fields: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    if (i < n && line[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q === -1) return null;
        value += line.slice(j, q);
        if (line[q + 1] === '"') {
          value += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      fields.push(value);
      if (j === n) return fields;
      if (line[j] !== delimiter) return null;
      i = j + 1;
    } else {
      const d = line.indexOf(delimiter, i);
      const end = d === -1 ? n : d;
      const value = line.slice(i, end);
      if (value.indexOf('"') !== -1) return null;
      fields.push(value);
      if (d === -1) return fields;
      i = d + 1;
    }
  }
}

/** Picks the delimiter a header line uses: tabs win when present, since CMS text files use them. */
export function guessDelimiter(line: string): string {
  return line.includes('\t') ? '\t' : ',';
}
