/**
 * An upload that stops sending holds what it was given (a batch slot) for as long as the
 * client likes. Bytes must keep coming: when none arrive for the idle limit, the stream
 * fails with the error given, rather than ending, so that what arrived is never read as
 * if it were the whole file.
 */
export async function* withIdleLimit<T>(source: AsyncIterable<T>, idleMs: number, idle: () => Error): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let idled = false;
  try {
    for (;;) {
      const next = iterator.next();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          idled = true;
          reject(idle());
        }, idleMs);
      });
      // the read left waiting when the limit is reached fails later, when the request is closed
      next.catch(() => undefined);
      let result: IteratorResult<T>;
      try {
        result = await Promise.race([next, timeout]);
      } finally {
        clearTimeout(timer);
      }
      if (result.done === true) return;
      yield result.value;
    }
  } finally {
    // closing a request stream closes its connection: an idle one stays open so that it can be answered
    if (!idled) await iterator.return?.();
  }
}
