/**
 * `scrubjay users`: accounts from the shell. Passwords come from standard input, never from
 * an argument, which every local user can read in the process list and which the shell
 * keeps in its history. A running server sees each change at its next request. Every
 * change is written to the audit trail, named after the operating-system user who ran it.
 */
import { userInfo } from 'node:os';
import { Accounts, type AccountView } from '../../access/index.js';
import { resolveDataDir } from '../../config/paths.js';
import { ScrubjayError } from '../../errors.js';
import { appendAudit } from '../../store/index.js';
import { EXIT, errorLine, type CliIo } from '../io.js';

export interface UsersOptions {
  data?: string;
  passwordStdin?: boolean;
}

function accountsOf(opts: UsersOptions, io: CliIo): { accounts: Accounts; dataDir: string } {
  const dataDir = resolveDataDir(opts.data, (message) => io.err(`scrubjay: ${message}`));
  return { accounts: new Accounts(dataDir), dataDir };
}

/** The first line of standard input, without its line ending. */
export async function readPasswordLine(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    const end = text.indexOf('\n');
    if (end >= 0) return text.slice(0, end).replace(/\r$/, '');
    if (text.length > 8192) break;
  }
  return text.replace(/\r?\n?$/, '');
}

async function passwordFrom(opts: UsersOptions, io: CliIo): Promise<string> {
  if (!opts.passwordStdin) throw new ScrubjayError('SJ_ARGUMENT_INVALID', 'give the password on standard input with --password-stdin (never as an argument)');
  return readPasswordLine(io.stdin ?? process.stdin);
}

/** Who made a change from the shell: the operating-system account, as the audit trail names it. */
function shellUser(): string {
  try {
    return `shell:${userInfo().username}`;
  } catch {
    return 'shell';
  }
}

async function audited(dataDir: string, target: AccountView, detail: string): Promise<void> {
  await appendAudit(dataDir, { user: shellUser(), role: null, action: 'user-change', target: [target.username], address: 'local shell', detail });
}

async function run(io: CliIo, work: () => Promise<string>): Promise<number> {
  try {
    io.out(await work());
    return EXIT.OK;
  } catch (error) {
    if (error instanceof ScrubjayError) {
      io.err(errorLine(error.code, error.message));
      return EXIT.USAGE;
    }
    throw error;
  }
}

export function runUsersAdd(username: string, opts: UsersOptions & { role: string }, io: CliIo): Promise<number> {
  return run(io, async () => {
    const { accounts, dataDir } = accountsOf(opts, io);
    const password = await passwordFrom(opts, io);
    const account = await accounts.add({ username, role: opts.role, password });
    await audited(dataDir, account, `added with role ${account.role}`);
    return `added ${account.username} (${account.role})`;
  });
}

export function runUsersList(opts: UsersOptions & { format: 'text' | 'json' }, io: CliIo): Promise<number> {
  return run(io, async () => {
    const list = accountsOf(opts, io).accounts.list();
    if (opts.format === 'json') {
      return JSON.stringify(list.map(({ username, role, state, createdAt, lastSignInAt }) => ({ username, role, state, createdAt, lastSignInAt })), null, 2);
    }
    if (list.length === 0) return 'no accounts yet: add one with `scrubjay users add NAME --role admin --password-stdin`';
    const rows = list.map((a) => [a.username, a.role, a.state, a.createdAt.slice(0, 19).replace('T', ' '), a.lastSignInAt ? a.lastSignInAt.slice(0, 19).replace('T', ' ') : 'never']);
    const header = ['user', 'role', 'state', 'created', 'last sign-in'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    return [header, ...rows].map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
  });
}

export function runUsersDisable(username: string, opts: UsersOptions, io: CliIo): Promise<number> {
  return run(io, async () => {
    const { accounts, dataDir } = accountsOf(opts, io);
    const account = await accounts.disable(username);
    await audited(dataDir, account, 'disabled; its sessions ended');
    return `disabled ${account.username}; its sessions have ended`;
  });
}

export function runUsersEnable(username: string, opts: UsersOptions, io: CliIo): Promise<number> {
  return run(io, async () => {
    const { accounts, dataDir } = accountsOf(opts, io);
    const account = await accounts.enable(username);
    await audited(dataDir, account, 'enabled');
    return `enabled ${account.username}`;
  });
}

export function runUsersSetRole(username: string, role: string, opts: UsersOptions, io: CliIo): Promise<number> {
  return run(io, async () => {
    const { accounts, dataDir } = accountsOf(opts, io);
    const account = await accounts.setRole(username, role);
    await audited(dataDir, account, `role set to ${account.role}`);
    return `${account.username} is now ${account.role}`;
  });
}

export function runUsersResetPassword(username: string, opts: UsersOptions, io: CliIo): Promise<number> {
  return run(io, async () => {
    const { accounts, dataDir } = accountsOf(opts, io);
    const password = await passwordFrom(opts, io);
    const account = await accounts.resetPassword(username, password);
    await audited(dataDir, account, 'password reset; its sessions ended');
    return `password of ${account.username} reset; its sessions have ended`;
  });
}
