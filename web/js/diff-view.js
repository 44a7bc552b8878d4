// @ts-check
/**
 * A unified diff as the page shows it: one row per line, added lines green with "+", removed
 * lines red with "−", file and hunk headers set apart. The marks are text too, so the change
 * reads without colour.
 */
import { h } from './dom.js';

/**
 * @param {string} line
 * @returns {string} the row's class
 */
function kindOf(line) {
  if (line.startsWith('+++') || line.startsWith('---') || line.startsWith('diff ') || line.startsWith('index ')) return 'diff-file';
  if (line.startsWith('@@')) return 'diff-hunk';
  if (line.startsWith('+')) return 'diff-add';
  if (line.startsWith('-')) return 'diff-del';
  return 'diff-same';
}

/**
 * @param {string} text unified diff
 * @param {string} label what the diff is of, for screen readers
 */
export function diffView(text, label) {
  const lines = text.replace(/\n$/, '').split('\n');
  const added = lines.filter((l) => kindOf(l) === 'diff-add').length;
  const removed = lines.filter((l) => kindOf(l) === 'diff-del').length;
  return h(
    'div',
    { class: 'diff-wrap' },
    h('p', { class: 'hint' }, `${added} line${added === 1 ? '' : 's'} added, ${removed} removed.`),
    h('pre', { class: 'diff', tabindex: 0, 'aria-label': label }, ...lines.map((line) => h('span', { class: `diff-line ${kindOf(line)}` }, line === '' ? ' ' : line, '\n'))),
  );
}
