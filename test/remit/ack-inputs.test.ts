/**
 * A 277CA arrives the way the payer's or clearinghouse's system wrote it: UTF-8 with or
 * without a byte order mark, UTF-16 from Windows tools, in chunks of any size, or damaged.
 * Each reads to the same records, or fails with an error that names the file, never with
 * a crash or a hang.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAckText } from '../../src/remit/ack-reader.js';
import { ScrubjayError } from '../../src/errors.js';
import { fixtureText, readFixture, readInChunks } from './ack-support.js';

const FIXTURES = ['accepted.277', 'rejected.277', 'provider-rejected.277', 'file-rejected.277'];

function utf16le(text: string, bom: boolean): Uint8Array {
  const body = Buffer.from(text, 'utf16le');
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

function utf16be(text: string): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
}

describe('encodings and chunking', () => {
  for (const name of FIXTURES) {
    it(`reads ${name} alike as UTF-8 with a BOM, UTF-16LE with and without one, UTF-16BE, and in 1- to 7-byte chunks`, async () => {
      const expected = readFixture(name);
      const text = fixtureText(name);
      const inputs: Array<[string, Uint8Array, number]> = [
        ['utf-8 bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 64 * 1024],
        ['utf-16le bom', utf16le(text, true), 1000],
        ['utf-16le', utf16le(text, false), 3],
        ['utf-16be', utf16be(text), 64],
        ['1-byte chunks', Buffer.from(text), 1],
        ['7-byte chunks', Buffer.from(text), 7],
      ];
      for (const [how, bytes, size] of inputs) {
        const read = await readInChunks(bytes, name, size);
        expect(read, how).toEqual(expected);
      }
    });
  }

  it('reads a file whose segments end with line breaks instead of ~', () => {
    const text = fixtureText('accepted.277').replace(/~\n/g, '\n').replace('*:~', '*:\n');
    const read = readAckText(text, 'lines.277');
    expect(read).toEqual(readFixture('accepted.277'));
  });
});

describe('damaged files', () => {
  it('either reads or refuses with an X12 error naming the file, for random edits and cuts (300 cases)', () => {
    const sources = FIXTURES.map(fixtureText);
    const edit = fc.record({
      source: fc.integer({ min: 0, max: sources.length - 1 }),
      cuts: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.string({ maxLength: 6, unit: fc.constantFrom('*', ':', '~', '|', '^', 'ISA', 'ST', 'HL', 'STC', 'TRN', '\n', 'A7', '2', ' ', '\u0000', 'é') })), { minLength: 1, maxLength: 6 }),
    });
    fc.assert(
      fc.property(edit, ({ source, cuts }) => {
        let text = sources[source]!;
        for (const [at, length, insert] of cuts) {
          const from = at % (text.length + 1);
          text = text.slice(0, from) + insert + text.slice(from + length);
        }
        let read: ReturnType<typeof readAckText>;
        try {
          read = readAckText(text, 'damaged.277');
        } catch (error) {
          expect(error).toBeInstanceOf(ScrubjayError);
          const e = error as ScrubjayError;
          expect(['SJ_X12_UNREADABLE', 'SJ_X12_NOT_AN_ACKNOWLEDGMENT']).toContain(e.code);
          expect(e.message.startsWith('damaged.277: ')).toBe(true);
          return;
        }
        for (const ack of read.acknowledgments) {
          expect(typeof ack.accepted).toBe('boolean');
          for (const status of ack.statuses) expect(status.meaning.length).toBeGreaterThan(0);
        }
        // every problem says where it is
        for (const problem of read.problems) expect(problem.message).toMatch(/[Ss]egment \d+|the end of the file/);
      }),
      { numRuns: 300, seed: 277 },
    );
  });

  it('refuses unusable separators in the ISA, naming segment 1', () => {
    const text = fixtureText('accepted.277').replace('*P*:~', '*P*A~');
    expect(() => readAckText(text, 'bad-isa.277')).toThrow(
      'bad-isa.277: the ISA header at segment 1 (counting ISA as segment 1) cannot be read: the component separator (ISA16) is "A", a letter or digit, which data could contain',
    );
  });

  it('warns of a segment a 277CA does not have and reads the rest', () => {
    const { acknowledgments, problems } = readAckText(fixtureText('accepted.277').replace('REF*1K*RHP2612020001~', 'CLM*X*1~\nREF*1K*RHP2612020001~'), 'extra.277');
    expect(acknowledgments.find((a) => a.claimId === 'C-1001')).toMatchObject({ payerClaimControlNumber: 'RHP2612020001' });
    expect(problems.map((p) => p.message)).toContain('Segment 26 has the id "CLM", which is not a segment of a 277CA; it was not read.');
  });
});
