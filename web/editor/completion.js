// @ts-check
/**
 * Completion of rule keys and values: the rule JSON Schema walked by the YAML path at the
 * cursor (keys of the map there, enums such as severity and scope), with the vocabulary the
 * schema leaves open: fact names and their fields, operators, categories, list names.
 */
import { FACTS } from '../../src/rules/facts-catalog.js';
import { cursorPlace } from './yaml-path.js';
import { keysAt, valuesAt } from './schema-walk.js';

/**
 * @typedef {import('@codemirror/autocomplete').Completion} Completion
 * @typedef {import('@codemirror/autocomplete').CompletionContext} CompletionContext
 * @typedef {import('@codemirror/autocomplete').CompletionResult} CompletionResult
 * @typedef {{ categories: () => string[], lists: () => string[], isRuleFile: () => boolean }} Vocabulary
 */

const OPERATORS = typeof SCRUBJAY_OPERATORS === 'undefined' ? [] : SCRUBJAY_OPERATORS;
const LIST_OPERATORS = new Set(OPERATORS.filter((op) => op.valueKind === 'list').map((op) => op.name));

/**
 * `$.field` paths of a fact, nested fields spelt out.
 * @param {import('../../src/rules/facts-catalog.js').FieldTree} tree
 * @param {string} prefix
 * @returns {Array<{ path: string, info: string }>}
 */
function fieldPaths(tree, prefix = '$') {
  return Object.entries(tree).flatMap(([name, meaning]) =>
    typeof meaning === 'string' ? [{ path: `${prefix}.${name}`, info: meaning }] : fieldPaths(meaning, `${prefix}.${name}`),
  );
}

/**
 * The values the schema leaves open but the rule format knows.
 * @param {string | null} key
 * @param {string} flowText the flow map the cursor is in, for the fact and operator beside it
 * @param {Vocabulary} vocabulary
 * @returns {Completion[]}
 */
function knownValues(key, flowText, vocabulary) {
  if (key === 'operator') return OPERATORS.map((op) => ({ label: op.name, type: 'keyword', detail: op.valueKind, info: op.description }));
  if (key === 'fact') return Object.entries(FACTS).map(([name, def]) => ({ label: name, type: 'variable', detail: def.scopes.join(', '), info: def.description }));
  if (key === 'category') return vocabulary.categories().map((name) => ({ label: name, type: 'enum' }));
  if (key === 'path') {
    const fact = /\bfact:\s*([A-Za-z]\w*)/.exec(flowText)?.[1];
    const def = fact ? FACTS[fact] : undefined;
    return def ? fieldPaths(def.fields).map((f) => ({ label: f.path, type: 'property', info: f.info })) : [];
  }
  if (key === 'value') {
    const operator = /\boperator:\s*([A-Za-z]\w*)/.exec(flowText)?.[1];
    if (operator && LIST_OPERATORS.has(operator)) return vocabulary.lists().map((name) => ({ label: name, type: 'constant', detail: 'code list' }));
  }
  return [];
}

/**
 * A CodeMirror completion source over the rule schema.
 * @param {import('./schema-walk.js').Schema} schema
 * @param {Vocabulary} vocabulary
 * @returns {(context: CompletionContext) => CompletionResult | null}
 */
export function ruleCompletion(schema, vocabulary) {
  return (context) => {
    if (!vocabulary.isRuleFile()) return null;
    const { state, pos } = context;
    const line = state.doc.lineAt(pos);
    const before = line.text.slice(0, pos - line.from);
    /** @type {string[]} */
    const above = [];
    for (let n = 1; n < line.number; n++) above.push(state.doc.line(n).text);
    const place = cursorPlace(above, before);
    if (place.inComment) return null;
    if (place.word === '' && !context.explicit) return null;
    // a file may hold a list of rules: each item is a rule
    const path = place.path[0] === '[]' ? place.path.slice(1) : place.path;
    const from = pos - place.word.length;
    if (place.mode === 'key') {
      const keys = keysAt(schema, path);
      if (keys.length === 0) return null;
      return {
        from,
        options: keys.map((k) => ({ label: k.key, type: 'property', apply: `${k.key}: `, detail: k.required ? 'required' : undefined, info: k.description, boost: k.required ? 1 : 0 })),
        validFor: /^[\w$-]*$/,
      };
    }
    const target = place.key === null ? path : [...path, place.key];
    const values = valuesAt(schema, target).map((v) => /** @type {Completion} */ ({ label: v, type: 'enum' }));
    const options = [...values, ...knownValues(place.key, place.flowText, vocabulary)];
    if (options.length === 0) return null;
    return { from, options, validFor: /^[\w$.@-]*$/ };
  };
}
