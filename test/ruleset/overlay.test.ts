import { describe, expect, it } from 'vitest';
import { overlay } from '../../src/ruleset/overlay.js';

const base = { payer: { id: 'P', name: 'N' }, diagnoses: ['A', 'B'], lines: [{ code: '1', units: 1 }, { code: '2', units: 1 }] };

describe('a rule test\'s claim laid over the base claim', () => {
  it('merges objects key by key and clears with null', () => {
    expect(overlay(base, { payer: { id: null } })).toMatchObject({ payer: { id: null, name: 'N' } });
  });
  it('replaces lists of plain values whole and empties any list with []', () => {
    expect(overlay(base, { diagnoses: ['Z'] })).toMatchObject({ diagnoses: ['Z'] });
    expect(overlay(base, { lines: [] })).toMatchObject({ lines: [] });
  });
  it('merges lines by position; a new position starts as a copy of the first line', () => {
    expect(overlay(base, { lines: [{ units: 3 }] })).toMatchObject({ lines: [{ code: '1', units: 3 }, { code: '2', units: 1 }] });
    expect((overlay({ lines: [{ code: '1', units: 1 }] }, { lines: [{}, { units: 2 }] }) as { lines: unknown[] }).lines).toEqual([
      { code: '1', units: 1 },
      { code: '1', units: 2 },
    ]);
  });
  it('never changes the base claim', () => {
    const before = structuredClone(base);
    overlay(base, { payer: { id: 'Q' }, lines: [{ units: 9 }] });
    expect(base).toEqual(before);
  });
});
