// @ts-check
/**
 * Changes to a rules file made from a form, written into its YAML text so that everything
 * the form does not touch stays byte for byte as it was: comments, folding, flow style,
 * quoting. The `yaml` Document API finds where each value sits; the edit replaces, inserts
 * or removes only that stretch of text. When a change cannot be placed that way, the
 * Document API writes the whole document (comments still kept). Either way the result is
 * read back and must hold the value asked for.
 */
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, parse } from 'yaml';

/** @typedef {Array<string | number>} YamlPath */
/** @typedef {import('yaml').Document.Parsed} ParsedDocument */

/**
 * @param {string} text
 * @returns {ParsedDocument[]}
 */
function documents(text) {
  return /** @type {ParsedDocument[]} */ (parseAllDocuments(text));
}

/**
 * A value as YAML text, quoted when a plain scalar would read back as something else.
 * @param {unknown} value
 * @returns {string}
 */
export function scalarText(value) {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  const text = String(value);
  // a date is quoted, as the shipped files write dates
  const plainSafe = /^[A-Za-z0-9][A-Za-z0-9 ._/()-]*$/.test(text) && !/^\d{4}-\d{2}-\d{2}$/.test(text) && !/\s$/.test(text) && !/ #/.test(text);
  if (plainSafe) {
    try {
      if (parse(text) === text) return text;
    } catch {
      // quoted below
    }
  }
  return JSON.stringify(text);
}

/** @param {string} text @param {number} at */
function lineStart(text, at) {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/** @param {string} text @param {number} at the end of the line holding `at`, after its line break */
function lineEndAfter(text, at) {
  const end = text.indexOf('\n', at);
  return end === -1 ? text.length : end + 1;
}

/** @param {string} text @param {number} at */
function columnOf(text, at) {
  return at - lineStart(text, at);
}

/**
 * @param {string} text
 * @param {number} start
 * @param {number} end
 * @param {string} insert
 */
function splice(text, start, end, insert) {
  return text.slice(0, start) + insert + text.slice(end);
}

/**
 * The node at a path of one document (the pair's value for a key).
 * @param {ParsedDocument} doc
 * @param {YamlPath} path
 */
function nodeAt(doc, path) {
  return path.length === 0 ? doc.contents : doc.getIn(path, true);
}

/**
 * YAML lines for `value` under the keys `rest`, for a block map whose keys start at `indent`.
 * @param {Array<string | number>} rest
 * @param {unknown} value
 * @param {string} indent
 * @returns {string}
 */
function blockLines(rest, value, indent) {
  const [key, ...deeper] = rest;
  if (deeper.length === 0) return `${indent}${scalarText(key)}: ${scalarText(value)}\n`;
  return `${indent}${scalarText(key)}:\n${blockLines(deeper, value, `${indent}  `)}`;
}

/**
 * Flow text for `value` under the keys `rest`: `key: value` or `key: { deeper: value }`.
 * @param {Array<string | number>} rest
 * @param {unknown} value
 * @returns {string}
 */
function flowPair(rest, value) {
  const [key, ...deeper] = rest;
  return `${scalarText(key)}: ${deeper.length === 0 ? scalarText(value) : `{ ${flowPair(deeper, value)} }`}`;
}

/**
 * The text with the scalar at `path` (in document `docIndex`) set to `value`, adding the
 * keys that are missing.
 * @param {string} text
 * @param {number} docIndex
 * @param {YamlPath} path
 * @param {unknown} value
 * @returns {string | null} null when the change cannot be placed in the text
 */
function spliceSet(text, docIndex, path, value) {
  const doc = documents(text)[docIndex];
  if (!doc) return null;
  const node = nodeAt(doc, path);
  if (node && isScalar(node) && node.range) return splice(text, node.range[0], node.range[1], scalarText(value));
  if (node) return null;
  // the deepest map that exists on the way
  let depth = path.length - 1;
  while (depth >= 0 && !nodeAt(doc, path.slice(0, depth))) depth--;
  if (depth < 0) return null;
  const parent = nodeAt(doc, path.slice(0, depth));
  if (!isMap(parent) || !parent.range) return null;
  const rest = path.slice(depth);
  if (parent.flow) {
    const close = text.lastIndexOf('}', parent.range[1]);
    if (close < parent.range[0]) return null;
    const before = text.slice(parent.range[0] + 1, close).trim();
    return splice(text, close, close, `${before === '' ? ' ' : ', '}${flowPair(rest, value)} `).replace(/ {2}}/, ' }');
  }
  const items = parent.items;
  const first = items[0];
  const last = items.at(-1);
  const firstKey = first && isPair(first) && isScalar(first.key) ? first.key : null;
  const lastValue = last && isPair(last) ? /** @type {any} */ (last.value ?? last.key) : null;
  if (!firstKey?.range || !lastValue?.range) return null;
  const indent = ' '.repeat(columnOf(text, firstKey.range[0]));
  const at = lineEndAfter(text, lastValue.range[1] - 1);
  const lead = at === text.length && !text.endsWith('\n') ? '\n' : '';
  return splice(text, at, at, lead + blockLines(rest, value, indent));
}

/**
 * The text without the pair at `path`; a map left empty goes with it.
 * @param {string} text
 * @param {number} docIndex
 * @param {YamlPath} path
 * @returns {string | null}
 */
function spliceDelete(text, docIndex, path) {
  const doc = documents(text)[docIndex];
  if (!doc) return null;
  const parentPath = path.slice(0, -1);
  const parent = nodeAt(doc, parentPath);
  if (!isMap(parent)) return null;
  const key = path.at(-1);
  const index = parent.items.findIndex((pair) => isScalar(pair.key) && pair.key.value === key);
  if (index === -1) return text;
  if (parent.items.length === 1 && parentPath.length > 0) return spliceDelete(text, docIndex, parentPath);
  const pair = parent.items[index];
  const keyNode = pair && isScalar(pair.key) ? pair.key : null;
  const valueNode = /** @type {any} */ (pair?.value);
  if (!keyNode?.range) return null;
  const end = valueNode?.range ? valueNode.range[1] : keyNode.range[1];
  if (parent.flow) {
    const next = parent.items[index + 1];
    const nextKey = next && isScalar(next.key) ? next.key : null;
    if (nextKey?.range) return splice(text, keyNode.range[0], nextKey.range[0], '');
    const previous = parent.items[index - 1];
    const previousValue = /** @type {any} */ (previous?.value);
    if (previousValue?.range) return splice(text, previousValue.range[1], end, '');
    return splice(text, keyNode.range[0], end, '');
  }
  return splice(text, lineStart(text, keyNode.range[0]), lineEndAfter(text, Math.max(end - 1, keyNode.range[0])), '');
}

/**
 * @param {string} text
 * @param {number} docIndex
 * @param {YamlPath} path
 */
function valueIn(text, docIndex, path) {
  const doc = documents(text)[docIndex];
  if (!doc || doc.errors.length > 0) return { ok: false, value: undefined };
  const value = path.length === 0 ? doc.toJS() : doc.getIn(path);
  return { ok: true, value: value && typeof value === 'object' && 'toJSON' in value ? /** @type {any} */ (value).toJSON() : value };
}

/** @param {ParsedDocument[]} docs */
function writeAll(docs) {
  return docs.map((doc) => doc.toString()).join('');
}

/**
 * Sets (or, with `undefined`, removes) the value at `path` of one document of the text.
 * @param {string} text
 * @param {YamlPath} path
 * @param {unknown} value
 * @param {number} [docIndex]
 * @returns {string}
 */
export function setInText(text, path, value, docIndex = 0) {
  const spliced = value === undefined ? spliceDelete(text, docIndex, path) : spliceSet(text, docIndex, path, value);
  if (spliced !== null) {
    const back = valueIn(spliced, docIndex, path);
    if (back.ok && back.value === value) return spliced;
  }
  const docs = documents(text);
  const doc = docs[docIndex];
  if (!doc) throw new Error(`the file has no document ${docIndex + 1}`);
  if (value === undefined) doc.deleteIn(path);
  else doc.setIn(path, value);
  return writeAll(docs);
}

/**
 * Adds `value` at the end of the list at `path`.
 * @param {string} text
 * @param {YamlPath} path
 * @param {string} value
 * @param {number} [docIndex]
 */
export function addToList(text, path, value, docIndex = 0) {
  const docs = documents(text);
  const doc = docs[docIndex];
  if (!doc) throw new Error(`the file has no document ${docIndex + 1}`);
  const list = nodeAt(doc, path);
  if (!isSeq(list)) {
    doc.setIn(path, [value]);
    return writeAll(docs);
  }
  const before = list.items.length;
  let spliced = null;
  const last = /** @type {any} */ (list.items.at(-1));
  if (list.flow && list.range) {
    const close = text.lastIndexOf(']', list.range[1]);
    spliced = splice(text, close, close, before === 0 ? scalarText(value) : `, ${scalarText(value)}`);
  } else if (last?.range) {
    const indent = ' '.repeat(columnOf(text, last.range[0]));
    const at = lineEndAfter(text, last.range[1] - 1);
    const lead = at === text.length && !text.endsWith('\n') ? '\n' : '';
    // the dash sits before the item, at the list's own column
    const dashColumn = text.slice(lineStart(text, last.range[0]), last.range[0]).lastIndexOf('-');
    spliced = splice(text, at, at, `${lead}${dashColumn >= 0 ? ' '.repeat(dashColumn) : indent}- ${scalarText(value)}\n`);
  }
  if (spliced !== null) {
    const back = valueIn(spliced, docIndex, path);
    if (back.ok && Array.isArray(back.value) && back.value.length === before + 1 && String(back.value.at(-1)) === value) return spliced;
  }
  list.add(doc.createNode(value));
  return writeAll(docs);
}

/**
 * Removes item `index` of the list at `path` (its line, with the comment on it).
 * @param {string} text
 * @param {YamlPath} path
 * @param {number} index
 * @param {number} [docIndex]
 */
export function removeFromList(text, path, index, docIndex = 0) {
  const docs = documents(text);
  const doc = docs[docIndex];
  if (!doc) throw new Error(`the file has no document ${docIndex + 1}`);
  const list = nodeAt(doc, path);
  if (!isSeq(list)) return text;
  const expected = /** @type {unknown[]} */ (list.toJSON()).filter((_, i) => i !== index);
  const item = /** @type {any} */ (list.items[index]);
  let spliced = null;
  if (item?.range) {
    if (list.flow) {
      const next = /** @type {any} */ (list.items[index + 1]);
      const previous = /** @type {any} */ (list.items[index - 1]);
      if (next?.range) spliced = splice(text, item.range[0], next.range[0], '');
      else if (previous?.range) spliced = splice(text, previous.range[1], item.range[1], '');
      else spliced = splice(text, item.range[0], item.range[1], '');
    } else if (list.items.length > 1) {
      spliced = splice(text, lineStart(text, item.range[0]), lineEndAfter(text, item.range[1] - 1), '');
    }
  }
  if (spliced !== null) {
    const back = valueIn(spliced, docIndex, path);
    if (back.ok && JSON.stringify(back.value) === JSON.stringify(expected)) return spliced;
  }
  list.delete(index);
  return writeAll(docs);
}

/**
 * The plain data of every document of a file (documents that do not parse are null).
 * @param {string} text
 * @returns {unknown[]}
 */
export function readDocuments(text) {
  return documents(text).map((doc) => (doc.errors.length > 0 ? null : doc.toJS()));
}

/**
 * Where the rule with this id is in a rule file: its document and the path to it (a
 * document may hold one rule or a list of rules).
 * @param {string} text
 * @param {string} ruleId
 * @returns {{ docIndex: number, path: YamlPath, rule: Record<string, unknown> } | null}
 */
export function locateRule(text, ruleId) {
  const data = readDocuments(text);
  for (let docIndex = 0; docIndex < data.length; docIndex++) {
    const contents = data[docIndex];
    const rules = Array.isArray(contents) ? contents : [contents];
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      if (rule && typeof rule === 'object' && /** @type {Record<string, unknown>} */ (rule).id === ruleId) {
        return { docIndex, path: Array.isArray(contents) ? [i] : [], rule: /** @type {Record<string, unknown>} */ (rule) };
      }
    }
  }
  return null;
}
