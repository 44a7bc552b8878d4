/**
 * The impact preview a compliance officer reads before publishing: the stored history,
 * scrubbed again with the set in force and with the draft, names exactly the claims the
 * draft changes, with what changes on each and how many claims each rule gains or loses.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimInput } from '../../src/contract/claim.js';
import { statusOf, type Finding } from '../../src/engine/finding.js';
import type { PreparedRuleSet } from '../../src/engine/prepare.js';
import type { ReferenceData } from '../../src/reference/index.js';
import { loadPreparedRuleSet } from '../../src/ruleset/load-prepared.js';
import type { EmbeddedClaimStore } from '../../src/store/index.js';
import type { ScrubRecord } from '../../src/store/store.js';
import { PREVIEW_CHANGED_LISTED, previewImpact, type ChangedClaim, type Preview } from '../../src/workbench/index.js';
import { copyOfShippedRules } from '../support/rule-folders.js';
import { AS_OF, noTables, openTempStore, realClaims, shippedRules, storeScrubs } from './history.js';

const DAY_MS = 86_400_000;
const AETNA = '60054';
const TIMELY = 'timely-filing-limit-expired';
const NEAR = 'timely-filing-deadline-near';
const DUPLICATE = 'duplicate-service-line';

let store: EmbeddedClaimStore;
let inForce: PreparedRuleSet;
let reference: ReferenceData;
/** newest first, as the preview reads them */
let records: ScrubRecord[];
/** the records of claims the rules check */
let checked: ScrubRecord[];

/** A claim the rules check, with each line's date of service: Aetna's, filed without a submission date. */
function aetnaClaim(claimId: string, serviceDate: string): ClaimInput {
  const [example] = realClaims(0).filter(({ claim }) => payerOf(claim) === AETNA);
  const claim = structuredClone(example!.claim) as ClaimInput & { submissionDate?: string | null; lines: Array<{ serviceDate: string }> };
  delete claim.submissionDate;
  for (const line of claim.lines) line.serviceDate = serviceDate;
  return { ...claim, claimId };
}

beforeAll(async () => {
  inForce = shippedRules();
  reference = noTables();
  store = await openTempStore();
  const stored = await storeScrubs(
    store,
    [
      ...realClaims(300),
      // scrubbed 19 days after the service: timely under 30 days as of that date, though not as of today
      { claim: aetnaClaim('ASOF-1', '2026-10-01'), asOf: '2026-10-20' },
      { claim: { ...realClaims(0)[0]!.claim, claimId: 'INST-1', type: 'institutional' } as ClaimInput },
    ],
    inForce,
    reference,
  );
  // a record kept in a shape no reader gives today: nothing for the rules to read
  const unreadable = await store.recordScrub({ claim: { claimId: 'ODD-1', lines: 'none' } as unknown as ClaimInput, result: stored[0]!.result, origin: 'rest', by: { username: null, role: null, address: null } });
  records = [...stored, unreadable].reverse();
  checked = records.filter((r) => r.claimId !== 'INST-1' && r.claimId !== 'ODD-1');
});

afterAll(async () => {
  await store?.close();
});

/** The draft: a copy of the shipped rules with one change made to its files. */
function draftWith(change: (dir: string) => void): PreparedRuleSet {
  const dir = copyOfShippedRules();
  change(dir);
  return loadPreparedRuleSet(dir);
}

function shortenAetnaLimit(dir: string): void {
  const file = join(dir, 'payers', 'aetna.yaml');
  const text = readFileSync(file, 'utf8');
  expect(text).toContain('period: { days: 90 }');
  writeFileSync(file, text.replace('period: { days: 90 }', 'period: { days: 30 }'));
}

const payerOf = (claim: ClaimInput): unknown => (claim.payer as { id?: unknown } | null | undefined)?.id;

const ages = (claim: ClaimInput, filed: string): number[] =>
  (claim.lines as Array<{ serviceDate?: unknown }>).flatMap((line) => (typeof line.serviceDate === 'string' && !Number.isNaN(Date.parse(line.serviceDate)) ? [(Date.parse(filed) - Date.parse(line.serviceDate)) / DAY_MS] : []));

/**
 * The filing rules a claim meets under a filing limit of `limit` days, from its lines'
 * ages on the day it was filed (its submission date, or the day it was scrubbed as): past the
 * limit is expired, fewer than 30 days left is near.
 */
function filingRules(record: ScrubRecord, limit: number): string[] {
  const claim = record.claim as ClaimInput & { submissionDate?: string | null };
  const days = ages(claim, claim.submissionDate ?? record.result.asOf);
  return [...(days.some((d) => limit - d >= 0 && limit - d < 30) ? [NEAR] : []), ...(days.some((d) => d > limit) ? [TIMELY] : [])];
}

/** What shortening Aetna's limit from 90 to 30 days does to a stored scrub, worked out from its dates; null when nothing. */
function shortenedLimitChange(record: ScrubRecord): ChangedClaim | null {
  // other payers' profiles are not in the draft
  if (payerOf(record.claim) !== AETNA) return null;
  const before = filingRules(record, 90);
  const after = filingRules(record, 30);
  const filing = new Set([NEAR, TIMELY]);
  // the dates tell what the stored result holds, or they would not tell what the draft does either
  expect([...ruleIds(record)].filter((id) => filing.has(id)).sort(), record.claimId ?? '').toEqual(before);
  const added = after.filter((id) => !before.includes(id));
  const removed = before.filter((id) => !after.includes(id));
  if (added.length === 0 && removed.length === 0) return null;
  const severities: Record<string, Finding['severity']> = { [NEAR]: 'warning', [TIMELY]: 'error' };
  const others = record.result.findings.filter((f) => !filing.has(f.ruleId));
  const status = statusOf([...others, ...after.map((ruleId) => ({ ruleId, severity: severities[ruleId]! }) as Finding)]);
  return { scrubId: record.id, claimId: record.claimId, before: record.status, after: status, added, removed };
}

function countByRule(changes: readonly ChangedClaim[]): Record<string, { added: number; removed: number }> {
  const counts: Record<string, { added: number; removed: number }> = {};
  for (const change of changes) {
    for (const id of change.added) (counts[id] ??= { added: 0, removed: 0 }).added++;
    for (const id of change.removed) (counts[id] ??= { added: 0, removed: 0 }).removed++;
  }
  return counts;
}

const ruleIds = (record: ScrubRecord): Set<string> => new Set(record.result.findings.map((f) => f.ruleId));

describe('previewImpact', () => {
  it("lists exactly the claims a shorter payer filing limit newly rejects, each scrubbed as of its own date", async () => {
    const preview = await previewImpact({ store, inForce, draft: draftWith(shortenAetnaLimit), reference });

    const expected = checked.flatMap((r) => shortenedLimitChange(r) ?? []);
    expect(expected.filter((c) => c.added.includes(TIMELY) && c.before !== 'reject').length).toBeGreaterThan(5);
    expect(preview.changed).toEqual(expected);
    // 19 days after its service as of the day it was scrubbed: near the new limit, not past it (as it would be today)
    expect(preview.changed.find((c) => c.claimId === 'ASOF-1')).toMatchObject({ added: [NEAR], removed: [] });
    expect(preview).toMatchObject({ scrubs: records.length, skipped: 2, changedTotal: expected.length, statusChanged: expected.filter((c) => c.before !== c.after).length });
    expect({ ...preview.byRule }).toEqual(countByRule(expected));
    expect(preview.byRule[TIMELY]!.added).toBeGreaterThan(5);
  });

  it('lists the claims a removed rule fired on, with the status they would have without it', async () => {
    const preview = await previewImpact({ store, inForce, draft: draftWith((dir) => rmSync(join(dir, 'code-compatibility', 'duplicate-lines.yaml'))), reference });

    const firedOn = checked.filter((r) => ruleIds(r).has(DUPLICATE));
    expect(firedOn.length).toBeGreaterThan(2);
    const expected: ChangedClaim[] = firedOn.map((r) => ({ scrubId: r.id, claimId: r.claimId, before: r.status, after: statusOf(r.result.findings.filter((f) => f.ruleId !== DUPLICATE)), added: [], removed: [DUPLICATE] }));
    expect(preview.changed).toEqual(expected);
    expect({ ...preview.byRule }).toEqual({ [DUPLICATE]: { added: 0, removed: firedOn.length } });
    expect(preview.statusChanged).toBe(expected.filter((c) => c.before !== c.after).length);
  });

  it('finds nothing to change with a draft equal to the set in force', async () => {
    const preview: Preview = await previewImpact({ store, inForce, draft: draftWith(() => undefined), reference });
    expect(preview).toEqual({ scrubs: records.length, skipped: 2, changed: [], changedTotal: 0, statusChanged: 0, byRule: {} });
  });

  it('reads only the newest scrubs it is asked for', async () => {
    const preview = await previewImpact({ store, inForce, draft: draftWith(shortenAetnaLimit), reference, limit: 40 });
    const newest = records.slice(0, 40);
    expect(preview.scrubs).toBe(40);
    expect(preview.skipped).toBe(2);
    expect(preview.changed.map((c) => c.scrubId)).toEqual(newest.filter((r) => checked.includes(r) && shortenedLimitChange(r) !== null).map((r) => r.id));
    await expect(previewImpact({ store, inForce, draft: inForce, reference, limit: 0 })).rejects.toMatchObject({ code: 'SJ_ARGUMENT_INVALID' });
  });

  it('lists the first 500 changed claims, newest first, and counts every one', async () => {
    const many = await openTempStore();
    try {
      const stored = await storeScrubs(many, realClaims(520, 21), inForce, reference);
      // a deadline "near" whatever the limit: almost every claim gains the warning
      const draft = draftWith((dir) => {
        const file = join(dir, 'timely-filing', 'filing-limit.yaml');
        const text = readFileSync(file, 'utf8');
        expect(text).toContain('operator: lessThan, value: 30 }');
        writeFileSync(file, text.replace('operator: lessThan, value: 30 }', 'operator: lessThan, value: 100000 }'));
      });
      const preview = await previewImpact({ store: many, inForce, draft, reference });
      expect(preview.changedTotal).toBeGreaterThan(PREVIEW_CHANGED_LISTED);
      expect(preview.changed).toHaveLength(PREVIEW_CHANGED_LISTED);
      const newestFirst = [...stored].reverse().map((r) => r.id);
      const listed = preview.changed.map((c) => c.scrubId);
      expect(listed).toEqual(newestFirst.filter((id) => listed.includes(id)));
      expect(preview.byRule[NEAR]!.added).toBe(preview.changedTotal);
    } finally {
      await many.close();
    }
  });

  it('reports its progress from none to all of the scrubs it reads', async () => {
    const reports: Array<[number, number]> = [];
    await previewImpact({ store, inForce, draft: inForce, reference, onProgress: (done, total) => reports.push([done, total]) });
    expect(reports[0]).toEqual([0, records.length]);
    expect(reports.at(-1)).toEqual([records.length, records.length]);
    expect(reports.length).toBeGreaterThan(2);
    for (const [i, [done]] of reports.entries()) if (i > 0) expect(done).toBeGreaterThanOrEqual(reports[i - 1]![0]);
  });

  it('gives other work turns while it runs, as a service answering requests meanwhile needs', async () => {
    let done = 0;
    let doneWhenOtherWorkRan: number | undefined;
    const running = previewImpact({ store, inForce, draft: inForce, reference, onProgress: (d) => (done = d) });
    setImmediate(() => (doneWhenOtherWorkRan = done));
    await running;
    expect(doneWhenOtherWorkRan).toBeDefined();
    expect(doneWhenOtherWorkRan!).toBeLessThan(records.length);
  });

  it('stops when aborted, with the reason it was given, and reports nothing after', async () => {
    const controller = new AbortController();
    const reports: number[] = [];
    const stopped = previewImpact({
      store,
      inForce,
      draft: inForce,
      reference,
      signal: controller.signal,
      onProgress: (done) => {
        reports.push(done);
        if (done > 0) controller.abort(new Error('the officer closed the preview'));
      },
    });
    await expect(stopped).rejects.toThrow('the officer closed the preview');
    expect(reports).toHaveLength(2);
    expect(reports[1]).toBeLessThan(records.length);

    const already = AbortSignal.abort(new Error('closed before it started'));
    await expect(previewImpact({ store, inForce, draft: inForce, reference, signal: already })).rejects.toThrow('closed before it started');
  });
});
