/**
 * `scrubjay ack FILE...` through the real command: what each 277CA says of each claim and
 * batch, as text for a biller or as one JSON array for a script, and exit 2 naming the file
 * and segment when a file is not a 277CA at all.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { tempDir, writeIn } from '../support/folders.js';
import { FIXTURES_DIR } from '../support/paths.js';

const ACKS = join(FIXTURES_DIR, 'x12', '277ca');
const ack = (name: string): string => join(ACKS, name);

describe('scrubjay ack', () => {
  it('prints one JSON array for all files, with the contract fields of every claim', async () => {
    const run = await runCli(['ack', '--format', 'json', ack('accepted.277'), ack('rejected.277')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const records = JSON.parse(run.stdout) as Array<Record<string, any>>;
    const claims = records.filter((r) => r.level === 'claim');
    expect(claims.map((c) => [c.claimId, c.accepted, c.at])).toEqual([
      ['C-1001', true, '2026-12-02'],
      ['C-1002', true, '2026-12-02'],
      ['C-2001', false, '2026-12-03'],
      ['C-2002', false, '2026-12-03'],
      ['C-2003', true, '2026-12-03'],
    ]);
    expect(claims[2]!.statuses).toEqual([{ category: 'A7', code: '562', entity: '85', meaning: "Rejected because information is invalid: the entity's National Provider Identifier (NPI) (billing provider)" }]);
  });

  it('shows a biller each claim with its verdict and reasons, and the rejection of a whole provider', async () => {
    const run = await runCli(['ack', ack('provider-rejected.277')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('claim C-3001  accepted  2026-12-04  payer claim number RHP2612040001\n  A2:20  Accepted into the payer\'s processing system: accepted for processing\n');
    expect(run.stdout).toContain('all claims of billing provider IVY REED (trace PRV0003B)  REJECTED  (no date)\n  A3:24:85  Returned as unprocessable; correct it and send it again as a new claim: the entity is not approved to send claims electronically (billing provider)\n');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('1 claim: 1 accepted, 0 rejected; 1 whole-batch rejection (claims not listed one by one)');
  });

  it('refuses a 277 claim status response with exit 2, naming the file, the segment and its GS08/ST03 version', async () => {
    const run = await runCli(['ack', ack('status-response-x212.277')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe(
      `scrubjay: error SJ_X12_NOT_AN_ACKNOWLEDGMENT: ${ack('status-response-x212.277')}: the ST at segment 3 (counting ISA as segment 1) opens a 277 claim status response (the answer to a 276 status inquiry), not a 277CA claim acknowledgment: GS08 "005010X212", ST03 "005010X212", where a 277CA says 005010X214`,
    );
  });

  it('exits 2 naming the file when it holds no X12 at all, or is missing', async () => {
    const dir = tempDir('scrubjay-ack-');
    const note = writeIn(dir, 'note.txt', 'Your claims were received.\n');
    const unreadable = await runCli(['ack', note]);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain(`scrubjay: error SJ_X12_UNREADABLE: ${note}: not an X12 interchange: no ISA header found, so segment 1 (ISA) is missing`);
    const missing = await runCli(['ack', join(dir, 'gone.277')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(`scrubjay: error SJ_INPUT_UNREADABLE: ${join(dir, 'gone.277')}: cannot read the file (no such file)`);
  });

  it('reads a cut-off file as far as it goes, warning on standard error', async () => {
    const run = await runCli(['ack', '--format', 'json', ack('truncated.277')]);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Array<{ claimId: string | null }>).map((r) => r.claimId)).toEqual([null, 'C-2001', 'C-2002']);
    expect(run.stderr).toContain(`scrubjay: error ${ack('truncated.277')}: Transaction "0002" (ST at segment 3 (counting ISA as segment 1)) has no SE trailer before the end of the file`);
  });
});
