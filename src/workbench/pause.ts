/**
 * A pass over the history runs inside the service: every so many steps it gives the event
 * loop a turn, so requests that arrive meanwhile are answered instead of waiting for the end.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/** A step counter: answers true, after a turn of the event loop, on every `steps`-th call. */
export function pauseEvery(steps: number): () => Promise<boolean> {
  let count = 0;
  return async () => {
    if (++count % steps !== 0) return false;
    await nextTurn();
    return true;
  };
}
