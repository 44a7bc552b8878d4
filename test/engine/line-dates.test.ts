import { beforeAll, describe, expect, it } from 'vitest';
import { loadPreparedRuleSet } from '../../src/ruleset/load-prepared.js';
import type { PreparedRuleSet } from '../../src/engine/prepare.js';
import { scrubClaim } from '../../src/engine/scrub.js';
import type { ScrubResult } from '../../src/engine/finding.js';
import type { ClaimInput } from '../../src/contract/claim.js';
import { openReferenceData, type ReferenceData } from '../../src/reference/index.js';
import { importFixtureTables } from '../support/fixture-tables.js';
import { tempDir } from '../support/folders.js';
import { RULES_DIR } from '../support/paths.js';
import { LINE_DATE_CLAIMS as C } from './line-date-claims.js';

let prepared: PreparedRuleSet;
let reference: ReferenceData;

beforeAll(async () => {
  const dir = tempDir();
  await importFixtureTables(dir);
  reference = openReferenceData(dir);
  prepared = loadPreparedRuleSet(RULES_DIR);
}, 120_000);

const scrub = (claim: ClaimInput): ScrubResult => scrubClaim(claim, prepared, { asOf: '2026-11-27', reference });
const fired = (claim: ClaimInput, ruleId: string) => scrub(claim).findings.filter((f) => f.ruleId === ruleId);

describe('a diagnosis is judged on the date of service of each line that points to it', () => {
  it('rejects a code deleted on October 1 for the October line only, naming that line and the diagnosis', () => {
    const found = fired(C.deletedCodeAcrossOct1, 'icd10-code-unknown');
    expect(found).toMatchObject([{ line: 2, path: 'diagnoses[0]', carc: '146' }]);
    expect(found[0]!.message).toContain('ICD-10-CM FY2026');
    expect(found[0]!.explanation).toContain('the date of service of line 2 (2025-10-01)');
    expect(fired(C.deletedCodeLinesReversed, 'icd10-code-unknown')).toMatchObject([{ line: 1, path: 'diagnoses[0]' }]);
  });

  it('accepts the deleted code on lines dated before October 1', () => {
    expect(fired(C.deletedCodeBeforeOct1, 'icd10-code-unknown')).toEqual([]);
    expect(fired(C.deletedCodeOnlyBeforeOct1, 'icd10-code-unknown')).toEqual([]);
  });

  it('rejects a code added on October 1 for the September line, and a code that became a header once for its October lines', () => {
    const added = fired(C.addedCodeAcrossOct1, 'icd10-code-unknown');
    expect(added).toMatchObject([{ line: 1, path: 'diagnoses[0]' }]);
    expect(added[0]!.message).toContain('ICD-10-CM FY2025');
    // lines 2 and 3 fail alike: one finding, on the first of them
    expect(fired(C.headerAfterOct1, 'icd10-code-not-billable')).toMatchObject([{ line: 2, path: 'diagnoses[0]' }]);
  });

  it('judges a diagnosis no line points to on the earliest date of service, names no line, and says so', () => {
    expect(fired(C.unpointedDeletedCodeEarliestBefore, 'icd10-code-unknown')).toEqual([]);
    const found = fired(C.unpointedDeletedCodeEarliestAfter, 'icd10-code-unknown');
    expect(found).toMatchObject([{ line: null, path: 'diagnoses[1]' }]);
    expect(found[0]!.explanation).toContain("the claim's earliest date of service (2025-10-01), since no line points to it");
  });
});

describe('the age edits count the age on the line\'s date of service', () => {
  it('rejects a pediatric diagnosis for the line on the 18th birthday, not the one the day before', () => {
    const found = fired(C.pediatricTurns18, 'diagnosis-age-pediatric');
    expect(found).toMatchObject([{ line: 2, path: 'diagnoses[0]', carc: '9' }]);
    expect(found[0]!.message).toContain('the patient is 18');
    expect(found[0]!.explanation).toContain('18 on the date of service of line 2 (2025-10-01)');
    expect(fired(C.pediatricBefore18, 'diagnosis-age-pediatric')).toEqual([]);
  });

  it('rejects a maternity diagnosis for the line on the 65th birthday, and reports an edit that does not depend on the date once', () => {
    expect(fired(C.maternityTurns65, 'diagnosis-age-maternity')).toMatchObject([{ line: 2, path: 'diagnoses[0]' }]);
    const male = scrub(C.maternityTurns65Male).findings;
    expect(male.filter((f) => f.ruleId === 'diagnosis-age-maternity')).toMatchObject([{ line: 2 }]);
    expect(male.filter((f) => f.ruleId === 'diagnosis-sex-female-only')).toMatchObject([{ line: 1, path: 'diagnoses[0]' }]);
  });

  it('rejects the preventive visit of the age band the patient left between two lines, on the later line only', () => {
    expect(fired(C.preventiveTurns65, 'preventive-visit-age-40-to-64-mismatch')).toMatchObject([{ line: 2, path: 'lines[1].procedureCode' }]);
    expect(fired(C.preventiveTurns18, 'preventive-visit-age-12-to-17-mismatch')).toMatchObject([{ line: 2, path: 'lines[1].procedureCode' }]);
  });
});
