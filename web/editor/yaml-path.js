// @ts-check
/**
 * Where the cursor is in a YAML file, as a path of keys ('[]' for a list item), read from the
 * text alone: the editor asks on every keystroke, also while the file does not parse, so the
 * path comes from indentation, dashes and the flow brackets on the cursor's line.
 */

/**
 * @typedef {{ col: number, type: 'item', content: number } | { col: number, type: 'key', key: string, open: boolean }} Opening
 * @typedef {{ path: string[], mode: 'key' | 'value', key: string | null, word: string, flowText: string, inComment: boolean }} CursorPlace
 */

const LINE = /^(\s*)((?:-[ \t]+|-$)*)(.*)$/;
const KEY = /^((?:"[^"]*"|'[^']*'|[^\s#:{}[\],"'][^:#{}[\],]*?))\s*:(?:\s+(.*)|$)/;

const FLOW_KEY = /^("[^"]*"|'[^']*'|[A-Za-z_$][\w$-]*)\s*:(?=\s|$)/;

/** @param {string} key */
function unquote(key) {
  const trimmed = key.trim();
  return /^(["']).*\1$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
}

/**
 * The nodes a line opens, left to right: each dash (a list item) and a leading key.
 * @param {string} text
 * @returns {Opening[]}
 */
function openings(text) {
  const m = LINE.exec(text);
  if (!m) return [];
  const indent = m[1]?.length ?? 0;
  const dashes = m[2] ?? '';
  const rest = m[3] ?? '';
  /** @type {Opening[]} */
  const found = [];
  let at = indent;
  for (const dash of dashes.match(/-[ \t]*/g) ?? []) {
    found.push({ col: at, type: 'item', content: at + dash.length });
    at += dash.length;
  }
  const key = KEY.exec(rest);
  if (key) {
    const value = (key[2] ?? '').trim();
    found.push({ col: at, type: 'key', key: unquote(key[1] ?? ''), open: value === '' || value.startsWith('#') || /^&\S+\s*(#.*)?$/.test(value) });
  }
  return found;
}

/**
 * The keys leading to the node that starts at `col` (a key, or a dash when `isItem`), from
 * the lines above it.
 * @param {string[]} above
 * @param {number} col
 * @param {boolean} isItem
 */
export function containerPath(above, col, isItem) {
  /** @type {string[]} */
  const path = [];
  let c = col;
  let item = isItem;
  for (let r = above.length - 1; r >= 0; r--) {
    const text = above[r] ?? '';
    if (/^\s*(#.*)?$/.test(text)) continue;
    if (/^(---|\.\.\.)(\s|$)/.test(text)) break;
    const ops = openings(text);
    for (let i = ops.length - 1; i >= 0; i--) {
      const op = /** @type {Opening} */ (ops[i]);
      if (op.col > c) continue;
      if (op.type === 'key') {
        if (op.col === c && !item) continue; // a sibling key
        if (!op.open) break; // a scalar at this depth: nothing of it holds the node
        path.unshift(op.key);
        c = op.col;
        item = false;
      } else {
        if (op.col === c && item) continue; // a sibling item
        if (op.content !== c) break;
        path.unshift('[]');
        c = op.col;
        item = true;
      }
    }
    if (c === 0 && !item) break;
  }
  return path;
}

/**
 * What the cursor is on: the path of the map or list it is in, whether a key or a value is
 * being typed (and for which key), and the word typed so far.
 * @param {string[]} above the document's lines before the cursor's line
 * @param {string} before the cursor's line up to the cursor
 * @returns {CursorPlace}
 */
export function cursorPlace(above, before) {
  const m = LINE.exec(before);
  const indent = m?.[1]?.length ?? 0;
  const dashes = (m?.[2] ?? '').match(/-[ \t]*/g) ?? [];
  const start = indent + dashes.reduce((n, d) => n + d.length, 0);
  const tail = before.slice(start);
  const path = dashes.length > 0 ? [...containerPath(above, indent, true), ...dashes.map(() => '[]')] : containerPath(above, start, false);

  /** @type {Array<{ kind: '{' | '[', key: string | null }>} */
  const stack = [];
  /** @type {string | null} */
  let key = null;
  let inComment = false;
  let flowStart = 0;
  for (let i = 0; i < tail.length; i++) {
    const ch = tail[i];
    if (ch === '"' || ch === "'") {
      const end = tail.indexOf(ch, i + 1);
      if (end === -1) break;
      i = end;
      continue;
    }
    if (ch === '#' && (i === 0 || /\s/.test(tail[i - 1] ?? ''))) {
      inComment = true;
      break;
    }
    if (ch === '{' || ch === '[') {
      stack.push({ kind: ch, key });
      key = null;
      flowStart = i + 1;
      continue;
    }
    if (ch === '}' || ch === ']') {
      stack.pop();
      key = null;
      continue;
    }
    if (ch === ',') {
      key = null;
      continue;
    }
    const atTokenStart = i === 0 || /[\s{[,]/.test(tail[i - 1] ?? '');
    if (atTokenStart && key === null) {
      const found = FLOW_KEY.exec(tail.slice(i));
      if (found) {
        key = unquote(found[1] ?? '');
        i += found[0].length - 1;
      }
    }
  }
  for (const open of stack) {
    if (open.key !== null) path.push(open.key);
    if (open.kind === '[') path.push('[]');
  }
  const word = /[\w$.@-]*$/.exec(tail)?.[0] ?? '';
  const top = stack.at(-1);
  const mode = key !== null || top?.kind === '[' ? 'value' : 'key';
  return { path, mode, key, word, flowText: top ? tail.slice(flowStart) : tail, inComment };
}
