/**
 * Compiles the json-rules-engine conditions of all rules of one scope into a single
 * synchronous JavaScript function. The meaning is json-rules-engine's: the same operators
 * (with their fact validators), the same path resolution (own properties only; a path
 * applies only when the fact is an object, and a missing step gives undefined), `all` and
 * `any` over children (an empty one is true), `not` of one child. A property test holds the
 * two evaluators to identical results.
 *
 * One function per scope lets every fact path that several rules test be read once per
 * item, and V8 sees straight-line property reads and comparisons instead of a tree of
 * closures. Nothing from a rule file is pasted into the source as code: fact names and
 * path steps are emitted as JSON string literals (and were checked against the path
 * grammar), values and operators are passed in arrays and referred to by index.
 */
import type { OperatorDefinition, OperatorTable } from '../rules/operators.js';
import { ownPathSource, parsePath } from '../rules/path.js';
import { isFactCondition, type Condition } from '../rules/rule.js';

export type FactBag = Readonly<Record<string, unknown>>;
/** Sets `fired[i]` to 1 when rule i of the scope holds for the facts, else 0; returns how many hold. */
export type ScopeEvaluator = (facts: FactBag, fired: Uint8Array) => number;

interface Emitter {
  operators: OperatorTable;
  constants: unknown[];
  evaluators: Array<(...args: unknown[]) => boolean>;
  validators: Array<NonNullable<OperatorDefinition['accepts']>>;
  /** `fact|path` → the local holding that value, and the source that reads it */
  reads: Map<string, { name: string; source: string }>;
  temps: number;
}

function isFactReference(value: unknown): value is { fact: string; path?: string } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, 'fact');
}

/**
 * An expression for `fact` at `path`. Each distinct path gets a local that is filled the
 * first time a rule needs it (rules that fail on their first test never pay for the rest),
 * and every later test of the same path in the scope reuses it.
 */
function read(e: Emitter, fact: string, path: string | undefined): string {
  const key = `${fact}|${path ?? ''}`;
  let known = e.reads.get(key);
  if (known === undefined) {
    const base = `f[${JSON.stringify(fact)}]`;
    let source = base;
    if (path !== undefined && path !== '') {
      const segments = parsePath(path);
      if (segments === null) throw new Error(`unsupported path "${path}"`);
      // json-rules-engine applies a path only to an object fact; any other value is used as it is
      if (segments.length > 0) source = `(t = ${base}, t !== null && typeof t === 'object' ? ${ownPathSource(segments)} : t)`;
    }
    known = { name: `r${e.reads.size}`, source };
    e.reads.set(key, known);
  }
  return `(${known.name} === U ? (${known.name} = ${known.source}) : ${known.name})`;
}

function emit(condition: Condition, e: Emitter): string {
  if ('all' in condition) return condition.all.length === 0 ? 'true' : `(${condition.all.map((c) => emit(c, e)).join(' && ')})`;
  // json-rules-engine treats an empty `any` as true, like an empty `all`
  if ('any' in condition) return condition.any.length === 0 ? 'true' : `(${condition.any.map((c) => emit(c, e)).join(' || ')})`;
  if ('not' in condition) return `!${emit(condition.not, e)}`;
  if (!isFactCondition(condition)) throw new Error('condition is neither a group nor a fact test');
  const operator = e.operators.get(condition.operator);
  if (!operator) throw new Error(`unknown operator "${condition.operator}"`);
  const leftRead = read(e, condition.fact, condition.path);
  const left = `a${e.temps++}`;
  let right: string;
  if (isFactReference(condition.value)) {
    right = read(e, condition.value.fact, condition.value.path);
  } else {
    e.constants.push(condition.value);
    right = `C${e.constants.length - 1}`;
  }
  // json-rules-engine's equal and notEqual are plain (in)equality with no fact validator: written inline
  if (operator.name === 'equal') return `((${left} = ${leftRead}) === ${right})`;
  if (operator.name === 'notEqual') return `((${left} = ${leftRead}) !== ${right})`;
  let evaluate: string;
  if (operator.bind && !isFactReference(condition.value)) {
    e.evaluators.push(operator.bind(condition.value));
    evaluate = `E${e.evaluators.length - 1}(${left})`;
  } else {
    e.evaluators.push(operator.evaluate as (...args: unknown[]) => boolean);
    evaluate = `E${e.evaluators.length - 1}(${left}, ${right})`;
  }
  if (!operator.accepts) return `(${left} = ${leftRead}, ${evaluate})`;
  e.validators.push(operator.accepts);
  return `(${left} = ${leftRead}, V${e.validators.length - 1}(${left}) && ${evaluate})`;
}

export function compileScope(conditions: readonly Condition[], operators: OperatorTable, name: string): ScopeEvaluator {
  const e: Emitter = { operators, constants: [], evaluators: [], validators: [], reads: new Map(), temps: 0 };
  // One store per rule that runs every time: a store or a table lookup that V8 has not yet seen run (a rule's
  // first firing, a test behind one that fails) has no type feedback, and reaching it throws the optimised
  // function away. Constants, evaluators and validators are bound once to names of their own for the same reason.
  const tests = conditions.map((c, i) => `h = (${emit(c, e)}) ? 1 : 0; fired[${i}] = h; n += h;`);
  const locals = ['t', 'h', 'n = 0', ...Array.from({ length: e.reads.size }, (_, i) => `r${i} = U`), ...Array.from({ length: e.temps }, (_, i) => `a${i}`)];
  const bound = (letter: string, count: number): string[] => Array.from({ length: count }, (_, i) => `${letter}${i} = ${letter}[${i}]`);
  const bindings = [...bound('C', e.constants.length), ...bound('E', e.evaluators.length), ...bound('V', e.validators.length)];
  // the scope's name in the function's name shows in CPU profiles
  const source =
    (bindings.length > 0 ? `const ${bindings.join(', ')};\n` : '') +
    `return function ${name.replace(/[^A-Za-z0-9_]/g, '_')}Rules(f, fired) {\n let ${locals.join(', ')};\n ${tests.join('\n ')}\n return n;\n};`;
  const factory = new Function('C', 'E', 'V', 'H', 'U', source) as (...args: unknown[]) => ScopeEvaluator;
  // U marks a path not read yet; no fact value can be this object
  return factory(e.constants, e.evaluators, e.validators, Object.prototype.hasOwnProperty, Object.freeze({}));
}
