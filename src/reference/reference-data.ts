import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KeyedTable } from './binary/keyed-table.js';
import { AocBinary } from './binary/aoc-binary.js';
import { PtpBinary } from './binary/ptp-binary.js';
import { TABLE_FILE, readGeneration, scanVersions, type StoredVersion } from './store.js';
import { aocOnDate, HcpcsLookup, IcdLookup, MceLookup, MueLookup, PfsLookup, PosLookup, ptpOnDate } from './tables.js';
import type { AocTable, PfsTable, HcpcsTable, IcdTable, InForce, MceTable, MueTable, PosTable, PtpTable, ReferenceData, ReferenceKind, TableVersion } from './types.js';

/** How often a long-lived reader looks for imports made since it opened the folder. */
const RECHECK_MS = 1000;

/*
 * Readers ask "has anything been imported?" on every claim; reading the system clock each
 * time costs more than the lookups themselves. A coarse clock, advanced by a timer that
 * does not keep the process alive, answers instead.
 */
const CLOCK_TICK_MS = 100;
let coarseNow = Date.now();
let clockRunning = false;

function startCoarseClock(): void {
  if (clockRunning) return;
  clockRunning = true;
  setInterval(() => {
    coarseNow = Date.now();
  }, CLOCK_TICK_MS).unref();
}

/**
 * Opens the reference data of a folder. Only the list of versions is read here; a table is read
 * the first time a date needs it. Imports made later (by another process too) are picked up
 * within a second.
 */
export function openReferenceData(dataDir: string): ReferenceData {
  return new FolderReferenceData(dataDir);
}

interface Entry {
  stored: StoredVersion;
  table?: unknown;
  /** The answer for dates inside ([0]) and before ([1]) the version's range, built once. */
  answers: [InForce<unknown> | undefined, InForce<unknown> | undefined];
}

interface KindVersions {
  versions: TableVersion[];
  entries: Entry[];
}

class FolderReferenceData implements ReferenceData {
  private byKind = new Map<ReferenceKind, KindVersions>();
  private generation = '';
  private checkedAt = 0;
  private reloads = 0;

  constructor(private readonly dataDir: string) {
    startCoarseClock();
    this.reload();
  }

  revision(): number {
    this.recheck();
    return this.reloads;
  }

  reload(): void {
    this.reloads++;
    this.generation = readGeneration(this.dataDir);
    this.checkedAt = coarseNow = Date.now();
    // A version folder never changes once written, so tables already read stay valid.
    const previous = new Map<string, unknown>();
    for (const kv of this.byKind.values()) for (const e of kv.entries) if (e.table !== undefined) previous.set(e.stored.dir, e.table);
    const byKind = new Map<ReferenceKind, KindVersions>();
    for (const stored of scanVersions(this.dataDir)) {
      const kv = byKind.get(stored.version.kind) ?? { versions: [], entries: [] };
      kv.versions.push(stored.version);
      const entry: Entry = { stored, answers: [undefined, undefined] };
      const table = previous.get(stored.dir);
      if (table !== undefined) entry.table = table;
      kv.entries.push(entry);
      byKind.set(stored.version.kind, kv);
    }
    this.byKind = byKind;
  }

  loaded(kind: ReferenceKind): TableVersion[] {
    this.recheck();
    return (this.byKind.get(kind)?.versions ?? []).map((v) => ({ ...v }));
  }

  icd10cm(date: string): InForce<IcdTable> | undefined {
    return this.inForce('icd10cm', date, (path, file) => new IcdLookup(new KeyedTable(path, file)));
  }

  hcpcs(date: string): InForce<HcpcsTable> | undefined {
    return this.inForce('hcpcs', date, (path, file) => new HcpcsLookup(new KeyedTable(path, file)));
  }

  mue(date: string): InForce<MueTable> | undefined {
    return this.inForce('mue', date, (path, file) => new MueLookup(new KeyedTable(path, file)));
  }

  mce(date: string): InForce<MceTable> | undefined {
    return this.inForce('mce', date, (path, file) => new MceLookup(new KeyedTable(path, file)));
  }

  pos(date: string): InForce<PosTable> | undefined {
    return this.inForce('pos', date, (path, file) => new PosLookup(new KeyedTable(path, file)));
  }

  ptp(date: string): InForce<PtpTable> | undefined {
    const found = this.inForce('ncci-ptp', date, (path, file) => new PtpBinary(path, file));
    return found === undefined ? undefined : { version: found.version, outOfRange: found.outOfRange, table: ptpOnDate(found.table, date) };
  }

  pfs(date: string): InForce<PfsTable> | undefined {
    return this.inForce('pfs', date, (path, file) => new PfsLookup(new KeyedTable(path, file)));
  }

  aoc(date: string): InForce<AocTable> | undefined {
    const found = this.inForce('ncci-aoc', date, (path, file) => new AocBinary(path, file));
    return found === undefined ? undefined : { version: found.version, outOfRange: found.outOfRange, table: aocOnDate(found.table, date) };
  }

  private recheck(): void {
    const now = coarseNow;
    if (now - this.checkedAt < RECHECK_MS) return;
    this.checkedAt = now;
    if (readGeneration(this.dataDir) !== this.generation) this.reload();
  }

  private inForce<T>(kind: ReferenceKind, date: string, open: (path: string, file: Buffer) => T, retried = false): InForce<T> | undefined {
    this.recheck();
    const kv = this.byKind.get(kind);
    if (kv === undefined) return undefined;
    const index = pickIndex(kv.versions, date);
    const entry = kv.entries[index] as Entry;
    const slot = index === 0 && (kv.versions[0] as TableVersion).effective > date ? 1 : 0;
    const cached = entry.answers[slot];
    if (cached !== undefined) return cached as InForce<T>;
    if (entry.table === undefined) {
      const path = join(entry.stored.dir, TABLE_FILE);
      let file: Buffer;
      try {
        file = readFileSync(path);
      } catch (error) {
        // Replaced by a re-import after the folder was listed: list again and retry once.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || retried) throw error;
        this.reload();
        return this.inForce(kind, date, open, true);
      }
      entry.table = open(path, file);
    }
    const answer: InForce<T> = { version: entry.stored.version, outOfRange: slot === 1, table: entry.table as T };
    entry.answers[slot] = answer;
    return answer;
  }
}

/** Index of the version in force on `date` in a list sorted oldest first; 0 when none is yet. */
function pickIndex(versions: readonly TableVersion[], date: string): number {
  for (let i = versions.length - 1; i > 0; i--) if ((versions[i] as TableVersion).effective <= date) return i;
  return 0;
}
