/**
 * The journal lines of the scrubs stored or read most recently, within a budget of
 * characters, so that opening a scrub just made (a chat about it, the page showing it)
 * does not go to the disk. Least recently used goes first.
 */
export class RecentLines {
  readonly #maxChars: number;
  readonly #lines = new Map<string, string>();
  #chars = 0;

  constructor(maxChars: number) {
    this.#maxChars = maxChars;
  }

  get size(): number {
    return this.#lines.size;
  }

  get chars(): number {
    return this.#chars;
  }

  get(key: string): string | undefined {
    const line = this.#lines.get(key);
    if (line !== undefined) {
      // the Map's order is the order of use
      this.#lines.delete(key);
      this.#lines.set(key, line);
    }
    return line;
  }

  set(key: string, line: string): void {
    if (line.length > this.#maxChars) return;
    this.delete(key);
    this.#lines.set(key, line);
    this.#chars += line.length;
    for (const [oldest, text] of this.#lines) {
      if (this.#chars <= this.#maxChars) break;
      this.#lines.delete(oldest);
      this.#chars -= text.length;
    }
  }

  delete(key: string): void {
    const line = this.#lines.get(key);
    if (line === undefined) return;
    this.#lines.delete(key);
    this.#chars -= line.length;
  }
}
