/**
 * `scrubjay export-837 CLAIMS.json [--out FILE]`: claims in the contract's JSON (one claim
 * or an array of them) as one 837P interchange, on standard output or in a file. The whole
 * interchange is made before anything is written, so a claim that cannot be written leaves
 * no half file behind.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { unreadable } from '../../claim/read.js';
import { asClaimObject, parseJsonText } from '../../claim/input.js';
import { write837 } from '../../claim/x12/write/index.js';
import type { ClaimInput } from '../../contract/claim.js';
import { ScrubjayError } from '../../errors.js';
import { EXIT, type CliIo } from '../io.js';

export interface Export837Options {
  out?: string;
  senderId?: string;
  receiverId?: string;
  submitterName?: string;
  contactName?: string;
  contactPhone?: string;
  controlNumber?: number;
  test?: boolean;
}

function readClaims(file: string): ClaimInput[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw unreadable(error as NodeJS.ErrnoException, file);
  }
  const value = parseJsonText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file);
  const claims = Array.isArray(value) ? value.map((v, i) => asClaimObject(v, i, file)) : [asClaimObject(value, 0, file)];
  if (claims.length === 0) throw new ScrubjayError('SJ_INPUT_NOT_A_CLAIM', `${file}: the array holds no claim, so there is nothing to export`, { file });
  return claims;
}

export async function runExport837(file: string, options: Export837Options, io: CliIo): Promise<number> {
  const claims = readClaims(file);
  let interchange: string;
  try {
    const { out: _out, test, ...named } = options;
    interchange = write837(claims, { ...named, usage: test === true ? 'T' : 'P' });
  } catch (error) {
    // the message names the claim and field; the file is named here
    if (error instanceof ScrubjayError && error.code === 'SJ_X12_UNWRITABLE_VALUE') throw new ScrubjayError(error.code, `${file}: ${error.message}`, { ...error.location, file });
    throw error;
  }
  if (options.out === undefined) {
    await new Promise<void>((resolve, reject) => io.stdout.write(interchange, (error) => (error ? reject(error) : resolve())));
    return EXIT.OK;
  }
  try {
    writeFileSync(options.out, interchange);
  } catch (error) {
    throw new ScrubjayError('SJ_OUTPUT_UNWRITABLE', `${options.out}: cannot write the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { file: options.out });
  }
  io.err(`scrubjay: ${claims.length} ${claims.length === 1 ? 'claim' : 'claims'} written to ${options.out}`);
  return EXIT.OK;
}
