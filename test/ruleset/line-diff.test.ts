import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unifiedFileDiff, unifiedHunks } from '../../src/ruleset/history/line-diff.js';

/** Applies unified hunks to `before`, checking every context and removed line against it, as `patch` would. */
function applyHunks(before: string, hunks: string): string {
  const source = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const out: string[] = [];
  let next = 0;
  const lines = hunks === '' ? [] : hunks.replace(/\n$/, '').split('\n');
  for (let i = 0; i < lines.length; ) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$/.exec(lines[i]!);
    if (!header) throw new Error(`not a hunk header: ${lines[i]}`);
    const start = Number(header[1]);
    const count = header[2] === undefined ? 1 : Number(header[2]);
    const from = count === 0 ? start : start - 1;
    while (next < from) out.push(source[next++]!);
    i++;
    while (i < lines.length && !lines[i]!.startsWith('@@')) {
      const line = lines[i]!;
      const text = line.slice(1);
      if (line[0] === '+') out.push(text);
      else {
        if (source[next] !== text) throw new Error(`line ${next + 1} is ${JSON.stringify(source[next])}, the hunk says ${JSON.stringify(text)}`);
        if (line[0] === ' ') out.push(text);
        next++;
      }
      i++;
    }
  }
  while (next < source.length) out.push(source[next++]!);
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

describe('the unified diff of a version', () => {
  it('reads as git prints it: headers, hunk ranges and three lines of context', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n';
    const after = 'a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\n';
    expect(unifiedFileDiff('payers/x.yaml', before, after)).toBe(
      [
        'diff --git a/payers/x.yaml b/payers/x.yaml',
        '--- a/payers/x.yaml',
        '+++ b/payers/x.yaml',
        '@@ -1,5 +1,5 @@',
        ' a',
        '-b',
        '+B',
        ' c',
        ' d',
        ' e',
        '@@ -8,3 +8,4 @@',
        ' h',
        ' i',
        ' j',
        '+k',
        '',
      ].join('\n'),
    );
    expect(unifiedFileDiff('n.yaml', null, 'one\n')).toBe('diff --git a/n.yaml b/n.yaml\nnew file mode 100644\n--- /dev/null\n+++ b/n.yaml\n@@ -0,0 +1 @@\n+one\n');
    expect(unifiedFileDiff('gone.yaml', 'one\n', null)).toContain('deleted file mode 100644\n--- a/gone.yaml\n+++ /dev/null\n@@ -1 +0,0 @@\n-one\n');
    expect(unifiedFileDiff('same.yaml', 'x\n', 'x\n')).toBe('');
  });

  it('applied to the old text gives the new text, for any pair of texts', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', 'key: 1', '  - x', ''), { maxLength: 30 }).map((lines) => (lines.length === 0 ? '' : `${lines.join('\n')}\n`));
    fc.assert(
      fc.property(text, text, (before, after) => {
        expect(applyHunks(before, unifiedHunks(before, after))).toBe(after);
      }),
      { numRuns: 500 },
    );
  });
});
