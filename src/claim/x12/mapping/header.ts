/** The transaction header: BHT04, the date the claims were created, is the submission date. */
import type { Transaction } from '../envelopes.js';
import type { LoopMappers } from './index.js';
import { readDate } from './read.js';

export const HEADER_LOOPS: LoopMappers = {
  header(s, id, el, n) {
    if (id !== 'BHT') return;
    const tx = s.tx as Transaction;
    tx.bhtAt = n;
    tx.submissionDate = readDate(s, 'header', 'BHT', n, 'BHT04 (the date the claims were created)', el.value(4), 'submissionDate');
  },
};
