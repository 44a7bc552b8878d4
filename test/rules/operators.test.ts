import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operatorTable } from '../../src/rules/operators.js';

const isBlank = operatorTable(() => undefined).get('isBlank')!;

describe('isBlank', () => {
  it('calls a value blank exactly when it is missing, an empty list, or text with nothing but whitespace', () => {
    for (const blank of [null, undefined, '', '   ', '\t\n', '\u00a0', '\u2028 \ufeff', []]) expect(isBlank.evaluate(blank, true), JSON.stringify(blank)).toBe(true);
    for (const present of ['x', ' x ', '\u00a0x', 0, false, [''], {}]) expect(isBlank.evaluate(present, true), JSON.stringify(present)).toBe(false);
  });

  it('agrees with trimming for any text, Unicode whitespace included', () => {
    const text = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: fc.constantFrom(' ', '\t', '\u00a0', '\u2003', '\ufeff', '\u3000', 'a', '9') }));
    fc.assert(fc.property(text, (value) => isBlank.evaluate(value, true) === (value.trim() === '')), { numRuns: 5000 });
  });
});
