import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ownPathSource, parsePath, resolveSegments, type PathSegment } from '../../src/rules/path.js';

/** The generated walk of `segments`, as the compiled evaluator and templates run it. */
function compiledWalk(segments: readonly PathSegment[]): (value: unknown) => unknown {
  return new Function('H', `return (t) => ${ownPathSource(segments)};`)(Object.prototype.hasOwnProperty) as (value: unknown) => unknown;
}

// names a plain object or an array inherits, names they may own, and indexes
const step = fc.constantFrom<PathSegment>('constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'map', 'length', 'push', 'code', 'lines', 'units', 0, 1, 2);
const jsonShaped = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, 0, 'text'),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('code', 'lines', 'units', 'length', 'map', 'constructor', 'toString', '0'), tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('fact paths read own properties only', () => {
  it('the generated walk gives what resolveSegments gives, inherited names included', () => {
    fc.assert(
      fc.property(jsonShaped, fc.array(step, { minLength: 1, maxLength: 3 }), (value, segments) => {
        expect(compiledWalk(segments)(value)).toEqual(resolveSegments(value, segments));
      }),
      { numRuns: 3000 },
    );
  });

  it('never reaches a prototype member through a claim', () => {
    const claim = JSON.parse('{"lines":[{"code":"99213"}],"__proto__":{"polluted":true}}') as unknown;
    for (const path of ['$.constructor', '$.toString', '$.lines.map', '$.lines.length', '$.__proto__', '$.lines[0].code', '$.polluted']) {
      const segments = parsePath(path)!;
      expect(compiledWalk(segments)(claim), path).toEqual(resolveSegments(claim, segments));
    }
    expect(compiledWalk(parsePath('$.lines.length')!)(claim)).toBe(1);
    expect(compiledWalk(parsePath('$.constructor')!)(claim)).toBeUndefined();
    expect(compiledWalk(parsePath('$.polluted')!)(claim)).toBeUndefined();
  });
});
