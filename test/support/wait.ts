/** Waiting for something a test cannot be told about directly, without fixed sleeps. */

/**
 * Polls until `probe` gives something other than undefined and returns it. A timeout shows
 * what `lastSeen` returns, to tell why. Reloads and imports take a debounce plus a read of
 * a whole folder, so the limit is generous: on a busy machine they take longer, and the
 * limit only turns a hang into a failure.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, lastSeen?: () => unknown, limitMs = 30_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const seen = lastSeen ? `; last seen: ${JSON.stringify(lastSeen(), null, 2)}` : '';
      throw new Error(`gave up waiting for ${what} after ${limitMs} ms${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
