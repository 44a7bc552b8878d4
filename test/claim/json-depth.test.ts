/**
 * How deeply JSON nests, told from its text (brackets inside strings, escaped quotes and
 * all) and from a parsed value, the same either way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, textDepth, valueDepth } from '../../src/claim/json-depth.js';

describe('the depth of JSON', () => {
  it('is the same from the text as from the parsed value, for any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        const text = JSON.stringify(value);
        expect(textDepth(text).depth).toBe(valueDepth(JSON.parse(text)).depth);
      }),
      { numRuns: 500 },
    );
  });

  it('does not count brackets inside strings, however their quotes are escaped', () => {
    expect(textDepth('{"a":"[[[{{{","b":"\\"[[[\\\\","c":[1]}').depth).toBe(2);
    expect(textDepth('"[[[["').depth).toBe(0);
  });

  it('says where a text first goes past the limit, and where a value does', () => {
    const text = `{"lines":[],"x":${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}}`;
    const { depth, pastLimitAt } = textDepth(text);
    expect(depth).toBe(MAX_JSON_DEPTH + 1);
    // the object is the first level, so the x array's 64th bracket is the 65th
    expect(pastLimitAt).toBe(text.indexOf('"x":') + 4 + MAX_JSON_DEPTH - 1);
    expect(valueDepth(JSON.parse(text))).toEqual({ depth: MAX_JSON_DEPTH + 1, path: ['x', 0, 0] });
    expect(valueDepth({ lines: [{ a: 1 }] })).toEqual({ depth: 3, path: null });
  });
});
