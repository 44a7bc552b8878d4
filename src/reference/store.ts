import { randomBytes } from 'node:crypto';
import {
  closeSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, renameSync,
  rmSync, rmdirSync, statSync, writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../config/private-files.js';
import { isIsoDate } from './text/dates.js';
import { isReferenceKind, type ReferenceKind, type TableVersion } from './types.js';

/**
 * Data folder layout:
 *   reference/<kind>/<effective>~<import id>/version.json   the TableVersion
 *   reference/<kind>/<effective>~<import id>/table.bin      the table in its binary layout
 *   reference/generation                                    changes on every import
 * A version folder appears by one rename, complete or not at all. Re-importing a kind and date
 * adds a new folder and then removes the older ones; readers take the newest per kind and date.
 */
export const TABLE_FILE = 'table.bin';
const VERSION_FILE = 'version.json';
const GENERATION_FILE = 'generation';
const TEMP_PREFIX = '.reference-import-';
const STALE_TEMP_MS = 60 * 60 * 1000;

export interface StoredVersion {
  version: TableVersion;
  /** Folder holding table.bin. */
  dir: string;
}

export function referenceRoot(dataDir: string): string {
  return join(dataDir, 'reference');
}

export function generationFile(dataDir: string): string {
  return join(referenceRoot(dataDir), GENERATION_FILE);
}

/** Reads the generation stamp; '' when nothing was ever imported. */
export function readGeneration(dataDir: string): string {
  try {
    return readFileSync(generationFile(dataDir), 'utf8');
  } catch {
    return '';
  }
}

/** Every stored version, the newest import per kind and effective date, sorted by kind then date. */
export function scanVersions(dataDir: string): StoredVersion[] {
  const root = referenceRoot(dataDir);
  const best = new Map<string, { stored: StoredVersion; folder: string }>();
  for (const kind of safeReaddir(root)) {
    if (!isReferenceKind(kind)) continue;
    for (const folder of safeReaddir(join(root, kind))) {
      if (folder.startsWith('.')) continue;
      const dir = join(root, kind, folder);
      const version = readVersion(join(dir, VERSION_FILE), kind);
      if (version === null) continue;
      const key = `${kind} ${version.effective}`;
      const seen = best.get(key);
      if (seen === undefined || newer(version, folder, seen.stored.version, seen.folder)) {
        best.set(key, { stored: { version, dir }, folder });
      }
    }
  }
  return [...best.values()]
    .map((b) => b.stored)
    .sort((a, b) => a.version.kind.localeCompare(b.version.kind) || a.version.effective.localeCompare(b.version.effective));
}

function newer(a: TableVersion, folderA: string, b: TableVersion, folderB: string): boolean {
  if (a.importedAt !== b.importedAt) return a.importedAt > b.importedAt;
  return folderA > folderB;
}

function readVersion(path: string, kind: ReferenceKind): TableVersion | null {
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as Partial<TableVersion>;
    if (v.kind !== kind || typeof v.effective !== 'string' || !isIsoDate(v.effective)) return null;
    if (typeof v.label !== 'string' || typeof v.rows !== 'number' || typeof v.source !== 'string' || typeof v.importedAt !== 'string') {
      return null;
    }
    const version: TableVersion = { kind, effective: v.effective, label: v.label, rows: v.rows, source: v.source, importedAt: v.importedAt };
    if (typeof v.note === 'string') version.note = v.note;
    return version;
  } catch {
    return null;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Writes a version next to the others in one step: files go to a temp folder in the data folder,
 * are flushed, and the folder is renamed into place. Anything this call created is removed again
 * when it fails, so the data folder is left as it was.
 */
export function commitVersion(dataDir: string, version: TableVersion, table: Buffer): void {
  const created: string[] = [];
  const ensureDir = (dir: string): void => {
    if (existsSync(dir)) return;
    mkdirSync(dir, { mode: PRIVATE_DIR_MODE });
    created.push(dir);
  };
  let temp: string | null = null;
  let placed = false;
  try {
    if (!existsSync(dataDir)) {
      mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
      created.push(dataDir);
    }
    temp = mkdtempSync(join(dataDir, TEMP_PREFIX)); // owner-only, and the version folder it becomes
    writeDurably(join(temp, TABLE_FILE), table);
    writeDurably(join(temp, VERSION_FILE), Buffer.from(`${JSON.stringify(version, null, 2)}\n`));
    const root = referenceRoot(dataDir);
    ensureDir(root);
    ensureDir(join(root, version.kind));
    const folder = `${version.effective}~${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
    renameSync(temp, join(root, version.kind, folder));
    placed = true;
    temp = null;
    for (const other of safeReaddir(join(root, version.kind))) {
      if (other !== folder && other.startsWith(`${version.effective}~`)) rmSync(join(root, version.kind, other), { recursive: true, force: true });
    }
    bumpGeneration(dataDir);
    removeStaleTemps(dataDir);
  } catch (error) {
    if (temp !== null) rmSync(temp, { recursive: true, force: true });
    if (!placed) {
      for (const dir of created.reverse()) {
        try {
          rmdirSync(dir);
        } catch {
          // Something else wrote into it meanwhile; leave it.
        }
      }
    }
    throw error;
  }
}

function writeDurably(path: string, data: Buffer): void {
  const fd = openSync(path, 'w', PRIVATE_FILE_MODE);
  try {
    let at = 0;
    while (at < data.length) at += writeSync(fd, data, at, data.length - at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function bumpGeneration(dataDir: string): void {
  const target = generationFile(dataDir);
  const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeDurably(temp, Buffer.from(`${Date.now()}-${randomBytes(6).toString('hex')}`));
  renameSync(temp, target);
}

/** Temp folders of imports that died midway; old enough that no live import owns them. */
function removeStaleTemps(dataDir: string): void {
  const now = Date.now();
  for (const name of safeReaddir(dataDir)) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const path = join(dataDir, name);
    try {
      if (now - statSync(path).mtimeMs > STALE_TEMP_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Gone already.
    }
  }
}
