import { beforeAll, describe, expect, it } from 'vitest';
import { normalizeClaim } from '../../src/claim/normalize.js';
import { ReferenceLookup } from '../../src/engine/reference-facts.js';
import { importTable, openReferenceData, type ReferenceData } from '../../src/reference/index.js';
import { loadPreparedRuleSet } from '../../src/ruleset/load-prepared.js';
import type { PreparedRuleSet } from '../../src/engine/prepare.js';
import type { ClaimInput } from '../../src/contract/claim.js';
import { FIXTURE_FILES } from '../support/fixture-tables.js';
import { tempDir } from '../support/folders.js';
import { RULES_DIR } from '../support/paths.js';

let data: ReferenceData;
let prepared: PreparedRuleSet;

beforeAll(async () => {
  const dir = tempDir();
  await importTable(dir, 'pfs', FIXTURE_FILES.pprrvu);
  await importTable(dir, 'ncci-aoc', FIXTURE_FILES.aoc);
  data = openReferenceData(dir);
  prepared = loadPreparedRuleSet(RULES_DIR);
});

function lines(kind: string, specs: Array<{ code: string; modifiers?: string[]; date?: string }>) {
  const claim = normalizeClaim({
    payer: { id: null, name: 'payer', kind },
    lines: specs.map((s) => ({ serviceDate: s.date ?? '2024-08-01', procedureCode: s.code, modifiers: s.modifiers ?? [], units: 1, charge: 1 })),
  } as unknown as ClaimInput);
  return { claim, lookup: new ReferenceLookup(data, prepared.profileFor(null, kind)) };
}

describe('fee schedule facts of a line', () => {
  it('take the 26 or TC row when the line carries that modifier and the file has it, else the code\'s own row', () => {
    const { claim, lookup } = lines('medicare', [{ code: '71046', modifiers: ['26'] }, { code: '71046', modifiers: ['TC', 'RT'] }, { code: '93010', modifiers: ['26'] }, { code: '27447', modifiers: ['50'] }]);
    const [pc, tc, interpretation, knee] = claim.lines.map((l) => lookup.pfs(l, '2024-08-01'));
    expect(pc).toMatchObject({ appliesToPayer: true, found: true, modifier: '26', pctc: 1 });
    expect(tc).toMatchObject({ modifier: 'TC' });
    expect(interpretation).toMatchObject({ found: true, modifier: '', pctc: 2 });
    expect(knee).toMatchObject({ modifier: '', status: 'A', globalDays: '090', bilateral: 1, assistant: 2, coSurgeons: 1, team: 0, endoscopicBase: null });
    expect(lookup.pfs(claim.lines[0]!, '2024-08-01').version).toBe('Medicare PFS relative value file 2024-07-01');
  });

  it('say a commercial payer does not apply them, and a code the file lacks is not found', () => {
    const { claim, lookup } = lines('commercial', [{ code: '27447' }, { code: 'ZZZZZ' }]);
    expect(lookup.pfs(claim.lines[0]!, '2024-08-01')).toMatchObject({ appliesToPayer: false, found: true });
    expect(lookup.pfs(claim.lines[1]!, '2024-08-01')).toMatchObject({ found: false, status: null });
  });
});

describe('add-on code facts of a line', () => {
  it('find a listed primary only on another line of the same date of service', () => {
    const { claim, lookup } = lines('medicare', [{ code: '11000' }, { code: '11001' }, { code: '11045' }, { code: '11042', date: '2024-08-02' }]);
    const sameDay = (i: number) => claim.lines.filter((l, j) => j !== i && l.serviceDate === claim.lines[i]!.serviceDate);
    expect(lookup.addOn(claim.lines[1]!, sameDay(1), '2024-08-01')).toMatchObject({
      appliesToPayer: true, found: true, type: 1, primaries: ['11000'], primaryOnClaim: true, primaryLines: [1], otherLinesSameDay: 2,
    });
    expect(lookup.addOn(claim.lines[2]!, sameDay(2), '2024-08-01')).toMatchObject({ found: true, type: 1, primaries: ['11042'], primaryOnClaim: false, primaryLines: [] });
    expect(lookup.addOn(claim.lines[0]!, sameDay(0), '2024-08-01')).toMatchObject({ found: false, type: null });
  });

  it('list no primaries for a contractor-defined edit', () => {
    const { claim, lookup } = lines('medicare', [{ code: '0054T' }]);
    expect(lookup.addOn(claim.lines[0]!, [], '2024-08-01')).toMatchObject({ found: true, type: 2, primaries: [], primaryOnClaim: false, otherLinesSameDay: 0 });
  });
});
