/** Shared by the store tests and their child processes: real scrub results, temp folders, child scripts. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPreparedRuleSet } from '../../src/ruleset/load-prepared.js';
import { scrubClaim } from '../../src/engine/scrub.js';
import type { ScrubResult } from '../../src/engine/finding.js';
import { storeFiles } from '../../src/store/index.js';
import { generateClaims } from '../support/claim-generator.js';
import { REPO_ROOT, RULES_DIR } from '../support/paths.js';
import type { ClaimInput } from '../../src/contract/claim.js';

export const AS_OF = '2026-11-27';

export interface Scrubbed {
  claim: ClaimInput;
  result: ScrubResult;
}

/** Generated claims scrubbed with the shipped rules, as the service would store them. */
export function scrubbedClaims(count: number, seed = 7): Scrubbed[] {
  const prepared = loadPreparedRuleSet(RULES_DIR);
  return generateClaims(count, seed).map((claim) => ({ claim, result: scrubClaim(claim, prepared, { asOf: AS_OF }) }));
}

/** The same scrub under another claim id, so searches and counts can tell records apart. */
export function withClaimId(scrubbed: Scrubbed, claimId: string): Scrubbed {
  return { claim: { ...scrubbed.claim, claimId }, result: { ...scrubbed.result, claimId } };
}

/** One line of the journal as the file holds it. */
export interface JournalLine {
  kind?: string;
  record?: { id: string; claimId: string | null };
  conversation?: string;
  turns?: Array<{ text: string }>;
}

/** The journal's record lines (the header left out), read straight from the file. */
export function journalRecords(dataDir: string): JournalLine[] {
  return readLines(storeFiles(dataDir).journal).slice(1) as JournalLine[];
}

/** The scrub ids the database file lists, oldest first. */
export function databaseRecordIds(dataDir: string): string[] {
  const file = JSON.parse(readFileSync(storeFiles(dataDir).database, 'utf8')) as { scrubs: Array<[string, ...unknown[]]> };
  return file.scrubs.map((row) => row[0]);
}

export function auditLines(dataDir: string): Array<Record<string, unknown>> {
  return readLines(storeFiles(dataDir).audit);
}

function readLines(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const made: string[] = [];

export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scrubjay-store-'));
  made.push(dir);
  return dir;
}

export function removeTempDataDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Runs one of the small scripts beside this file in its own Node process (TypeScript through tsx). */
export function spawnScript(script: string, args: string[]): ChildProcess {
  const path = fileURLToPath(new URL(script, import.meta.url));
  return spawn(process.execPath, ['--import', 'tsx', path, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface ChildOutput {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Everything the child printed, once it has exited (lines printed before a SIGKILL included). */
export function finished(child: ChildProcess): Promise<ChildOutput> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Resolves with the first stdout line matching `pattern` (the child keeps running). */
export function lineMatching(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    let stderr = '';
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString('utf8');
      const line = buffered.split('\n').find((l) => pattern.test(l));
      if (line !== undefined) {
        child.stdout?.off('data', onData);
        resolve(line);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('exit', (code, signal) => reject(new Error(`child exited (${code ?? signal}) before printing ${pattern}: ${stderr}`)));
  });
}
