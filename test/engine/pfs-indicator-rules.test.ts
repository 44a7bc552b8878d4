import { beforeAll, describe, expect, it } from 'vitest';
import { createJreScrubber, type JreScrubber } from '../../src/engine/jre.js';
import type { PreparedRuleSet } from '../../src/engine/prepare.js';
import { scrubClaim } from '../../src/engine/scrub.js';
import { importTable, openReferenceData, type ReferenceData } from '../../src/reference/index.js';
import { loadPreparedRuleSet } from '../../src/ruleset/load-prepared.js';
import type { ClaimInput } from '../../src/contract/claim.js';
import { generateClaim, seededRng } from '../support/claim-generator.js';
import { FIXTURE_FILES } from '../support/fixture-tables.js';
import { tempDir } from '../support/folders.js';
import { RULES_DIR } from '../support/paths.js';

const AS_OF = '2024-09-30';
let prepared: PreparedRuleSet;
let jre: JreScrubber;
let reference: ReferenceData;

beforeAll(async () => {
  const dir = tempDir();
  await importTable(dir, 'pfs', FIXTURE_FILES.pprrvu);
  reference = openReferenceData(dir);
  prepared = loadPreparedRuleSet(RULES_DIR);
  jre = createJreScrubber(prepared);
});

function claimWith(lines: Array<{ code: string; modifiers?: string[] }>, kind = 'medicare'): ClaimInput {
  const claim = generateClaim(seededRng(7), 7) as Record<string, unknown>;
  const base = ((claim.lines as Array<Record<string, unknown>>)[0] ?? {}) as Record<string, unknown>;
  claim.lines = lines.map((l) => ({ ...base, procedureCode: l.code, modifiers: l.modifiers ?? [], serviceDate: '2024-09-03', serviceDateEnd: null, units: 1 }));
  claim.payer = kind === 'medicare' ? { id: '00431', name: 'Medicare Part B', kind } : { id: '60054', name: 'Aetna', kind };
  return claim as ClaimInput;
}

/** The indicator findings of a claim as "rule-id@line", the same from the fast path and json-rules-engine. */
async function indicatorFindings(claim: ClaimInput): Promise<string[]> {
  const fast = scrubClaim(claim, prepared, { asOf: AS_OF, reference });
  expect(fast).toEqual(await jre.scrub(claim, { asOf: AS_OF, reference }));
  return fast.findings
    .filter((f) => /^pfs-(bilateral|assistant|co-surgeons|team|pctc)-/.test(f.ruleId))
    .map((f) => `${f.ruleId}@${f.line}`)
    .sort();
}

describe('fee schedule indicator edits on the July 2024 relative value file', () => {
  it('judge modifier 50 by the bilateral indicator', async () => {
    expect(await indicatorFindings(claimWith([{ code: '11042', modifiers: ['50'] }]))).toEqual(['pfs-bilateral-modifier-50-no-adjustment@1']);
    expect(await indicatorFindings(claimWith([{ code: '69210', modifiers: ['50'] }]))).toEqual(['pfs-bilateral-modifier-50-already-bilateral@1']);
    expect(await indicatorFindings(claimWith([{ code: 'G0102', modifiers: ['50'] }]))).toEqual(['pfs-bilateral-modifier-50-not-applicable@1']);
    expect(await indicatorFindings(claimWith([{ code: '27447', modifiers: ['50'] }]))).toEqual([]);
    expect(await indicatorFindings(claimWith([{ code: '70130', modifiers: ['50'] }]))).toEqual([]);
  });

  it('ask for one line with modifier 50 instead of right and left lines when the indicator is 1', async () => {
    expect(await indicatorFindings(claimWith([{ code: '27447', modifiers: ['RT'] }, { code: '27447', modifiers: ['LT'] }]))).toEqual(['pfs-bilateral-right-and-left-lines@2']);
    expect(await indicatorFindings(claimWith([{ code: '70130', modifiers: ['RT'] }, { code: '70130', modifiers: ['LT'] }]))).toEqual([]);
  });

  it('judge assistant, co-surgeon and team modifiers by their indicators', async () => {
    expect(await indicatorFindings(claimWith([{ code: '11042', modifiers: ['80'] }, { code: '19081', modifiers: ['AS'] }, { code: '27447', modifiers: ['82'] }]))).toEqual([
      'pfs-assistant-at-surgery-documentation@2',
      'pfs-assistant-at-surgery-not-paid@1',
    ]);
    expect(await indicatorFindings(claimWith([{ code: '11042', modifiers: ['62'] }, { code: '27447', modifiers: ['62'] }, { code: '22551', modifiers: ['62'] }]))).toEqual([
      'pfs-co-surgeons-documentation@2',
      'pfs-co-surgeons-not-permitted@1',
    ]);
    expect(await indicatorFindings(claimWith([{ code: '27447', modifiers: ['66'] }, { code: '22836', modifiers: ['66'] }, { code: '22818', modifiers: ['66'] }]))).toEqual([
      'pfs-team-surgery-documentation@2',
      'pfs-team-surgery-not-permitted@1',
    ]);
  });

  it('judge 26 and TC by the PC/TC indicator of the row the line uses', async () => {
    const claim = claimWith([
      { code: '99213', modifiers: ['26'] },
      { code: '93010', modifiers: ['26'] },
      { code: '93005', modifiers: ['TC'] },
      { code: '93000', modifiers: ['26'] },
      { code: 'G0166', modifiers: ['TC'] },
    ]);
    expect(await indicatorFindings(claim)).toEqual(['pfs-pctc-0-physician-service@1', 'pfs-pctc-2-professional-only@2', 'pfs-pctc-3-technical-only@3', 'pfs-pctc-4-global-test-only@4', 'pfs-pctc-5-incident-to@5']);
    const more = claimWith([
      { code: '97110', modifiers: ['TC'] },
      { code: '85060', modifiers: ['26'] },
      { code: 'G0473', modifiers: ['26'] },
      { code: '83020', modifiers: ['26', 'TC'] },
      { code: '83020', modifiers: ['26'] },
      { code: '71046', modifiers: ['26'] },
      { code: '71046', modifiers: ['TC'] },
    ]);
    expect(await indicatorFindings(more)).toEqual(['pfs-pctc-6-lab-interpretation@4', 'pfs-pctc-7-therapy@1', 'pfs-pctc-8-physician-interpretation@2', 'pfs-pctc-9-not-applicable@3']);
  });

  it('leave a payer that does not use the fee schedule indicators alone', async () => {
    const claim = claimWith([{ code: '11042', modifiers: ['80'] }, { code: '99213', modifiers: ['26'] }, { code: '69210', modifiers: ['50'] }], 'commercial');
    expect(await indicatorFindings(claim)).toEqual([]);
  });
});
