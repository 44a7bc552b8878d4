/**
 * A unified diff of text files, as `git diff` prints it (three lines of context), so the
 * history shows each version's change the way a clinic's IT would see it with git itself.
 * The shortest edit script comes from Myers' O(ND) algorithm, after trimming the common
 * start and end, which is all most rule edits leave.
 */

const CONTEXT = 3;

type Op = { kind: ' ' | '-' | '+'; text: string };

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Myers' greedy forward search, keeping each round's frontier to walk the path back. */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
    v = next;
  }
  trace.push(v);
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d > 0; d--) {
    const before = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && before[offset + k - 1]! < before[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = before[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      y--;
      ops.push({ kind: ' ', text: a[--x]! });
    }
    if (down) ops.push({ kind: '+', text: b[--y]! });
    else ops.push({ kind: '-', text: a[--x]! });
  }
  while (x > 0 && y > 0) {
    y--;
    ops.push({ kind: ' ', text: a[--x]! });
  }
  while (y > 0) ops.push({ kind: '+', text: b[--y]! });
  while (x > 0) ops.push({ kind: '-', text: a[--x]! });
  return ops.reverse();
}

function lineOps(a: readonly string[], b: readonly string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return [
    ...a.slice(0, start).map((text) => ({ kind: ' ' as const, text })),
    ...editScript(a.slice(start, endA), b.slice(start, endB)),
    ...a.slice(endA).map((text) => ({ kind: ' ' as const, text })),
  ];
}

function range(start: number, count: number): string {
  // an empty side is numbered from the line before it, as diff does
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

/** The hunks of one file's change (no header); empty when the texts are equal. */
export function unifiedHunks(before: string, after: string): string {
  const ops = lineOps(splitLines(before), splitLines(after));
  const changed = ops.map((op, i) => (op.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return '';
  const out: string[] = [];
  let i = 0;
  while (i < changed.length) {
    let last = changed[i]!;
    let j = i;
    // changes closer than twice the context share one hunk
    while (j + 1 < changed.length && changed[j + 1]! - last <= 2 * CONTEXT) last = changed[++j]!;
    const from = Math.max(0, changed[i]! - CONTEXT);
    const to = Math.min(ops.length, last + CONTEXT + 1);
    let lineA = 1;
    let lineB = 1;
    for (let p = 0; p < from; p++) {
      if (ops[p]!.kind !== '+') lineA++;
      if (ops[p]!.kind !== '-') lineB++;
    }
    const body = ops.slice(from, to);
    const countA = body.filter((op) => op.kind !== '+').length;
    const countB = body.filter((op) => op.kind !== '-').length;
    out.push(`@@ -${range(lineA, countA)} +${range(lineB, countB)} @@`);
    for (const op of body) out.push(`${op.kind}${op.text}`);
    i = j + 1;
  }
  return `${out.join('\n')}\n`;
}

/** A file's change with its git-style header; `null` stands for a file that does not exist on that side. */
export function unifiedFileDiff(path: string, before: string | null, after: string | null): string {
  const hunks = unifiedHunks(before ?? '', after ?? '');
  if (hunks === '' && (before === null) === (after === null)) return '';
  const header = [`diff --git a/${path} b/${path}`];
  if (before === null) header.push('new file mode 100644');
  if (after === null) header.push('deleted file mode 100644');
  header.push(before === null ? '--- /dev/null' : `--- a/${path}`, after === null ? '+++ /dev/null' : `+++ b/${path}`);
  return `${header.join('\n')}\n${hunks}`;
}
