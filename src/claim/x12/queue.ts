/**
 * The reader's output: finished claims (and claim-less records) in file order, each with
 * its index. The last record is held back until the trailers of its envelope are read,
 * because a trailer problem (an SE/GE/IEA count) goes with the last claim it closes.
 */
import type { ClaimFromFile, InputProblem } from '../source.js';

export class ClaimQueue {
  private out: ClaimFromFile[] = [];
  /** the last finished record, kept until its envelope's trailers have been read */
  private held: ClaimFromFile | null = null;
  /** problems with no record to go with yet: they go with the next one */
  carry: InputProblem[] = [];
  private index = 0;
  /**
   * True while every transaction set so far is something other than an 837 (an 835, a 277):
   * the whole file may yet be refused, so nothing is handed over before its end.
   */
  withheld = false;

  /** Records handed over so far and still to come: the index the next one gets. */
  get count(): number {
    return this.index;
  }

  nextIndex(): number {
    return this.index++;
  }

  /** Records finished since the last call. */
  take(): ClaimFromFile[] {
    const ready = this.out;
    if (ready.length === 0 || this.withheld) return [];
    this.out = [];
    return ready;
  }

  /** Every finished record, the held one too: the file can be read no further. */
  takeAll(): ClaimFromFile[] {
    this.releaseHeld();
    this.withheld = false;
    return this.take();
  }

  /** Forgets every record: the file is refused as a whole. */
  discard(): void {
    this.out = [];
    this.held = null;
    this.carry = [];
  }

  emit(record: ClaimFromFile): void {
    if (this.held !== null) this.out.push(this.held);
    this.held = record;
  }

  releaseHeld(): void {
    if (this.held !== null) {
      this.out.push(this.held);
      this.held = null;
    }
  }

  /** A problem that belongs to no level being read: it goes with the record just finished, or else the next one. */
  loose(p: InputProblem): void {
    if (this.held !== null) this.held.problems.push(p);
    else this.carry.push(p);
  }
}
