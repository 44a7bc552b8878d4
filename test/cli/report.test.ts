/**
 * `scrubjay report missed-denials` as a user runs it: the built command in a child process,
 * over a data folder holding real scrubs and the 835s posted against them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClaimInput } from '../../src/contract/claim.js';
import { remitContextFor, remitsFromText, type MissedReport } from '../../src/remit/index.js';
import { remitSummary } from '../../src/remit/remit-state.js';
import { openClaimStore } from '../../src/store/index.js';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/folders.js';
import { FIXTURES_DIR, RULES_DIR } from '../support/paths.js';
import { exampleClaims, noTables, shippedRules, storeScrubs } from '../workbench/history.js';

let data: string;
let scrubIds: Map<string, string>;

/** C-1001 served long enough ago that its scrub raises CARC 29 and not 97; C-1002 as the examples have it. */
function claims(): ClaimInput[] {
  const [c1001, c1002] = ['C-1001', 'C-1002'].map((id) => structuredClone(exampleClaims().find((c) => c.claimId === id)!)) as [ClaimInput & { lines: Array<Record<string, unknown>> }, ClaimInput];
  c1001.lines = c1001.lines.map((line) => Object.assign({}, line, { serviceDate: '2025-09-01' }));
  return [c1001, c1002];
}

beforeAll(async () => {
  data = tempDir('scrubjay-report-data-');
  const store = await openClaimStore(data);
  try {
    const stored = await storeScrubs(store, claims().map((claim) => ({ claim })), shippedRules(), noTables());
    scrubIds = new Map(stored.map((r) => [r.claimId!, r.id]));
    const context = remitContextFor(RULES_DIR, store);
    for (const name of ['denied.835', 'partial-c1002.835', 'remarks.835']) {
      const { remits } = await remitsFromText(readFileSync(join(FIXTURES_DIR, 'x12', '835', name), 'utf8'), name, context);
      await store.recordRemits(
        remits.map((remit) => ({ remit: remit as unknown as Record<string, unknown>, summary: remitSummary(remit), scrubId: remit.scrub?.scrubId ?? null, claimId: remit.claimId, file: name })),
        'avery',
      );
    }
  } finally {
    await store.close();
  }
});

describe('scrubjay report missed-denials', () => {
  it('prints the report as JSON: denials by CARC and payer, with example claims of the missed ones', async () => {
    const run = await runCli(['report', 'missed-denials', '--data', data, '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as MissedReport;
    expect(report.totals).toMatchObject({ predicted: 1, missed: 2, unmatched: 1 });
    const row = (carc: string, payer: string) => report.groups.find((g) => g.carc === carc && g.payer.id === payer);
    expect(row('29', '00431')).toMatchObject({ predicted: 1, missed: 0 });
    expect(row('97', '00431')!.examples).toEqual([expect.objectContaining({ claimId: 'C-1001', scrubId: scrubIds.get('C-1001'), line: 1, procedureCode: '99213' })]);
    expect(row('97', '60054')!.examples).toEqual([expect.objectContaining({ claimId: 'C-1002', scrubId: scrubIds.get('C-1002') })]);
  });

  it('prints text a person reads, naming where a rule for the missed ones would go', async () => {
    const run = await runCli(['report', 'missed-denials', '--data', data]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Denials in 4 claim payments: 4 in all, 1 predicted, 2 missed, 1 without a stored scrub/);
    expect(run.stdout).toContain('CARC 97, MEDICARE PART B EXAMPLE CONTRACTOR (00431): 1 denied, 0 predicted, 1 missed');
    expect(run.stdout).toContain('where a rule would go: reference-data/ncci-edits.');
    expect(run.stdout).toContain(`- C-1001 (scrub ${scrubIds.get('C-1001')}), line 1 99213, $125.00 [M15]`);
  });

  it('prints CSV, and takes in only the payer and dates asked for', async () => {
    const run = await runCli(['report', 'missed-denials', '--data', data, '--format', 'csv', '--payer', 'aetna', '--from', '2026-12-01', '--to', '2026-12-31']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^97,.*,60054,AETNA,1,0,1,0,15\.00,15\.00,0,reference-data\/ncci-edits,C-1002$/);
  });

  it('refuses a data folder that is not there, and a range that ends before it starts, with exit 2', async () => {
    const missing = await runCli(['report', 'missed-denials', '--data', join(data, 'nothing-here')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/SJ_ARGUMENT_INVALID: there is no data folder/);
    const backwards = await runCli(['report', 'missed-denials', '--data', data, '--from', '2026-12-05', '--to', '2026-12-01']);
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toMatch(/SJ_ARGUMENT_INVALID: --from 2026-12-05 is after --to 2026-12-01/);
  });
});
