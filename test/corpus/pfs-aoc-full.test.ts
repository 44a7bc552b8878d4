import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importTable, openReferenceData } from '../../src/reference/index.js';
import { scrubClaim } from '../../src/engine/scrub.js';
import { loadPreparedRuleSet } from '../../src/ruleset/load-prepared.js';
import { tempDir } from '../support/folders.js';
import { RULES_DIR } from '../support/paths.js';
import { CORPUS_FILES } from './corpus-tables.js';

const dataRows = (file: string): number => readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').length - 1;

describe('the full PFS indicator and add-on code tables', () => {
  it('import whole and answer known rows', async () => {
    const dir = tempDir();
    const pfsVersion = await importTable(dir, 'pfs', CORPUS_FILES.pfs);
    const aocVersion = await importTable(dir, 'ncci-aoc', CORPUS_FILES.aoc);
    expect(pfsVersion).toMatchObject({ effective: '2024-07-01', rows: dataRows(CORPUS_FILES.pfs) });
    expect(aocVersion).toMatchObject({ effective: '2024-06-03', rows: dataRows(CORPUS_FILES.aoc) });
    expect(aocVersion.note).toMatch(/read as active/);

    const data = openReferenceData(dir);
    const pfs = data.pfs('2024-09-01')!.table;
    // rows as the decoded file has them, checked by hand
    expect(pfs.get('27447')).toMatchObject({ status: 'A', globalDays: '090', bilateral: 1, assistant: 2, coSurgeons: 1, team: 0 });
    expect(pfs.get('71046', '26')).toMatchObject({ modifier: '26', pctc: 1 });
    expect(pfs.get('71046', 'TC')).toMatchObject({ modifier: 'TC', pctc: 1 });
    expect(pfs.get('93010')).toMatchObject({ pctc: 2 });
    expect(pfs.get('45380')).toMatchObject({ multipleProcedure: 3, endoscopicBase: '45378' });
    expect(pfs.get('69210')).toMatchObject({ bilateral: 2 });
    expect(pfs.get('99417')?.status).toBe('I');
    expect(pfs.get('A4262')?.status).toBe('B');

    const aoc = data.aoc('2024-09-01')!.table;
    expect(aoc.edits('99417').map((e) => e.primary)).toEqual(['99205', '99215']);
    expect(aoc.edits('11001')).toEqual([expect.objectContaining({ primary: '11000', type: 1 })]);
    expect(aoc.edits('64484')).toEqual([expect.objectContaining({ primary: '64483', type: 1 })]);
    expect(aoc.edits('0054T')).toEqual([expect.objectContaining({ primary: 'CCCCC', type: 2 })]);
    expect(aoc.edits('99213')).toEqual([]);

    // a Medicare claim on the full tables: the add-on without its primary is refused, with it the line passes
    const prepared = loadPreparedRuleSet(RULES_DIR);
    const line = (procedureCode: string) => ({ serviceDate: '2024-09-03', procedureCode, modifiers: [], diagnosisPointers: [1], units: 1, charge: 100 });
    const claim = (codes: string[]) => ({
      claimId: 'AOC-1', type: 'professional', frequency: '1', submissionDate: '2024-09-10',
      payer: { id: '00431', name: 'Medicare Part B', kind: 'medicare' },
      subscriber: { memberId: '1EG4TE5MK73', firstName: 'Ana', lastName: 'Diaz', birthDate: '1950-03-14', sex: 'F', address: { line1: '12 Elm St', city: 'Austin', state: 'TX', zip: '78701' } },
      patient: { relationship: 'self' },
      billingProvider: { npi: '1234567893', taxId: '741234567', name: 'Hill Country Clinic', address: { line1: '400 Main St', city: 'Austin', state: 'TX', zip: '787011234' } },
      renderingProvider: { npi: '1245319599', firstName: 'Lee', lastName: 'Park' },
      placeOfService: '11', diagnoses: ['L97.412'], lines: codes.map(line), totalCharge: 100 * codes.length,
    });
    const alone = scrubClaim(claim(['11001']) as never, prepared, { asOf: '2024-09-10', reference: data });
    expect(alone.findings.map((f) => [f.ruleId, f.line, f.carc])).toContainEqual(['add-on-code-without-primary-type-1', 1, 'B15']);
    const paired = scrubClaim(claim(['11000', '11001']) as never, prepared, { asOf: '2024-09-10', reference: data });
    expect(paired.findings.map((f) => f.ruleId)).not.toContain('add-on-code-without-primary-type-1');
    // 99417 is not valid for Medicare on the full table, however it is paired
    const prolonged = scrubClaim(claim(['99215', '99417']) as never, prepared, { asOf: '2024-09-10', reference: data });
    expect(prolonged.findings.map((f) => [f.ruleId, f.line, f.carc])).toContainEqual(['pfs-status-not-valid-for-medicare', 2, '181']);
    expect(prolonged.findings.map((f) => f.ruleId)).not.toContain('add-on-code-without-primary-type-1');
  });
});
