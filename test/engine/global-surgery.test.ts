import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalizeClaim } from '../../src/claim/normalize.js';
import type { ClaimInput } from '../../src/contract/claim.js';
import { ClaimsHistory, type HistoryFacts } from '../../src/engine/history.js';
import { createJreScrubber, type JreScrubber } from '../../src/engine/jre.js';
import type { PreparedRuleSet } from '../../src/engine/prepare.js';
import { scrubClaim, walkClaim } from '../../src/engine/scrub.js';
import { importTable, openReferenceData, type ReferenceData } from '../../src/reference/index.js';
import { loadPreparedRuleSet } from '../../src/ruleset/load-prepared.js';
import { FIXTURE_FILES } from '../support/fixture-tables.js';
import { tempDir } from '../support/folders.js';
import { RULES_DIR } from '../support/paths.js';

const AS_OF = '2025-03-31';
const SURGEON = '1245319599';
const OTHER = '1992743954';
const GLOBAL_RULES = ['em-before-major-surgery-without-57', 'em-with-minor-procedure-without-25', 'em-in-post-operative-period-without-24'];

let prepared: PreparedRuleSet;
let jre: JreScrubber;
let reference: ReferenceData;

interface LineSpec {
  code: string;
  date: string;
  modifiers?: string[];
  npi?: string;
}

function claimOf(id: string, lines: LineSpec[], payerKind: 'medicare' | 'commercial' = 'medicare'): ClaimInput {
  return {
    claimId: id,
    type: 'professional',
    frequency: '1',
    originalClaimId: null,
    submissionDate: null,
    payer: payerKind === 'medicare' ? { id: '00431', name: 'Medicare Part B', kind: 'medicare' } : { id: '60054', name: 'Aetna', kind: 'commercial' },
    subscriber: {
      memberId: '1EG4TE5MK73', groupNumber: null, firstName: 'Ana', lastName: 'Diaz', birthDate: '1950-03-14', sex: 'F',
      address: { line1: '12 Elm St', city: 'Austin', state: 'TX', zip: '78701' },
    },
    patient: { relationship: 'self' },
    billingProvider: { npi: '1234567893', taxId: '741234567', name: 'Hill Country Clinic', taxonomy: '207Q00000X', address: { line1: '400 Main St', city: 'Austin', state: 'TX', zip: '787011234' } },
    renderingProvider: { npi: SURGEON, firstName: 'Lee', lastName: 'Park' },
    referringProvider: null,
    placeOfService: '11',
    priorAuthorization: null,
    diagnoses: ['M17.11'],
    lines: lines.map((l) => ({
      serviceDate: l.date, serviceDateEnd: null, procedureCode: l.code, modifiers: l.modifiers ?? [], diagnosisPointers: [1], units: 1, charge: 100,
      placeOfService: null, renderingProviderNpi: l.npi ?? null, ndc: null,
    })),
    totalCharge: 100 * lines.length,
  } as unknown as ClaimInput;
}

function historyOf(...claims: ClaimInput[]): ClaimsHistory {
  const history = new ClaimsHistory();
  for (const claim of claims) history.add(normalizeClaim(claim));
  return history;
}

/** The global surgery findings, as rule id and line, after checking both evaluators give the same whole result. */
async function globalFindings(claim: ClaimInput, history?: ClaimsHistory): Promise<string[]> {
  const options = { asOf: AS_OF, reference, ...(history ? { history } : {}) };
  const fast = scrubClaim(claim, prepared, options);
  expect(fast).toEqual(await jre.scrub(claim, options));
  return fast.findings.filter((f) => GLOBAL_RULES.includes(f.ruleId)).map((f) => `${f.ruleId} line ${f.line}`);
}

beforeAll(async () => {
  const dir = tempDir();
  await importTable(dir, 'pfs', FIXTURE_FILES.pprrvu);
  // a later fee schedule in which the knee replacement has no post-operative days: an earlier surgery is still judged by the file of its own date
  const later = join(tempDir(), 'pfs_rvu_indicators_2025-01_excerpt.csv');
  writeFileSync(later, readFileSync(FIXTURE_FILES.pfsDecoded, 'utf8').replace(/^27447,,A,0,090,/m, '27447,,A,0,000,'));
  await importTable(dir, 'pfs', later, { effective: '2025-01-01' });
  reference = openReferenceData(dir);
  prepared = loadPreparedRuleSet(RULES_DIR);
  jre = createJreScrubber(prepared);
});

describe('visits beside a procedure on the same claim, by the PFS global days (real July 2024 rows)', () => {
  it('an office visit on the day of, or the day before, a 090-day knee replacement needs modifier 57', async () => {
    expect(await globalFindings(claimOf('S-1', [{ code: '99213', date: '2024-09-03' }, { code: '27447', date: '2024-09-03' }]))).toEqual(['em-before-major-surgery-without-57 line 1']);
    expect(await globalFindings(claimOf('S-2', [{ code: '27447', date: '2024-09-04' }, { code: '99214', date: '2024-09-03' }]))).toEqual(['em-before-major-surgery-without-57 line 2']);
    expect(await globalFindings(claimOf('S-3', [{ code: '99213', date: '2024-09-03', modifiers: ['57'] }, { code: '27447', date: '2024-09-03' }]))).toEqual([]);
    expect(await globalFindings(claimOf('S-4', [{ code: '99213', date: '2024-09-02' }, { code: '27447', date: '2024-09-04' }]))).toEqual([]);
  });

  it('an office visit on the day of a 000- or 010-day procedure needs modifier 25, and 57 does not do', async () => {
    expect(await globalFindings(claimOf('S-5', [{ code: '99214', date: '2024-09-03' }, { code: '17000', date: '2024-09-03' }]))).toEqual(['em-with-minor-procedure-without-25 line 1']);
    expect(await globalFindings(claimOf('S-6', [{ code: '11042', date: '2024-09-03' }, { code: '99213', date: '2024-09-03', modifiers: ['57'] }]))).toEqual(['em-with-minor-procedure-without-25 line 2']);
    expect(await globalFindings(claimOf('S-7', [{ code: '99214', date: '2024-09-03', modifiers: ['25'] }, { code: '17000', date: '2024-09-03' }]))).toEqual([]);
    // the add-on 11045 (ZZZ) has no global period of its own
    expect(await globalFindings(claimOf('S-8', [{ code: '99213', date: '2024-09-03' }, { code: '11045', date: '2024-09-03' }]))).toEqual([]);
  });

  it('only the same rendering provider\'s procedure counts, and only on a payer that uses the fee schedule', async () => {
    expect(await globalFindings(claimOf('S-9', [{ code: '99213', date: '2024-09-03' }, { code: '27447', date: '2024-09-03', npi: OTHER }]))).toEqual([]);
    expect(await globalFindings(claimOf('S-10', [{ code: '99213', date: '2024-09-03' }, { code: '27447', date: '2024-09-03' }], 'commercial'))).toEqual([]);
  });

  it('a visit after the surgery on the same claim is in its post-operative period', async () => {
    expect(await globalFindings(claimOf('S-11', [{ code: '17000', date: '2024-09-03' }, { code: '99213', date: '2024-09-13' }]))).toEqual(['em-in-post-operative-period-without-24 line 2']);
    expect(await globalFindings(claimOf('S-12', [{ code: '17000', date: '2024-09-03' }, { code: '99213', date: '2024-09-14' }]))).toEqual([]);
  });
});

describe('visits in the post-operative period of a procedure on an earlier claim', () => {
  const knee = claimOf('H-1', [{ code: '27447', date: '2024-08-01' }]);
  const lesion = claimOf('H-2', [{ code: '17000', date: '2024-08-01' }]);

  it('fire from day 1 to day 90 after a 090-day procedure, and name the earlier claim', async () => {
    const history = historyOf(knee);
    expect(await globalFindings(claimOf('C-1', [{ code: '99213', date: '2024-08-01' }]), history)).toEqual([]);
    expect(await globalFindings(claimOf('C-2', [{ code: '99213', date: '2024-08-02' }]), history)).toEqual(['em-in-post-operative-period-without-24 line 1']);
    expect(await globalFindings(claimOf('C-3', [{ code: '99214', date: '2024-10-30' }]), history)).toEqual(['em-in-post-operative-period-without-24 line 1']);
    expect(await globalFindings(claimOf('C-4', [{ code: '99214', date: '2024-10-31' }]), history)).toEqual([]);
    const finding = scrubClaim(claimOf('C-5', [{ code: '99213', date: '2024-09-01' }]), prepared, { asOf: AS_OF, reference, history }).findings.find((f) => f.ruleId === GLOBAL_RULES[2]);
    expect(finding?.explanation).toContain('claim H-1 line 1 (27447 on 2024-08-01)');
  });

  it('fire from day 1 to day 10 after a 010-day procedure', async () => {
    const history = historyOf(lesion);
    expect(await globalFindings(claimOf('C-6', [{ code: '99213', date: '2024-08-11' }]), history)).toEqual(['em-in-post-operative-period-without-24 line 1']);
    expect(await globalFindings(claimOf('C-7', [{ code: '99213', date: '2024-08-12' }]), history)).toEqual([]);
  });

  it('pass with modifier 24, 25 or 57, for another provider\'s surgery, and for a commercial payer', async () => {
    const history = historyOf(knee, claimOf('H-3', [{ code: '27447', date: '2024-08-01', npi: OTHER }], 'medicare'));
    for (const modifier of ['24', '25', '57']) {
      expect(await globalFindings(claimOf(`C-8-${modifier}`, [{ code: '99213', date: '2024-09-01', modifiers: [modifier] }]), history)).toEqual([]);
    }
    expect(await globalFindings(claimOf('C-9', [{ code: '99213', date: '2024-09-01' }]), historyOf(claimOf('H-4', [{ code: '27447', date: '2024-08-01', npi: OTHER }])))).toEqual([]);
    expect(await globalFindings(claimOf('C-10', [{ code: '99213', date: '2024-09-01' }], 'commercial'), historyOf(claimOf('H-5', [{ code: '27447', date: '2024-08-01' }], 'commercial')))).toEqual([]);
  });

  it('give each earlier service its global days from the fee schedule of its own date', () => {
    const history = historyOf(claimOf('H-8', [{ code: '27447', date: '2024-12-20' }, { code: '99213', date: '2024-12-20' }]), claimOf('H-9', [{ code: '27447', date: '2025-01-02' }]));
    let facts: HistoryFacts | undefined;
    walkClaim(claimOf('C-13', [{ code: '99213', date: '2025-01-10' }]), prepared, { asOf: AS_OF, reference, history }, (item) => {
      if (item.scope === 'line') facts = item.facts.history;
    });
    expect(facts!.earlier.map((e) => `${e.claimId} ${e.procedureCode} ${e.globalDays}`)).toEqual(['H-9 27447 000', 'H-8 27447 090', 'H-8 99213 XXX']);
    expect(facts!.postOperativeOf).toEqual(['claim H-8 line 1 (27447 on 2024-12-20)']);
  });

  it('judge the earlier surgery by the fee schedule in force on its own date', async () => {
    // December 2024: 27447 has 090 days; from January 2025 the later file gives it none
    const history = historyOf(claimOf('H-6', [{ code: '27447', date: '2024-12-20' }]));
    expect(await globalFindings(claimOf('C-11', [{ code: '99213', date: '2025-01-10' }]), history)).toEqual(['em-in-post-operative-period-without-24 line 1']);
    const januarySurgery = historyOf(claimOf('H-7', [{ code: '27447', date: '2025-01-02' }]));
    expect(await globalFindings(claimOf('C-12', [{ code: '99213', date: '2025-01-10' }]), januarySurgery)).toEqual([]);
  });
});
