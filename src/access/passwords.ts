/**
 * Passwords are kept only as argon2id hashes (RFC 9106). The cost follows OWASP's password
 * storage guidance for argon2id (19 MiB of memory, two passes, one lane), which keeps a
 * sign-in to a few tens of milliseconds on a small server while making each guess of a
 * stolen hash as dear.
 */
import argon2 from 'argon2';

export const MIN_PASSWORD_LENGTH = 12;
/** longer is refused: argon2 would take it, but nobody types this much and it bounds the work per request */
export const MAX_PASSWORD_LENGTH = 1024;

const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

/** A hash of nothing anyone knows, checked when the user name is unknown so that answer takes as long as a wrong password. */
let decoy: Promise<string> | undefined;

/** True when `password` is the one `hash` was made from; a null hash (an account without a password) never matches. */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (hash === null) {
    decoy ??= hashPassword(`decoy-${Math.random()}`);
    await argon2.verify(await decoy, password).catch(() => false);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Why a new password is refused, or null. Length is the rule (NIST SP 800-63B §3.1.1.2), not character classes. */
export function passwordProblem(password: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `the password is shorter than ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `the password is longer than ${MAX_PASSWORD_LENGTH} characters`;
  return null;
}
