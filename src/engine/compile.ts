/**
 * Compiles json-rules-engine conditions into plain synchronous functions. The meaning
 * is json-rules-engine's: the same operators (with their fact validators), the same
 * path resolver, `all`/`any` over children, `not` of one child, and a fact value
 * reached through a path only when the fact is an object. A property test holds the
 * two evaluators to identical results.
 */
import type { OperatorTable } from '../rules/operators.js';
import { parsePath, resolveSegments, type PathSegment } from '../rules/path.js';
import { isFactCondition, type Condition } from '../rules/rule.js';

export type FactBag = Readonly<Record<string, unknown>>;
export type CompiledCondition = (facts: FactBag) => boolean;

type ValueReader = (facts: FactBag) => unknown;

function factReader(fact: string, path: string | undefined): ValueReader {
  const segments: PathSegment[] | null = path === undefined || path === '' ? null : parsePath(path);
  if (path !== undefined && path !== '' && segments === null) throw new Error(`unsupported path "${path}"`);
  if (segments === null) return (facts) => facts[fact];
  return (facts) => {
    const value = facts[fact];
    return value !== null && typeof value === 'object' ? resolveSegments(value, segments) : value;
  };
}

function isFactReference(value: unknown): value is { fact: string; path?: string } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, 'fact');
}

export function compileCondition(condition: Condition, operators: OperatorTable): CompiledCondition {
  if ('all' in condition) {
    const children = condition.all.map((c) => compileCondition(c, operators));
    return (facts) => {
      for (const child of children) if (!child(facts)) return false;
      return true;
    };
  }
  if ('any' in condition) {
    const children = condition.any.map((c) => compileCondition(c, operators));
    // json-rules-engine treats an empty `any` as true, like an empty `all`
    if (children.length === 0) return () => true;
    return (facts) => {
      for (const child of children) if (child(facts)) return true;
      return false;
    };
  }
  if ('not' in condition) {
    const child = compileCondition(condition.not, operators);
    return (facts) => !child(facts);
  }
  if (!isFactCondition(condition)) throw new Error('condition is neither a group nor a fact test');
  const operator = operators.get(condition.operator);
  if (!operator) throw new Error(`unknown operator "${condition.operator}"`);
  const left = factReader(condition.fact, condition.path);
  const rawValue = condition.value;
  const right: ValueReader = isFactReference(rawValue) ? factReader(rawValue.fact, rawValue.path) : () => rawValue;
  const { evaluate } = operator;
  const accepts = operator.accepts;
  if (accepts) return (facts) => {
    const l = left(facts);
    return accepts(l) && evaluate(l, right(facts));
  };
  return (facts) => evaluate(left(facts), right(facts));
}
