/**
 * The file system the rules history is written through: everything it makes inside the
 * repository folder is the owner's only (0700 folders, 0600 files), like the rest of a data
 * folder, whatever the process umask. isomorphic-git takes any object with Node's promise
 * API, so only the calls that create things are changed; the work tree's own files are
 * left as the rules folder has them.
 */
import * as fs from 'node:fs';
import { resolve, sep } from 'node:path';

const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

type WriteOptions = Parameters<typeof fs.promises.writeFile>[2];

export function privateGitFs(gitdir: string): { promises: typeof fs.promises } {
  const root = resolve(gitdir);
  const inside = (path: fs.PathLike): boolean => {
    const full = resolve(String(path));
    return full === root || full.startsWith(root + sep);
  };
  const promises = Object.create(fs.promises) as typeof fs.promises;
  promises.mkdir = ((path: fs.PathLike, options?: fs.MakeDirectoryOptions | fs.Mode | null) => {
    if (!inside(path)) return fs.promises.mkdir(path, options as fs.MakeDirectoryOptions);
    const given = typeof options === 'object' && options !== null ? options : {};
    return fs.promises.mkdir(path, { ...given, mode: DIR_MODE });
  }) as typeof fs.promises.mkdir;
  promises.writeFile = ((path: Parameters<typeof fs.promises.writeFile>[0], data: Parameters<typeof fs.promises.writeFile>[1], options?: WriteOptions) => {
    if (typeof path !== 'string' || !inside(path)) return fs.promises.writeFile(path, data, options);
    const given = typeof options === 'string' ? { encoding: options } : (options ?? {});
    return fs.promises.writeFile(path, data, { ...given, mode: FILE_MODE });
  }) as typeof fs.promises.writeFile;
  return { promises };
}

