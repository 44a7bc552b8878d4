/** The 277CA fixtures and the ways the ack tests read them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAcks, readAckText } from '../../src/remit/ack-reader.js';
import type { Acknowledgment } from '../../src/remit/ack-types.js';
import type { InputProblem } from '../../src/claim/source.js';
import { FIXTURES_DIR } from '../support/paths.js';

export const ACK_FIXTURES = join(FIXTURES_DIR, 'x12', '277ca');

export function fixtureText(name: string): string {
  return readFileSync(join(ACK_FIXTURES, name), 'utf8');
}

export function readFixture(name: string): { acknowledgments: Acknowledgment[]; problems: InputProblem[] } {
  return readAckText(fixtureText(name), name);
}

/** Reads bytes as a stream of `size`-byte chunks, as a file or an upload arrives. */
export async function readInChunks(bytes: Uint8Array, file: string, size: number): Promise<{ acknowledgments: Acknowledgment[]; problems: InputProblem[] }> {
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
  }
  const problems: InputProblem[] = [];
  const acknowledgments: Acknowledgment[] = [];
  for await (const ack of readAcks(chunks(), file, { onProblem: (p) => problems.push(p) })) acknowledgments.push(ack);
  return { acknowledgments, problems };
}
