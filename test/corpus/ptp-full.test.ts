import { describe, expect, it } from 'vitest';
import { measurePtp } from '../../bench/reference.js';
import { openReferenceData } from '../../src/reference/index.js';
import { tempDir } from '../support/folders.js';
import { CORPUS_FILES } from './corpus-tables.js';

describe('ncci-ptp, the full practitioner table', () => {
  it('answers dated questions on the full table and measures it', async () => {
    const dir = tempDir();
    const figures = await measurePtp(dir, CORPUS_FILES.ptpFull);
    expect(openReferenceData(dir).loaded('ncci-ptp')[0]?.rows).toBe(2_546_017);
    expect(figures.importPtpMs).toBeLessThan(30_000);
    expect(figures.ptpLoadMs).toBeLessThan(2_000);
    expect(figures.ptpRssMB).toBeLessThan(150);

    const data = openReferenceData(dir);
    const now = data.ptp('2024-07-01');
    expect(now?.table.get('0007U', '0328U')).toMatchObject({ deleted: null, modifierIndicator: 1 });
    const then = data.ptp('2023-01-01');
    expect(then?.table.get('0007U', '0328U')).toMatchObject({ deleted: '2023-06-30', modifierIndicator: 0 });
    expect(now?.table.history('0007U', '0328U')).toHaveLength(2);
    expect(now?.table.get('U0003', 'U0004')).toMatchObject({ deleted: '2023-06-30', rationale: 'Mutually exclusive procedures' });

    // Lookups run on the hot path of a scrub: time them, then check every answer that was timed.
    // The indicators are the CMS table's (checked by hand in the decoded file); 99213/99214 and
    // 12345/67890 are no edit at all.
    const pairs: Array<[string, string]> = [['11042', '0213T'], ['0007U', '0328U'], ['99213', '99214'], ['45380', '45378'], ['12345', '67890']];
    const expected = [
      { deleted: null, modifierIndicator: 0, rationale: 'Misuse of Column Two code with Column One code' },
      { deleted: null, modifierIndicator: 1, rationale: 'Misuse of Column Two code with Column One code' },
      undefined,
      { deleted: null, modifierIndicator: 0, rationale: 'CPT Separate procedure definition' },
      undefined,
    ];
    const answers: unknown[] = new Array(pairs.length);
    const started = performance.now();
    for (let i = 0; i < 200_000; i++) {
      const [a, b] = pairs[i % pairs.length] as [string, string];
      answers[i % pairs.length] = now?.table.get(a, b);
    }
    const perSecond = 200_000 / ((performance.now() - started) / 1000);
    expected.forEach((answer, i) => {
      if (answer === undefined) expect(answers[i], pairs[i]!.join('/')).toBeUndefined();
      else expect(answers[i], pairs[i]!.join('/')).toMatchObject({ column1: pairs[i]![0], column2: pairs[i]![1], ...answer });
    });
    expect(perSecond).toBeGreaterThan(500_000);
  }, 120_000);
});
