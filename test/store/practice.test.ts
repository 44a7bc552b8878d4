/**
 * Answered practice exercises kept by the embedded store: on disk when answered, read back
 * after a reopen, per user; a line a crash cut short is dropped, the rest kept.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openClaimStore, storeFiles } from '../../src/store/index.js';
import type { PracticeAttemptInput } from '../../src/contract/training.js';
import { removeTempDataDirs, tempDataDir } from './helpers.js';

afterAll(removeTempDataDirs);

const attempt = (username: string, exerciseId: string): PracticeAttemptInput => ({
  username,
  exerciseId,
  level: 2,
  falseAlarms: 1,
  families: [{ family: 'reference-data/ncci-edits', found: 1, missed: 0 }, { family: 'missing-information/claim', found: 0, missed: 1 }],
});

describe('practice exercises in the embedded store', () => {
  it('are on disk when answered and read back per user after a reopen', async () => {
    const dataDir = tempDataDir();
    let store = await openClaimStore(dataDir);
    const first = await store.recordPractice(attempt('tina', 'e1'));
    expect(readFileSync(storeFiles(dataDir).practice, 'utf8')).toContain('"exerciseId":"e1"');
    await store.recordPractice(attempt('theo', 'e2'));
    await store.recordPractice(attempt('tina', 'e3'));
    await store.close();

    store = await openClaimStore(dataDir);
    try {
      const tina = await store.practiceAttempts('tina');
      expect(tina.map((a) => a.exerciseId)).toEqual(['e1', 'e3']);
      expect(tina[0]).toEqual(first);
      expect((await store.practiceAttempts()).map((a) => a.username)).toEqual(['theo', 'tina', 'tina']);
      expect(await store.practiceAttempts('nobody')).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('drops a line a crash cut short and keeps the others', async () => {
    const dataDir = tempDataDir();
    let store = await openClaimStore(dataDir);
    await store.recordPractice(attempt('tina', 'e1'));
    await store.close();
    appendFileSync(storeFiles(dataDir).practice, '{"username":"tina","exerciseId":"e2","lev');
    store = await openClaimStore(dataDir);
    try {
      expect((await store.practiceAttempts('tina')).map((a) => a.exerciseId)).toEqual(['e1']);
      await store.recordPractice(attempt('tina', 'e4'));
      expect((await store.practiceAttempts('tina')).map((a) => a.exerciseId)).toEqual(['e1', 'e4']);
    } finally {
      await store.close();
    }
    store = await openClaimStore(dataDir);
    try {
      expect((await store.practiceAttempts('tina')).map((a) => a.exerciseId)).toEqual(['e1', 'e4']);
    } finally {
      await store.close();
    }
  });
});
