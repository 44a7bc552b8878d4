import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPreparedRuleSet } from '../../src/ruleset/load-prepared.js';
import type { PreparedRuleSet } from '../../src/engine/prepare.js';
import { createJreScrubber } from '../../src/engine/jre.js';
import { scrubClaim } from '../../src/engine/scrub.js';
import type { ScrubResult } from '../../src/engine/finding.js';
import type { ClaimInput } from '../../src/contract/claim.js';
import { openReferenceData, type ReferenceData } from '../../src/reference/index.js';
import { tempDir } from '../support/folders.js';
import { REPO_ROOT, RULES_DIR } from '../support/paths.js';

/** The contract's example claim (Medicare, one office visit): clean on its own. */
const example = (JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'claims.json'), 'utf8')) as Array<Record<string, any>>)[0]!;

interface LineSpec {
  code: string;
  modifiers?: string[];
  units?: number;
  date?: string;
  pos?: string;
}

/** A copy of the example claim with these diagnoses and lines, filed ten days after its first date of service. */
function claim(diagnoses: string[], lines: LineSpec[], changes: Record<string, unknown> = {}): ClaimInput {
  const date = lines[0]?.date ?? '2026-10-01';
  const built = lines.map((l) => ({
    ...example.lines[0],
    serviceDate: l.date ?? date,
    procedureCode: l.code,
    modifiers: l.modifiers ?? [],
    units: l.units ?? 1,
    placeOfService: l.pos ?? null,
    diagnosisPointers: [1],
    charge: 100,
  }));
  const filed = new Date(Date.parse(date) + 10 * 86_400_000).toISOString().slice(0, 10);
  return { ...structuredClone(example), submissionDate: filed, diagnoses, lines: built, totalCharge: 100 * built.length, ...changes };
}

const fired = (result: ScrubResult, ruleId: string) => result.findings.filter((f) => f.ruleId === ruleId);
const ruleIds = (result: ScrubResult) => result.findings.map((f) => f.ruleId);

/**
 * What scrubbing with the official tables loaded must find, asked of the tables `importTables`
 * puts in a data folder: the committed excerpts in `npm test`, the full tables in the corpus suite.
 */
export function describeScrubWithOfficialTables(tables: string, importTables: (dataDir: string) => Promise<void>): void {
  let prepared: PreparedRuleSet;
  let reference: ReferenceData;
  let empty: ReferenceData;

  beforeAll(async () => {
    const dir = tempDir();
    await importTables(dir);
    reference = openReferenceData(dir);
    empty = openReferenceData(tempDir());
    prepared = loadPreparedRuleSet(RULES_DIR);
  }, 120_000);

  function scrub(c: ClaimInput, data: ReferenceData = reference): ScrubResult {
    return scrubClaim(c, prepared, { asOf: '2026-11-27', reference: data });
  }

  describe(`scrubbing against ${tables}`, () => {
    it('passes the contract example and names every version it used', () => {
      const result = scrub(claim(['E11.9', 'I10'], [{ code: '99213' }]));
      expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
      expect(result.referenceData.map((r) => r.version)).toEqual(
        expect.arrayContaining(['ICD-10-CM FY2026', 'MUE practitioner 2024-07-01', 'Medicare Code Editor v41.1', 'Place of service codes']),
      );
      expect(result.referenceData).toContainEqual({ kind: 'icd10cm', version: 'ICD-10-CM FY2026', effective: '2025-10-01' });
    });

    it('rejects a header diagnosis (E11) and an unknown one (E11.99) with CARC 146, and accepts E11.9 with or without the dot', () => {
      const result = scrub(claim(['E11', 'E11.99', 'E119', 'E11.9'], [{ code: '99213' }]));
      const header = fired(result, 'icd10-code-not-billable');
      expect(header).toHaveLength(1);
      expect(header[0]).toMatchObject({ carc: '146', path: 'diagnoses[0]' });
      expect(header[0]!.message).toContain('E11');
      expect(header[0]!.message).toContain('more specific code is required');
      const unknown = fired(result, 'icd10-code-unknown');
      expect(unknown).toHaveLength(1);
      expect(unknown[0]).toMatchObject({ carc: '146', rarc: ['M76'], path: 'diagnoses[1]' });
      expect(unknown[0]!.message).toContain('ICD-10-CM FY2026');
    });

    it('chooses the ICD-10-CM version in force on the date of service (B88.01 was added in FY2026)', () => {
      const before = scrub(claim(['B88.01'], [{ code: '99213', date: '2025-09-30' }]));
      expect(fired(before, 'icd10-code-unknown')[0]?.message).toContain('ICD-10-CM FY2025');
      expect(before.referenceData).toContainEqual({ kind: 'icd10cm', version: 'ICD-10-CM FY2025', effective: '2024-10-01' });
      const after = scrub(claim(['B88.01'], [{ code: '99213', date: '2025-10-01' }]));
      expect(ruleIds(after)).not.toContain('icd10-code-unknown');
      // B88.0 was a full code in FY2025 and became a header in FY2026
      expect(ruleIds(scrub(claim(['B88.0'], [{ code: '99213', date: '2025-09-30' }])))).not.toContain('icd10-code-not-billable');
      expect(ruleIds(scrub(claim(['B88.0'], [{ code: '99213', date: '2025-10-01' }])))).toContain('icd10-code-not-billable');
    });

    it('warns when no loaded version covers the date of service, and uses the oldest', () => {
      const result = scrub(claim(['E11.9'], [{ code: '99213', date: '2024-03-01' }]));
      const warning = fired(result, 'reference-data-out-of-range');
      expect(warning).toHaveLength(1);
      expect(warning[0]!.severity).toBe('warning');
      expect(warning[0]!.message).toContain('ICD-10-CM FY2025 for 2024-03-01');
    });

    it('says which checks did not run when nothing is loaded, and never reports a code set as checked', () => {
      const result = scrub(claim(['E11'], [{ code: '99213' }]), empty);
      const note = fired(result, 'reference-data-not-loaded');
      expect(note).toHaveLength(1);
      expect(note[0]!.severity).toBe('info');
      expect(note[0]!.message).toContain('ICD-10-CM');
      expect(ruleIds(result)).not.toContain('icd10-code-not-billable');
      expect(result.referenceData).toEqual([]);
      expect(ruleIds(scrub(claim(['E11.9'], [{ code: '99213' }])))).not.toContain('reference-data-not-loaded');
    });

    describe('NCCI procedure-to-procedure edits', () => {
      it('denies the column-2 code of an indicator-0 pair, whatever the modifier, on the column-2 line', () => {
        const result = scrub(claim(['L97.919'], [{ code: '0213T', modifiers: ['59'] }, { code: '11042' }]));
        const finding = fired(result, 'ptp-column2-modifier-not-allowed');
        expect(finding).toHaveLength(1);
        expect(finding[0]).toMatchObject({ carc: '97', line: 1, path: 'lines[0].procedureCode' });
        expect(finding[0]!.explanation).toContain('modifier indicator 0');
        expect(finding[0]!.explanation).toContain('NCCI PTP practitioner edits 2024-07-01');
      });

      it('denies an indicator-1 pair without a modifier, and lets an NCCI-associated modifier on either line through (not 76)', () => {
        const without = scrub(claim(['L97.919'], [{ code: '11042' }, { code: '0552T' }]));
        expect(fired(without, 'ptp-column2-without-modifier')).toMatchObject([{ carc: '97', line: 2 }]);
        expect(fired(without, 'ptp-column2-without-modifier')[0]!.message).toContain('0552T is bundled into 11042 (line 1)');
        expect(ruleIds(scrub(claim(['L97.919'], [{ code: '11042' }, { code: '0552T', modifiers: ['XS'] }])))).not.toContain('ptp-column2-without-modifier');
        expect(ruleIds(scrub(claim(['L97.919'], [{ code: '11042', modifiers: ['59'] }, { code: '0552T' }])))).not.toContain('ptp-column2-without-modifier');
        expect(ruleIds(scrub(claim(['L97.919'], [{ code: '11042' }, { code: '0552T', modifiers: ['76'] }])))).toContain('ptp-column2-without-modifier');
      });

      it('applies an edit only on the same date of service and while it is in force', () => {
        expect(ruleIds(scrub(claim(['L97.919'], [{ code: '11042' }, { code: '0552T', date: '2026-10-02' }])))).not.toContain('ptp-column2-without-modifier');
        // 11042/0228T (indicator 0) was deleted on 2020-12-31
        const deleted = claim(['L97.919'], [{ code: '11042' }, { code: '0228T' }]);
        expect(ruleIds(scrub(deleted))).not.toContain('ptp-column2-modifier-not-allowed');
        const whileInForce = claim(['L97.919'], [{ code: '11042', date: '2020-06-01' }, { code: '0228T', date: '2020-06-01' }]);
        expect(ruleIds(scrub({ ...whileInForce, submissionDate: '2020-06-10' }))).toContain('ptp-column2-modifier-not-allowed');
      });

      it('ignores indicator 9 and payers whose profile does not apply NCCI', () => {
        const nine = claim(['Z23'], [{ code: '0001A', date: '2021-06-01' }, { code: '90473', date: '2021-06-01' }]);
        const result = scrub(nine);
        expect(ruleIds(result).filter((id) => id.startsWith('ptp-'))).toEqual([]);
        const commercial = claim(['L97.919'], [{ code: '11042' }, { code: '0213T' }], { payer: { id: '60054', name: 'Aetna', kind: 'commercial' } });
        expect(ruleIds(scrub(commercial)).filter((id) => id.startsWith('ptp-'))).toEqual([]);
      });

      it('agrees with json-rules-engine on every one of these claims', async () => {
        const jre = createJreScrubber(prepared);
        const claims = [
          claim(['L97.919'], [{ code: '0213T', modifiers: ['59'] }, { code: '11042' }]),
          claim(['L97.919'], [{ code: '11042' }, { code: '0552T', modifiers: ['76'] }]),
          claim(['E11', 'B88.01'], [{ code: '97110', units: 4 }, { code: '97110', units: 4, modifiers: ['GP'] }]),
        ];
        for (const c of claims) expect(await jre.scrub(c, { asOf: '2026-11-27', reference })).toEqual(scrub(c));
      });
    });

    describe('Medically Unlikely Edits', () => {
      it('judges MAI 1 per line: A6460 allows 1 unit a line', () => {
        const over = scrub(claim(['L97.919'], [{ code: 'A6460', units: 2 }]));
        expect(fired(over, 'mue-line-units-over-limit')).toMatchObject([{ carc: '151', rarc: ['N362'], line: 1 }]);
        expect(ruleIds(scrub(claim(['L97.919'], [{ code: 'A6460' }, { code: 'A6460', modifiers: ['RT'] }])))).not.toContain('mue-line-units-over-limit');
      });

      it('adds up MAI 3 units over the lines of the date: 97110 allows 6 a day', () => {
        const split = scrub(claim(['M54.50'], [{ code: '97110', units: 4 }, { code: '97110', units: 4, modifiers: ['GP'] }]));
        const finding = fired(split, 'mue-date-of-service-clinical-limit');
        expect(finding).toHaveLength(1);
        expect(finding[0]!.message).toContain('8 units of 97110');
        expect(finding[0]!.explanation).toContain('can be appealed');
        expect(ruleIds(scrub(claim(['M54.50'], [{ code: '97110', units: 3 }, { code: '97110', units: 3, modifiers: ['GP'] }])))).not.toContain('mue-date-of-service-clinical-limit');
        expect(ruleIds(scrub(claim(['M54.50'], [{ code: '97110', units: 4 }, { code: '97110', units: 4, date: '2026-10-02' }])))).not.toContain('mue-date-of-service-clinical-limit');
      });

      it('treats MAI 2 as an absolute per-day limit: 0001U allows 1', () => {
        const result = scrub(claim(['Z00.00'], [{ code: '0001U', units: 2 }]));
        const finding = fired(result, 'mue-date-of-service-policy-limit');
        expect(finding).toHaveLength(1);
        expect(finding[0]!.explanation).toContain('not paid above the limit on appeal');
      });
    });

    describe('Medicare Code Editor diagnosis lists', () => {
      const child = { relationship: 'child', firstName: 'Mia', lastName: 'Diaz', birthDate: '2019-05-30', sex: 'F', address: example.subscriber.address };

      it('checks age groups in whole years on the date of service', () => {
        expect(fired(scrub(claim(['A48.51'], [{ code: '99213' }])), 'diagnosis-age-pediatric')).toMatchObject([{ carc: '9' }]);
        expect(ruleIds(scrub(claim(['A48.51'], [{ code: '99213' }], { patient: child })))).not.toContain('diagnosis-age-pediatric');
        expect(fired(scrub(claim(['C91.50'], [{ code: '99213' }], { patient: child })), 'diagnosis-age-adult')).toMatchObject([{ carc: '9' }]);
        expect(fired(scrub(claim(['A33'], [{ code: '99213' }])), 'diagnosis-age-newborn')).toHaveLength(1);
      });

      it('checks sex-specific diagnoses (CARC 10) and never a patient of unknown sex', () => {
        expect(fired(scrub(claim(['A18.14'], [{ code: '99213' }])), 'diagnosis-sex-male-only')).toMatchObject([{ carc: '10' }]);
        const male = { ...example.subscriber, sex: 'M' };
        expect(ruleIds(scrub(claim(['A18.14'], [{ code: '99213' }], { subscriber: male })))).not.toContain('diagnosis-sex-male-only');
        expect(fired(scrub(claim(['O80'], [{ code: '99213' }], { subscriber: male })), 'diagnosis-sex-female-only')).toHaveLength(1);
        expect(ruleIds(scrub(claim(['O80'], [{ code: '99213' }], { subscriber: { ...male, sex: 'U' } })))).not.toContain('diagnosis-sex-female-only');
      });

      it('rejects a manifestation code listed first and explains the "code first" rule', () => {
        const first = fired(scrub(claim(['D63.1', 'N18.30'], [{ code: '99213' }])), 'manifestation-code-first-listed');
        expect(first).toMatchObject([{ carc: '16', path: 'diagnoses[0]' }]);
        expect(first[0]!.explanation).toContain('code first');
        expect(ruleIds(scrub(claim(['N18.30', 'D63.1'], [{ code: '99213' }])))).not.toContain('manifestation-code-first-listed');
      });
    });

    describe('HCPCS Level II and place of service', () => {
      it('rejects an unknown Level II code (CARC 181) and modifier (CARC 4), but cannot judge CPT numbers', () => {
        const result = scrub(claim(['E11.9'], [{ code: 'E9999' }, { code: '99213', modifiers: ['ZZ'] }, { code: '99999' }]));
        expect(fired(result, 'hcpcs-code-unknown')).toMatchObject([{ carc: '181', line: 1 }]);
        expect(fired(result, 'hcpcs-modifier-unknown')).toMatchObject([{ carc: '4', line: 2 }]);
        expect(ruleIds(scrub(claim(['E11.9'], [{ code: 'J1100', modifiers: ['LT'] }])))).not.toContain('hcpcs-code-unknown');
      });

      it('rejects a place of service that is not in the code set (CARC 16)', () => {
        expect(fired(scrub(claim(['E11.9'], [{ code: '99213' }], { placeOfService: '98' })), 'place-of-service-unknown')).toMatchObject([{ carc: '16', rarc: ['M77'] }]);
        expect(fired(scrub(claim(['E11.9'], [{ code: '99213', pos: '30' }])), 'line-place-of-service-unknown')).toMatchObject([{ line: 1 }]);
      });
    });
  });
}
