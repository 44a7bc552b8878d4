/** Plain-text tables for the terminal. */

export interface TextTableOptions {
  /** columns (by position) aligned to the right, as counts are; the others are aligned to the left */
  rightAligned?: readonly number[];
  /** put before every line */
  indent?: string;
}

/** The heading and rows as lines, each column as wide as its widest cell, two spaces apart; no line ends in spaces. */
export function textTable(heading: readonly string[], rows: readonly (readonly string[])[], options: TextTableOptions = {}): string[] {
  const right = new Set(options.rightAligned ?? []);
  const indent = options.indent ?? '';
  const widths = heading.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `${indent}${cells.map((cell, i) => (right.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ')}`.trimEnd();
  return [line(heading), ...rows.map(line)];
}
