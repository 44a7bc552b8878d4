import { describe, expect, it } from 'vitest';
import { BatchTally } from '../../src/batch/summary.js';
import type { Finding } from '../../src/engine/finding.js';

type Tallied = Pick<Finding, 'ruleId' | 'carc' | 'severity'>;
const error = (ruleId: string, carc: string): Tallied => ({ ruleId, carc, severity: 'error' });
const warning = (ruleId: string): Tallied => ({ ruleId, carc: null, severity: 'warning' });
const note = (ruleId: string): Tallied => ({ ruleId, carc: null, severity: 'info' });

describe('BatchTally', () => {
  it('counts claims by status, and rules and CARCs by findings and by claims', () => {
    const tally = new BatchTally();
    tally.add({ status: 'reject', findings: [error('duplicate-service-line', '18'), error('duplicate-service-line', '18'), error('billing-provider-npi-invalid', '16'), note('reference-data-not-loaded')] });
    tally.add({ status: 'reject', findings: [error('billing-provider-npi-invalid', '16'), error('missing-payer-id', '16')] });
    tally.add({ status: 'warn', findings: [warning('timely-filing-deadline-near')] });
    tally.add({ status: 'clean', findings: [note('reference-data-not-loaded')] });
    tally.add({ status: 'clean', findings: [] });

    expect(tally.anyRejected).toBe(true);
    expect(tally.summary()).toEqual({
      claims: 5,
      rejected: 2,
      warned: 1,
      clean: 2,
      findings: 8,
      // most findings first, ties by rule id; notes are not problems to work through
      topRules: [
        { ruleId: 'billing-provider-npi-invalid', count: 2, claims: 2 },
        { ruleId: 'duplicate-service-line', count: 2, claims: 1 },
        { ruleId: 'missing-payer-id', count: 1, claims: 1 },
        { ruleId: 'timely-filing-deadline-near', count: 1, claims: 1 },
      ],
      carcs: [
        { carc: '16', count: 3, claims: 2 },
        { carc: '18', count: 2, claims: 1 },
      ],
    });
  });

  it('keeps the top rules to the number asked for, and says when nothing would be rejected', () => {
    const tally = new BatchTally();
    for (let i = 0; i < 30; i++) tally.add({ status: 'warn', findings: Array.from({ length: i + 1 }, () => warning(`rule-${String(i).padStart(2, '0')}`)) });
    expect(tally.anyRejected).toBe(false);
    const summary = tally.summary(3);
    expect(summary.topRules.map((r) => [r.ruleId, r.count, r.claims])).toEqual([
      ['rule-29', 30, 1],
      ['rule-28', 29, 1],
      ['rule-27', 28, 1],
    ]);
    expect(summary.carcs).toEqual([]);
    expect(new BatchTally().summary()).toEqual({ claims: 0, rejected: 0, warned: 0, clean: 0, findings: 0, topRules: [], carcs: [] });
  });
});
