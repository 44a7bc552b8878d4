/** `scrubjay remit` as a user runs it: the built command in a child process, on 835 files of our own. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExplainedRemit } from '../../src/remit/index.js';
import { openClaimStore } from '../../src/store/index.js';
import { runCli } from '../support/cli.js';
import { tempDir, writeIn } from '../support/folders.js';
import { FIXTURES_DIR } from '../support/paths.js';
import { exampleClaims, noTables, shippedRules, storeScrubs } from '../workbench/history.js';
import { readFileSync } from 'node:fs';

const DIR = join(FIXTURES_DIR, 'x12', '835');
const fixture = (name: string): string => join(DIR, name);

describe('scrubjay remit', () => {
  it('prints one JSON array of every claim payment of every file, each explained, with scrub null without a store', async () => {
    const run = await runCli(['remit', '--format', 'json', fixture('denied.835'), fixture('reversal.835')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const remits = JSON.parse(run.stdout) as ExplainedRemit[];
    expect(remits.map((r) => [r.claimId, r.status.code])).toEqual([
      ['C-1001', '4'],
      ['C-4001', '22'],
      ['C-4001', '1'],
    ]);
    const [denied] = remits as [ExplainedRemit];
    expect(denied).toMatchObject({
      payerClaimControlNumber: '22123456789',
      status: { code: '4', meaning: 'Denied' },
      charged: 240,
      paid: 0,
      patientResponsibility: 0,
      remitDate: '2026-12-01',
      payer: { id: '00431', name: 'MEDICARE PART B EXAMPLE CONTRACTOR' },
      adjustments: [{ group: 'CO', carc: '29', rarc: [], amount: 115, line: null, meaning: expect.any(String), groupMeaning: expect.any(String) }],
      lines: [{ line: 1, procedureCode: '99213', modifiers: [], serviceDate: '2026-10-01', charged: 125, paid: 0, adjustments: [{ group: 'CO', carc: '97', rarc: ['M15'], amount: 125 }] }, { line: 2 }],
      explanation: expect.stringMatching(/^Denied: /),
      nextSteps: expect.arrayContaining([expect.stringMatching(/^Appeal CO-29 /)]),
      appealBy: null,
      scrub: null,
    });
  });

  it('prints a readable summary per claim payment', async () => {
    const run = await runCli(['remit', fixture('partial.835')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('C-3001: Processed as primary (CLP02 1), RIVER HEALTH PLAN (RHP01), remittance of 2026-12-01\n  billed $200.00, paid $96.00, patient owes $44.00');
    expect(run.stdout).toContain('    PR-2 $24.00: This amount is the patient\'s coinsurance share.');
    expect(run.stdout).toContain('    - Bill the patient $44.00 (PR-1, PR-2)');
  });

  it('matches each payment to the stored scrubs of a data folder, and takes the appeal deadline from the stored payer\'s profile', async () => {
    const data = tempDir('scrubjay-remit-data-');
    const store = await openClaimStore(data);
    const late = structuredClone(exampleClaims()[0]!) as ReturnType<typeof exampleClaims>[number] & { lines: Array<Record<string, unknown>> };
    late.lines = [{ ...late.lines[0]!, serviceDate: '2025-09-01' }, { ...late.lines[0]!, serviceDate: '2025-09-01', procedureCode: '93000', charge: 115 }];
    const [kept] = await storeScrubs(store, [{ claim: late }], shippedRules(), noTables());
    await store.close();
    const remit = writeIn(tempDir(), 'denied.835', readFileSync(fixture('denied.835'), 'utf8').replaceAll('DTM*472*20261001', 'DTM*472*20250901'));
    const run = await runCli(['remit', '--format', 'json', '--data', data, remit]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [matched] = JSON.parse(run.stdout) as [ExplainedRemit];
    expect(matched.scrub).toEqual({ scrubId: kept!.id, predicted: ['29'], missed: ['97'] });
    expect(matched.appealBy).toBe('2027-04-05');
    const text = await runCli(['remit', '--data', data, remit]);
    expect(text.stdout).toContain(`  appeal by 2027-04-05\n  scrub ${kept!.id}: predicted 29; missed 97`);
  });

  it('exits 2 on unusable input, naming the file and the segment, and still reads the other files', async () => {
    const run = await runCli(['remit', '--format', 'json', fixture('bad-truncated.835'), fixture('bad-no-isa.835'), fixture('paid.835')]);
    expect(run.code).toBe(2);
    const errors = run.stderr.split('\n').filter((l) => l.includes(' error '));
    expect(errors).toEqual([
      expect.stringMatching(/^scrubjay: error SJ_REMIT_UNUSABLE: .*bad-truncated\.835: CAS03 at segment 19 .* is empty; an amount is required there\. \(CAS, segment 19\)$/),
      expect.stringMatching(/^scrubjay: error SJ_REMIT_UNUSABLE: .*bad-truncated\.835: Transaction "0001" \(ST at segment 3 .*\) has no SE trailer before the end of the file.*\(ST, segment 3\)$/),
      expect.stringMatching(/^scrubjay: error SJ_X12_UNREADABLE: .*bad-no-isa\.835: not an X12 interchange: .*segment 1 \(ISA\) is missing/),
    ]);
    expect((JSON.parse(run.stdout) as ExplainedRemit[]).map((r) => r.claimId)).toEqual(['C-1001', 'C-2001']);
  });

  it('exits 0 on a file whose SE01 count is wrong, warning of it at the SE', async () => {
    const run = await runCli(['remit', fixture('bad-se-count.835')]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^scrubjay: warning x12-control-count: .*bad-se-count\.835: SE01 at segment 23 .* says "921", but there are 21 segments .*\(SE, segment 23\)\n$/);
    expect(run.stdout).toMatch(/^C-1001: Denied/);
  });

  it('refuses an 837 as not a remittance, and a missing file, with exit 2', async () => {
    const claimFile = writeIn(tempDir(), 'claims.837', readFileSync(fixture('denied.835'), 'utf8').replace('ST*835*0001*005010X221A1', 'ST*837*0001*005010X222A1'));
    const run = await runCli(['remit', claimFile]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^scrubjay: error SJ_REMIT_NOT_A_REMITTANCE: .*claims\.837: not an 835 remittance: an 837 transaction set: the ST at segment 3 /);
    const missing = await runCli(['remit', join(tempDir(), 'nothing.835')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/SJ_INPUT_UNREADABLE: .*nothing\.835: cannot read the file \(no such file\)/);
  });
});
