/** `scrubjay users` as the access contract has it, run as a user would, on a real data folder. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Access } from '../../src/access/index.js';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/folders.js';

let dataDir: string;
const PASSWORD = 'a long pass phrase for pat';

beforeAll(() => {
  dataDir = tempDir('scrubjay-users-');
});

afterAll(() => undefined);

const users = (args: string[], input?: string) => runCli(['users', ...args, '--data', dataDir], input === undefined ? {} : { input });

async function signsIn(username: string, password: string): Promise<boolean> {
  const access = new Access(dataDir);
  try {
    return (await access.signIn(username, password, '127.0.0.1')).kind === 'ok';
  } finally {
    access.close();
  }
}

describe('scrubjay users', () => {
  it('adds an account from a password on standard input, and lists it', async () => {
    const added = await users(['add', 'Pat', '--role', 'biller', '--password-stdin'], `${PASSWORD}\n`);
    expect(added).toMatchObject({ code: 0 });
    expect(added.stdout).toContain('added pat (biller)');
    const listed = await users(['list', '--format', 'json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([{ username: 'pat', role: 'biller', state: 'active', createdAt: expect.any(String), lastSignInAt: null }]);
    expect(await signsIn('pat', PASSWORD)).toBe(true);
    const text = await users(['list']);
    expect(text.stdout).toMatch(/^user\s+role\s+state\s+created\s+last sign-in\npat\s+biller\s+active\s+\S+ \S+\s+\S+ \S+$/m);
  });

  it('exits 2 for a bad role, an existing user or a short password, saying which', async () => {
    const badRole = await users(['add', 'kim', '--role', 'boss', '--password-stdin'], `${PASSWORD}\n`);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/SJ_ACCOUNT_ROLE_INVALID.*"boss" is not a role/);
    const existing = await users(['add', 'PAT', '--role', 'trainee', '--password-stdin'], `${PASSWORD}\n`);
    expect(existing.code).toBe(2);
    expect(existing.stderr).toMatch(/SJ_ACCOUNT_EXISTS.*"pat" exists/);
    const short = await users(['add', 'kim', '--role', 'trainee', '--password-stdin'], 'eleven char\n');
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/SJ_ACCOUNT_PASSWORD_SHORT.*shorter than 12 characters/);
    const noStdin = await users(['add', 'kim', '--role', 'trainee']);
    expect(noStdin.code).toBe(2);
    expect(noStdin.stderr).toContain('--password-stdin');
    expect(JSON.parse((await users(['list', '--format', 'json'])).stdout)).toHaveLength(1);
  });

  it('changes the role, resets the password and disables, each audited', async () => {
    expect((await users(['set-role', 'pat', 'compliance'])).code).toBe(0);
    expect(JSON.parse((await users(['list', '--format', 'json'])).stdout)[0]).toMatchObject({ role: 'compliance' });
    expect((await users(['set-role', 'pat', 'owner'])).code).toBe(2);

    const reset = await users(['reset-password', 'pat', '--password-stdin'], 'the new pass phrase for pat\n');
    expect(reset.code).toBe(0);
    expect(await signsIn('pat', PASSWORD)).toBe(false);
    expect(await signsIn('pat', 'the new pass phrase for pat')).toBe(true);

    expect((await users(['disable', 'pat'])).code).toBe(0);
    expect(JSON.parse((await users(['list', '--format', 'json'])).stdout)[0]).toMatchObject({ state: 'disabled' });
    expect(await signsIn('pat', 'the new pass phrase for pat')).toBe(false);
    expect((await users(['disable', 'nobody'])).code).toBe(2);

    const verified = await runCli(['audit', 'verify', '--data', dataDir]);
    expect(verified.code).toBe(0);
  });
});
