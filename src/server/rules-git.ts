/**
 * Where the rules history's git repository lives. A rules folder that is a repository of its
 * own keeps it (`<rules>/.git`); any other folder, such as the `rules/` of a Scrubjay
 * checkout, gets one in the data folder with the rules folder as its work tree, so the
 * history never nests a repository inside another one's files.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const RULES_GIT_DIR = 'rules-history.git';

export function rulesGitDir(rulesDir: string, dataDir: string): { gitdir?: string } {
  return existsSync(join(rulesDir, '.git')) ? {} : { gitdir: join(dataDir, RULES_GIT_DIR) };
}
