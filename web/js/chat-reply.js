// @ts-check
/**
 * A chat reply laid out for reading. A long list of findings comes as groups, each a
 * heading line ("Missing information (3):") followed by its items ("• …" or "1. …"); each
 * group becomes a fold the reader can close, open to begin with. Short replies stay text.
 */
import { h } from './dom.js';

const ITEM = /^\s*(?:•|\d+\.\s)/;
/** Fewer groups than this read fine as plain text. */
const GROUPS_TO_FOLD = 2;

/**
 * @param {string[]} lines
 * @param {number} at
 */
function isHeading(lines, at) {
  const line = lines[at] ?? '';
  return line.endsWith(':') && !ITEM.test(line) && ITEM.test(lines[at + 1] ?? '');
}

/**
 * The reply as nodes: plain text, with each heading and its items folded together when
 * the reply has several groups.
 * @param {string} text
 * @returns {Array<Node | string>}
 */
export function replyBody(text) {
  const lines = text.split('\n');
  const headings = lines.filter((_line, i) => isHeading(lines, i)).length;
  if (headings < GROUPS_TO_FOLD) return [text];
  /** @type {Array<Node | string>} */
  const out = [];
  /** @type {string[]} */
  let loose = [];
  const flush = () => {
    if (loose.length > 0) out.push(loose.join('\n'));
    loose = [];
  };
  for (let i = 0; i < lines.length; i++) {
    if (!isHeading(lines, i)) {
      loose.push(lines[i] ?? '');
      continue;
    }
    flush();
    /** @type {string[]} */
    const items = [];
    while (ITEM.test(lines[i + 1] ?? '')) items.push(lines[++i] ?? '');
    out.push(h('details', { class: 'reply-group', open: true }, h('summary', {}, lines[i - items.length] ?? ''), h('div', { class: 'reply-items' }, items.join('\n'))));
  }
  flush();
  return out;
}
