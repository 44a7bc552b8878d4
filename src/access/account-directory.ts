/**
 * The server's view of the accounts file. Accounts change from the shell while the server
 * runs, and a disabled account or a new role must count from the very next request, so
 * every lookup first asks the file system whether the file changed (one stat, microseconds)
 * and reads it again only when it did.
 */
import { fileVersion, readAccounts, sameVersion, type Account, type AccountFiles, type FileVersion } from './account-file.js';

export class AccountDirectory {
  #version: FileVersion | null = null;
  #byName = new Map<string, Account>();
  #loaded = false;

  constructor(private readonly files: AccountFiles) {}

  find(username: string): Account | undefined {
    this.#refresh();
    return this.#byName.get(username);
  }

  count(): number {
    this.#refresh();
    return this.#byName.size;
  }

  findBySso(issuer: string, subject: string): Account | undefined {
    this.#refresh();
    for (const account of this.#byName.values()) if (account.sso?.issuer === issuer && account.sso.subject === subject) return account;
    return undefined;
  }

  #refresh(): void {
    const version = fileVersion(this.files.accounts);
    if (this.#loaded && sameVersion(version, this.#version)) return;
    // read before the version is taken as seen, so a failed read is tried again next time
    const accounts = version === null ? [] : readAccounts(this.files);
    this.#byName = new Map(accounts.map((a) => [a.username, a]));
    this.#version = version;
    this.#loaded = true;
  }
}
