/**
 * Every 277 file of the public X12 corpus (shared/corpus/x12/**\/277*): each 277CA
 * acknowledgment (005010X214) reads into the records its implementation-guide scenario
 * describes, a "fail" example reads with warnings for what its validator listed, and a 277
 * claim status response (005010X212) is refused as not being an acknowledgment.
 */
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InputProblem } from '../../src/claim/source.js';
import { ScrubjayError } from '../../src/errors.js';
import { readAcks } from '../../src/remit/ack-reader.js';
import type { Acknowledgment } from '../../src/remit/ack-types.js';
import { CORPUS_DIR } from './paths.js';

const X12_DIR = join(CORPUS_DIR, 'x12');

function ackFiles(dir: string, inside = false): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      const under = inside || name.startsWith('277');
      if (statSync(path).isDirectory()) return ackFiles(path, under);
      return under && !/LICENSE/.test(name) ? [relative(X12_DIR, path)] : [];
    })
    .sort();
}

async function read(name: string): Promise<{ acknowledgments: Acknowledgment[]; problems: InputProblem[] }> {
  const acknowledgments: Acknowledgment[] = [];
  const problems: InputProblem[] = [];
  for await (const ack of readAcks(createReadStream(join(X12_DIR, name)), name, { onProblem: (p) => problems.push(p) })) acknowledgments.push(ack);
  return { acknowledgments, problems };
}

/** `level claimId-or-reference verdict category:code[:entity]`, one per record: the scenario as its prose tells it. */
function summary(acks: Acknowledgment[]): string[] {
  return acks.map((a) => {
    const who = a.level === 'claim' ? a.claimId : a.reference;
    const first = a.statuses[0];
    const status = first === undefined ? '-' : [first.category, first.code, first.entity].filter((p) => p !== undefined).join(':');
    return `${a.level} ${who} ${a.accepted ? 'accepted' : 'rejected'} ${status}`;
  });
}

interface Expectation {
  records: string[];
  /** every problem, as `severity:code` and a pattern its message matches, in order */
  problems: Array<[string, RegExp]>;
}

// business scenario 1: a clearinghouse accepts the file; one claim forwarded, two rejected
const SCENARIO_1 = ['receiver 2002020542857 accepted A0:16:PR', 'claim DOE01428 accepted A0:16:PR', 'claim DOE0221 rejected A3:21:82', 'claim VEST0303 rejected A3:401'];
// business scenario 3: a payer accepts three of five claims
const SCENARIO_3 = ['claim PATIENT22222 accepted A2:20:PR', 'claim PATIENT33333 rejected A3:187:PR', 'claim JONES44444 rejected A3:21:77', 'claim JOHNSON55555 accepted A2:20:PR'];
// business scenario 4: Dr. King's claims partly accepted; all of Dr. Reed's rejected at the provider level
const SCENARIO_4_KING = ['claim PATIENT22222 accepted A2:20:PR', 'claim PATIENT33333 rejected A3:187:PR', 'claim JONES44444 rejected A3:116', 'claim JOHNSON55555 accepted A2:20:PR', 'claim MILLS66666 accepted A2:20:PR'];

const DTP_232 = ['warning:x12-bad-value', /^DTP01 \(date qualifier\) at segment \d+ .* is "232", but a 277CA gives the service date as DTP\*472 in loop 2200D\.$/] as [string, RegExp];
const seCount = (says: number, are: number): [string, RegExp] => ['warning:x12-control-count', new RegExp(`^SE01 at segment \\d+ .* says "${says}", but there are ${are} segments`)];
const nm108 = (value: string): [string, RegExp] => ['warning:x12-bad-value', new RegExp(`^NM108 \\(provider id qualifier\\) at segment \\d+ .* is "${value}", not FI .*, SV .* or XX`)];
const nm107: [string, RegExp] = ['warning:x12-bad-value', /^NM107 \(name suffix\) at segment 11 .* is "MD", but a 277CA does not use it for the information receiver/];
const trn01: [string, RegExp] = ['warning:x12-bad-value', /^TRN01 \(trace type\) at segment \d+ .* is "2", but loop 2200C takes 1/];
const fourth = (name: string, value: string): [string, RegExp] => ['warning:x12-bad-value', new RegExp(`^${name} at segment \\d+ .* is "${value}": its fourth component .* is not used in a 277CA`)];

const EXPECTED: Record<string, Expectation> = {
  'imsweb-x12-parser/277-5010/x12_277CA_accepted.txt': { records: ['receiver 000000674 accepted A1:20', 'claim 5781 accepted A2:20'], problems: [] },
  // `|` as component separator
  'imsweb-x12-parser/277-5010/x12_277CA_rejected.txt': { records: ['receiver 11200001 accepted A1:20', 'claim 3920394930203 rejected A7:562:85'], problems: [] },
  // the file's own SE01 is one short (the TR3 example was edited without recounting)
  'stupidedi/277CA-X214/pass/1.edi': { records: SCENARIO_1, problems: [seCount(39, 40)] },
  'stupidedi/277CA-X214/pass/2.edi': { records: ['receiver 20020131052389 rejected A3:24:41'], problems: [] },
  'stupidedi/277CA-X214/pass/3.edi': { records: ['receiver 2002022045678 accepted A1:19', ...SCENARIO_3, 'claim MILLS66666 accepted A2:20'], problems: [] },
  'stupidedi/277CA-X214/pass/4.edi': { records: ['receiver 200203207890 accepted A1:19', 'provider 00098765432 accepted A1:19', ...SCENARIO_4_KING, 'provider 00023456789 rejected A3:25:85'], problems: [] },
  'stupidedi/277CA-X214/pass/business-scenario-1.edi': { records: SCENARIO_1, problems: [] },
  // the whole file rejected: the submitter is not a trading partner; SE02 repeats ST02 with an extra zero
  'stupidedi/277CA-X214/pass/business-scenario-2.edi': { records: ['receiver 20020131052389 rejected A3:24:41'], problems: [['warning:x12-control-number', /^SE02 at segment 16 .* is "00002", but ST02 of its header is "0002"/]] },
  'stupidedi/277CA-X214/pass/business-scenario-3.edi': { records: ['receiver 2002022045678 accepted A1:19:PR', ...SCENARIO_3, 'claim MILLS66666 accepted A2:20:PR'], problems: [] },
  'stupidedi/277CA-X214/pass/business-scenario-4.edi': {
    records: ['receiver 200203207890 accepted A1:19:PR', 'provider 00098765432 accepted A1:19:PR', ...SCENARIO_4_KING, 'provider 00023456789 rejected A3:24:85'],
    problems: [seCount(53, 54)],
  },
  // the fail examples: the validator's listed errors that change how the file reads (DTP*232, NM108 24/34, TRN*2 at 2200C, STC0x-4, NM107 of the receiver)
  'stupidedi/277CA-X214/fail/1.edi': { records: SCENARIO_1, problems: [nm108('24'), DTP_232, DTP_232, fourth('STC10', 'A3:153:82:65'), DTP_232] },
  'stupidedi/277CA-X214/fail/3.edi': { records: ['receiver 2002022045678 accepted A1:19', ...SCENARIO_3, 'claim MILLS66666 accepted A2:20'], problems: [nm107, nm108('24'), DTP_232, DTP_232, DTP_232, DTP_232] },
  'stupidedi/277CA-X214/fail/4.edi': {
    records: ['receiver 200203207890 accepted A1:19', 'provider 00098765432 accepted A1:19', ...SCENARIO_4_KING, 'provider 00023456789 rejected A3:25:85'],
    problems: [nm107, nm108('34'), trn01, DTP_232, DTP_232, DTP_232, DTP_232, nm108('34'), trn01, fourth('STC01', 'A3:25:85:65')],
  },
};

/** 277 claim status responses (X212): not acknowledgments. */
const STATUS_RESPONSES = new Set(['imsweb-x12-parser/277-5010/x12_277_x212.txt', 'linuxforhealth-x12/277-X212/demo.277']);

describe('every 277 file of the X12 corpus', () => {
  const files = ackFiles(X12_DIR);

  it('is the set the corpus README describes (11 stupidedi 277CA, 2 imsweb 277CA, 2 claim status responses)', () => {
    expect(files).toHaveLength(15);
    expect(files.filter((f) => !STATUS_RESPONSES.has(f)).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)('%s reads as its scenario says, or is refused as not a 277CA', async (name) => {
    if (STATUS_RESPONSES.has(name)) {
      const refusal = await read(name).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(ScrubjayError);
      expect((refusal as ScrubjayError).code).toBe('SJ_X12_NOT_AN_ACKNOWLEDGMENT');
      expect((refusal as ScrubjayError).message).toBe(
        `${name}: the ST at segment 3 (counting ISA as segment 1) opens a 277 claim status response (the answer to a 276 status inquiry), not a 277CA claim acknowledgment: GS08 "005010X212", ST03 "005010X212", where a 277CA says 005010X214`,
      );
      return;
    }
    const expected = EXPECTED[name]!;
    const { acknowledgments, problems } = await read(name);
    expect(summary(acknowledgments)).toEqual(expected.records);
    expect(problems.map((p) => `${p.severity}:${p.code}`)).toEqual(expected.problems.map(([code]) => code));
    problems.forEach((p, i) => expect(p.message).toMatch(expected.problems[i]![1]));
  });

  it('gives a meaning in words to every status code of the pass examples', async () => {
    for (const name of files.filter((f) => !STATUS_RESPONSES.has(f) && !f.includes('/fail/'))) {
      for (const ack of (await read(name)).acknowledgments) {
        const statuses = [...ack.statuses, ...(ack.level === 'claim' ? ack.lines.flatMap((l) => l.statuses) : [])];
        // 122 is listed by the corpus's own validator as not a valid status code
        for (const s of statuses.filter((s) => s.code !== '122')) expect(s.meaning, `${name} ${s.code}`).not.toMatch(/claim status code|status category|entity [0-9A-Z]{2}\)/);
      }
    }
  });
});
