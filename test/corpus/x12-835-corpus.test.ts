/**
 * Every 835 of the public corpus (shared/corpus/x12, other parsers' fixtures) reads: the
 * claim payments, their statuses and adjustment codes as the corpus README's table lists
 * them, each code with a meaning in the catalog. The `fail` folder's files read too, each
 * reported for the faults its validator's list names that a reader can see (GS01 `XX`, a
 * wrong SE01 count).
 */
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InputProblem } from '../../src/claim/source.js';
import { codeCatalogFor } from '../../src/rules/codes.js';
import { explainRemits, readRemittance, remitContextFor, type ClaimPayment, type ExplainedRemit } from '../../src/remit/index.js';
import { RULES_DIR } from '../support/paths.js';
import { CORPUS_DIR } from './paths.js';

const X12_DIR = join(CORPUS_DIR, 'x12');

function files835(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return files835(path);
      return /(^|\/)835[^/]*\//.test(relative(X12_DIR, path)) && !name.startsWith('LICENSE') ? [path] : [];
    })
    .sort();
}

interface Scenario {
  payer: string;
  claims: number;
  status: string;
  /** group-reason codes as the README lists them; `CO-131 ×33` counts them */
  cas: Record<string, number | true>;
}

const SCENARIO_1: Scenario = { payer: 'INSURANCE COMPANY OF TIMBUCKTU', claims: 2, status: '1', cas: { 'CO-45': true } };
const SCENARIO_2: Scenario = { payer: 'RUSHMORE LIFE', claims: 2, status: '1', cas: { 'CO-45': true, 'PR-1': true, 'CO-210': true } };
const SCENARIO_2_A2: Scenario = { payer: 'RUSHMORE LIFE', claims: 2, status: '1', cas: { 'CO-A2': true, 'PR-1': true, 'CO-45': true } };
const SCENARIO_3A: Scenario = { payer: 'YOUR TAX DOLLARS AT WORK', claims: 2, status: '2', cas: { 'OA-23': true, 'PR-1': true, 'PR-2': true, 'CO-45': true } };
const SCENARIO_3A_42: Scenario = { payer: 'YOUR TAX DOLLARS AT WORK', claims: 2, status: '2', cas: { 'OA-23': true, 'PR-1': true, 'PR-2': true, 'CO-42': true } };
const SCENARIO_3B: Scenario = { payer: 'YOUR TAX DOLLARS AT WORK', claims: 1, status: '3', cas: { 'OA-23': true } };
const SCENARIO_3C: Scenario = { payer: 'YOUR TAX DOLLARS AT WORK', claims: 1, status: '2', cas: { 'OA-23': true, 'OA-94': true } };

/** The corpus README's table of 835 contents, file by file. */
const EXPECTED: Record<string, Scenario> = {
  'stupidedi/835-X221A1/pass/1.edi': SCENARIO_1,
  'stupidedi/835-X221A1/pass/dollars-and-data-sent-together.edi': SCENARIO_1,
  'linuxforhealth-x12/835/demo.835': SCENARIO_1,
  'linuxforhealth-x12/835/medicare-part-a.835': SCENARIO_1,
  'stupidedi/835-X221A1/pass/2.edi': SCENARIO_2,
  'stupidedi/835-X221A1/pass/dollars-and-data-sent-separate.edi': SCENARIO_2_A2,
  'stupidedi/835-X221A1/fail/2.edi': SCENARIO_2_A2,
  'linuxforhealth-x12/835/managed-care.835': SCENARIO_2_A2,
  'stupidedi/835-X221A1/pass/3a.edi': SCENARIO_3A,
  'stupidedi/835-X221A1/pass/secondary-payments.edi': SCENARIO_3A_42,
  'stupidedi/835-X221A1/fail/3a.edi': SCENARIO_3A_42,
  'linuxforhealth-x12/835/secondary-payment.835': SCENARIO_3A_42,
  'stupidedi/835-X221A1/pass/3b.edi': SCENARIO_3B,
  'stupidedi/835-X221A1/pass/tertiary-payments.edi': SCENARIO_3B,
  'stupidedi/835-X221A1/fail/3b.edi': SCENARIO_3B,
  'linuxforhealth-x12/835/tertiary-payment.835': SCENARIO_3B,
  'stupidedi/835-X221A1/pass/3c.edi': SCENARIO_3C,
  'stupidedi/835-X221A1/pass/secondary-payment-with-higher-fee-schedule.edi': SCENARIO_3C,
  'stupidedi/835-X221A1/fail/3c.edi': SCENARIO_3C,
  'linuxforhealth-x12/835/cob-contractural-adjustment.835': SCENARIO_3C,
  'stupidedi/835-X221A1/pass/era-sample.edi': { payer: 'DELTA DENTAL OF ABC', claims: 1, status: '1', cas: { 'CO-131': 5 } },
  'stupidedi/835-X221A1/pass/multiple-claims-single-check.edi': { payer: 'DENTAL OF ABC', claims: 9, status: '1', cas: { 'CO-131': 33, 'PR-3': 6 } },
};

/** The same broken scenario 3b as stupidedi's fail/3b.edi (`SVC*HC*24599`: no procedure code), outside a fail folder. */
const NO_PROCEDURE_CODE = new Set(['linuxforhealth-x12/835/tertiary-payment.835']);

async function read(path: string): Promise<{ payments: ClaimPayment[]; problems: InputProblem[] }> {
  const problems: InputProblem[] = [];
  const payments: ClaimPayment[] = [];
  for await (const payment of readRemittance(createReadStream(path), relative(X12_DIR, path), problems)) payments.push(payment);
  return { payments, problems };
}

function casCodes(payments: ClaimPayment[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of payments) for (const a of [...p.adjustments, ...p.lines.flatMap((l) => l.adjustments)]) counts.set(`${a.group}-${a.carc}`, (counts.get(`${a.group}-${a.carc}`) ?? 0) + 1);
  return counts;
}

const FILES = files835(X12_DIR);

describe('the 835 files of the public corpus', () => {
  it('are all listed in the corpus README table (and nothing else is)', () => {
    expect(FILES.map((f) => relative(X12_DIR, f))).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const path of FILES) {
    const name = relative(X12_DIR, path);
    const expected = EXPECTED[name]!;
    it(`${name} reads: ${expected.claims} claim payment(s) from ${expected.payer}, CLP02 ${expected.status}, ${Object.keys(expected.cas).join(', ')}`, async () => {
      const { payments, problems } = await read(path);
      expect(payments).toHaveLength(expected.claims);
      expect(new Set(payments.map((p) => p.status.code))).toEqual(new Set([expected.status]));
      expect(new Set(payments.map((p) => p.payer.name))).toEqual(new Set([expected.payer]));
      const counts = casCodes(payments);
      expect([...counts.keys()].sort()).toEqual(Object.keys(expected.cas).sort());
      for (const [code, count] of Object.entries(expected.cas)) if (count !== true) expect(counts.get(code), code).toBe(count);
      for (const p of payments) {
        expect(p.claimId, `CLP at ${p.source.segment}`).not.toBe('');
        expect(p.remitDate, `CLP at ${p.source.segment}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      // nothing a file holds is left unread or misread, but a procedure code that is not there
      const note = readFileSync(path, 'latin1');
      const errors = problems.filter((p) => p.severity === 'error').map((p) => [p.code, p.message.replace(/ at segment \d+ .*/, '')]);
      const noCode = note.includes("Missing Mandatory 'SVC0102'") || NO_PROCEDURE_CODE.has(name);
      expect(errors).toEqual(noCode ? [['remit-missing-element', 'SVC01 (the procedure code)']] : []);
      if (!name.includes('/fail/')) return;
      // the faults its validator lists, as far as they are the reader's to see
      expect(problems).toContainEqual(expect.objectContaining({ code: 'remit-group', message: expect.stringMatching(/^GS01 at segment 2 .* is "XX"/) }));
      const count = /Number of Included Segments '(\d+)' does not match actual segment count '(\d+)'/.exec(note);
      const se = problems.filter((p) => p.code === 'x12-control-count');
      if (count === null) expect(se).toEqual([]);
      else expect(se.map((p) => p.message)).toEqual([expect.stringMatching(new RegExp(`^SE01 at segment \\d+ .* says "${count[1]}", but there are ${count[2]} segments`))]);
    });
  }

  it('use only adjustment and remark codes the code catalog explains', async () => {
    const catalog = codeCatalogFor(RULES_DIR);
    const context = remitContextFor(RULES_DIR);
    const unexplained: string[] = [];
    for (const path of FILES) {
      const problems: InputProblem[] = [];
      const remits: ExplainedRemit[] = [];
      for await (const remit of explainRemits(readRemittance(createReadStream(path), path, problems), context)) remits.push(remit);
      for (const remit of remits) {
        for (const a of [...remit.adjustments, ...remit.lines.flatMap((l) => l.adjustments)]) if (catalog.carc(a.carc) === undefined) unexplained.push(`CARC ${a.carc}`);
        for (const code of [...remit.rarc, ...remit.lines.flatMap((l) => l.rarc)]) if (catalog.rarc(code) === undefined) unexplained.push(`RARC ${code}`);
        expect(remit.explanation.length).toBeGreaterThan(0);
        expect(remit.nextSteps.length).toBeGreaterThan(0);
      }
    }
    expect([...new Set(unexplained)]).toEqual([]);
  });
});
