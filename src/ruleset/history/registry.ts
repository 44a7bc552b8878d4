/**
 * Which version id names which rule-set hash. A version id is handed out once, to one hash,
 * and a hash seen before gets its old id back, so an id in a stored result names the same
 * rules after any number of restarts. Kept in the repository folder (`.git/`), beside the
 * history it indexes, and rebuilt from the commits' trailers when it is missing (a clone).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { todayIso } from '../../claim/dates.js';

export const REGISTRY_FILE = 'scrubjay-versions.json';

export interface RegisteredVersion {
  version: string;
  hash: string;
  /** ISO time the id was handed out */
  at: string;
}

export class VersionRegistry {
  private readonly byHash = new Map<string, RegisteredVersion>();
  private readonly byVersion = new Map<string, RegisteredVersion>();

  private constructor(private readonly file: string) {}

  /** Reads the registry kept in `gitdir`; `known` (from the commits) fills in what the file lacks. */
  static open(gitdir: string, known: readonly RegisteredVersion[]): VersionRegistry {
    const registry = new VersionRegistry(join(gitdir, REGISTRY_FILE));
    if (existsSync(registry.file)) {
      const data = JSON.parse(readFileSync(registry.file, 'utf8')) as { versions?: RegisteredVersion[] };
      for (const entry of data.versions ?? []) registry.remember(entry);
    }
    const before = registry.byVersion.size;
    for (const entry of known) registry.remember(entry);
    if (registry.byVersion.size !== before) registry.save();
    return registry;
  }

  /** The id the registry kept in `gitdir` gives `hash`, read without writing anything (a command beside a running service). */
  static lookup(gitdir: string, hash: string): string | undefined {
    const file = join(gitdir, REGISTRY_FILE);
    if (!existsSync(file)) return undefined;
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as { versions?: RegisteredVersion[] };
      return data.versions?.find((entry) => entry.hash === hash)?.version;
    } catch {
      return undefined;
    }
  }

  versionOf(hash: string): string | undefined {
    return this.byHash.get(hash)?.version;
  }

  hashOf(version: string): string | undefined {
    return this.byVersion.get(version)?.hash;
  }

  /** The id of `hash`: its old one when it has one, else a new id (saved before it is answered). */
  assign(hash: string, now: Date = new Date()): string {
    const old = this.byHash.get(hash);
    if (old) return old.version;
    const day = todayIso();
    let n = 0;
    for (const version of this.byVersion.keys()) {
      const match = /^(\d{4}-\d{2}-\d{2})\.(\d+)$/.exec(version);
      if (match && match[1] === day) n = Math.max(n, Number(match[2]));
    }
    const entry = { version: `${day}.${n + 1}`, hash, at: now.toISOString() };
    this.remember(entry);
    this.save();
    return entry.version;
  }

  private remember(entry: RegisteredVersion): void {
    // the first claim on an id or a hash wins: an id never moves to other content
    if (this.byVersion.has(entry.version) || this.byHash.has(entry.hash)) return;
    this.byVersion.set(entry.version, entry);
    this.byHash.set(entry.hash, entry);
  }

  private save(): void {
    const temp = `${this.file}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ versions: [...this.byVersion.values()] }, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.file);
  }
}
