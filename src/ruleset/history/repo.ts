/**
 * The rules folder as the work tree of a git repository (isomorphic-git on Node's `fs`, no
 * git binary): the files of a commit, the commits newest first, the paths a commit changed,
 * and a commit of the folder as it is now.
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { isRuleFilePath } from '../../rules/content-hash.js';
import { privateGitFs } from './private-fs.js';

export interface CommitInfo {
  oid: string;
  parent: string | undefined;
  message: string;
  author: { name: string; email: string };
  /** ISO time of the commit */
  at: string;
}

export interface GitAuthor {
  name: string;
  email?: string;
}

const FILES_CACHE = 16;

function isHidden(path: string): boolean {
  return path.split('/').some((part) => part.startsWith('.'));
}

export class RulesRepo {
  readonly gitdir: string;
  private readonly cache = {};
  /** commits never change, so their files are remembered (a few: a rule set is a few hundred kB) */
  private readonly filesByCommit = new Map<string, Map<string, Uint8Array>>();

  /** `gitdir` defaults to `.git` inside the folder; one elsewhere keeps a folder that already sits in a repository free of a nested one */
  constructor(
    readonly dir: string,
    gitdir?: string,
  ) {
    this.gitdir = gitdir ?? join(dir, '.git');
    this.fs = privateGitFs(this.gitdir);
  }

  /** what isomorphic-git writes through: the repository's own files are private */
  private readonly fs: ReturnType<typeof privateGitFs>;

  exists(): boolean {
    return fs.existsSync(join(this.gitdir, 'HEAD'));
  }

  async init(): Promise<void> {
    await git.init({ fs: this.fs, dir: this.dir, gitdir: this.gitdir, defaultBranch: 'main' });
  }

  async head(): Promise<string | undefined> {
    try {
      return await git.resolveRef({ fs: this.fs, dir: this.dir, gitdir: this.gitdir, ref: 'HEAD' });
    } catch (error) {
      if ((error as { code?: string }).code === 'NotFoundError') return undefined;
      throw error;
    }
  }

  /** Every file of a commit's tree, by `/`-separated path. */
  async filesAt(commit: string): Promise<Map<string, Uint8Array>> {
    const known = this.filesByCommit.get(commit);
    if (known) return known;
    const files = new Map<string, Uint8Array>();
    await git.walk({
      fs: this.fs,
      dir: this.dir,
      gitdir: this.gitdir,
      cache: this.cache,
      trees: [git.TREE({ ref: commit })],
      map: async (path, [entry]) => {
        if (!entry || path === '.') return true;
        if ((await entry.type()) === 'blob') {
          const content = await entry.content();
          if (content) files.set(path, content);
        }
        return true;
      },
    });
    this.filesByCommit.set(commit, files);
    if (this.filesByCommit.size > FILES_CACHE) this.filesByCommit.delete(this.filesByCommit.keys().next().value!);
    return files;
  }

  /** Commits reachable from HEAD, newest first. */
  async log(): Promise<CommitInfo[]> {
    if ((await this.head()) === undefined) return [];
    const entries = await git.log({ fs: this.fs, dir: this.dir, gitdir: this.gitdir, cache: this.cache });
    return entries.map(({ oid, commit }) => ({
      oid,
      parent: commit.parent[0],
      message: commit.message,
      author: { name: commit.author.name, email: commit.author.email },
      at: new Date(commit.author.timestamp * 1000).toISOString(),
    }));
  }

  /**
   * Commits the folder as it is now. At the first commit every visible file goes in (the rules, their README and
   * schema); after it, rule files and files the history already holds, so an editor's stray file is never recorded.
   */
  async commitFolder(author: GitAuthor, message: string): Promise<string> {
    const first = (await this.head()) === undefined;
    const rows = await git.statusMatrix({ fs: this.fs, dir: this.dir, gitdir: this.gitdir, cache: this.cache, filter: (path) => !isHidden(path) });
    for (const [path, inHead, inWorkdir, inStage] of rows) {
      if (inHead === 0 && !first && !isRuleFilePath(path)) continue;
      if (inWorkdir === 0) {
        if (inStage !== 0) await git.remove({ fs: this.fs, dir: this.dir, gitdir: this.gitdir, filepath: path, cache: this.cache });
      } else if (inStage !== inWorkdir) {
        // 1 = as in HEAD, 2 = changed: a stage that matches neither is brought to the work tree
        await git.add({ fs: this.fs, dir: this.dir, gitdir: this.gitdir, filepath: path, cache: this.cache });
      }
    }
    return git.commit({ fs: this.fs, dir: this.dir, gitdir: this.gitdir, cache: this.cache, message, author: { name: headerText(author.name) || 'unknown', email: headerText(author.email ?? '') } });
  }
}

/** A name or address as a commit header holds it: one line, without the angle brackets that delimit the address. */
export function headerText(text: string): string {
  return text.replace(/[<>\p{Cc}]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

/** Paths whose content differs between two sets of files (either side may lack the path), sorted. */
export function changedPaths(before: ReadonlyMap<string, Uint8Array>, after: ReadonlyMap<string, Uint8Array>): string[] {
  const out: string[] = [];
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(path);
    const b = after.get(path);
    if (a === undefined || b === undefined || Buffer.compare(a, b) !== 0) out.push(path);
  }
  return out.sort();
}
