/**
 * Compiles json-rules-engine conditions into plain synchronous JavaScript functions.
 * The meaning is json-rules-engine's: the same operators (with their fact validators),
 * the same path resolution (own properties only; a path applies only when the fact is an
 * object, and a missing step gives undefined), `all`/`any` over children and `not` of
 * one child. A property test holds the two evaluators to identical results.
 *
 * Each rule becomes one generated function, so V8 sees straight-line property reads and
 * comparisons instead of a tree of closures. Nothing from a rule file is pasted into
 * the source as code: fact names and path steps are emitted as JSON string literals
 * (and were checked against the path grammar), values and operators are passed in
 * arrays and referred to by index.
 */
import type { OperatorDefinition, OperatorTable } from '../rules/operators.js';
import { parsePath } from '../rules/path.js';
import { isFactCondition, type Condition } from '../rules/rule.js';

export type FactBag = Readonly<Record<string, unknown>>;
export type CompiledCondition = (facts: FactBag) => boolean;

interface Emitter {
  constants: unknown[];
  evaluators: Array<OperatorDefinition['evaluate']>;
  validators: Array<NonNullable<OperatorDefinition['accepts']>>;
  temps: number;
}

function isFactReference(value: unknown): value is { fact: string; path?: string } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, 'fact');
}

/** Source of an expression reading `fact` at `path`, using temporary `t`. */
function readSource(fact: string, path: string | undefined, t: string): string {
  const base = `f[${JSON.stringify(fact)}]`;
  if (path === undefined || path === '') return base;
  const segments = parsePath(path);
  if (segments === null) throw new Error(`unsupported path "${path}"`);
  if (segments.length === 0) return base;
  let walk = t;
  for (const segment of segments) {
    const key = JSON.stringify(segment);
    walk = `(${t} = ${walk}, ${t} !== null && typeof ${t} === 'object' && H.call(${t}, ${key}) ? ${t}[${key}] : undefined)`;
  }
  return `(${t} = ${base}, ${t} !== null && typeof ${t} === 'object' ? ${walk} : ${t})`;
}

function emit(condition: Condition, operators: OperatorTable, e: Emitter): string {
  if ('all' in condition) {
    return condition.all.length === 0 ? 'true' : `(${condition.all.map((c) => emit(c, operators, e)).join(' && ')})`;
  }
  if ('any' in condition) {
    // json-rules-engine treats an empty `any` as true, like an empty `all`
    return condition.any.length === 0 ? 'true' : `(${condition.any.map((c) => emit(c, operators, e)).join(' || ')})`;
  }
  if ('not' in condition) return `!${emit(condition.not, operators, e)}`;
  if (!isFactCondition(condition)) throw new Error('condition is neither a group nor a fact test');
  const operator = operators.get(condition.operator);
  if (!operator) throw new Error(`unknown operator "${condition.operator}"`);
  const left = `t${e.temps++}`;
  const scratch = `t${e.temps++}`;
  const leftRead = readSource(condition.fact, condition.path, scratch);
  let right: string;
  if (isFactReference(condition.value)) {
    right = readSource(condition.value.fact, condition.value.path, `t${e.temps++}`);
  } else {
    e.constants.push(condition.value);
    right = `C[${e.constants.length - 1}]`;
  }
  // json-rules-engine's equal and notEqual are plain (in)equality with no fact validator: written inline
  if (operator.name === 'equal') return `(${left} = ${leftRead}, ${left} === ${right})`;
  if (operator.name === 'notEqual') return `(${left} = ${leftRead}, ${left} !== ${right})`;
  let evaluate: string;
  if (operator.bind && !isFactReference(condition.value)) {
    e.evaluators.push(operator.bind(condition.value) as OperatorDefinition['evaluate']);
    evaluate = `E[${e.evaluators.length - 1}](${left})`;
  } else {
    e.evaluators.push(operator.evaluate);
    evaluate = `E[${e.evaluators.length - 1}](${left}, ${right})`;
  }
  if (!operator.accepts) return `(${left} = ${leftRead}, ${evaluate})`;
  e.validators.push(operator.accepts);
  return `(${left} = ${leftRead}, V[${e.validators.length - 1}](${left}) && ${evaluate})`;
}

export function compileCondition(condition: Condition, operators: OperatorTable): CompiledCondition {
  const e: Emitter = { constants: [], evaluators: [], validators: [], temps: 0 };
  const body = emit(condition, operators, e);
  const temps = Array.from({ length: e.temps }, (_, i) => `t${i}`);
  const source = `return function compiledCondition(f) {${temps.length ? ` let ${temps.join(', ')};` : ''} return ${body} === true; };`;
  const factory = new Function('C', 'E', 'V', 'H', source) as (...args: unknown[]) => CompiledCondition;
  return factory(e.constants, e.evaluators, e.validators, Object.prototype.hasOwnProperty);
}
