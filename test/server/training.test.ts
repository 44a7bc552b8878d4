/**
 * Practice over HTTP against the real server: a trainee asks for an exercise, answers it,
 * and sees the score and their progress; a trainer sees everyone's progress, and the
 * progress survives a restart of the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/accounts.js';
import { fetch, JSON_HEADERS, signIn, startTestServer, uncheckedFetch, type TestServer } from './support.js';

interface Exercise {
  id: string;
  level: number;
  claim: Record<string, unknown>;
  defects: number;
}
interface Score {
  hits: number;
  misses: number;
  falseAlarms: number;
  accuracy: number;
  findings: Array<{ outcome: string; ruleId: string; family: string; line: number | null; path: string | null; carc: string | null; explanation: string; references: unknown[] }>;
}
interface Progress {
  username: string;
  exercises: number;
  families: Array<{ family: string; attempts: number; found: number; missed: number }>;
  practiseNext: string[];
}

let service: TestServer;
let trainee: string;
let trainer: string;

beforeAll(async () => {
  service = await startTestServer({ signedInAs: 'trainee' });
  trainee = service.cookie!;
  trainer = await service.cookieFor('compliance');
});
afterAll(async () => {
  await service?.close();
});

async function exercise(level: number, cookie = trainee): Promise<Exercise> {
  const res = await fetch(`${service.base}/api/training/exercise?level=${level}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as Exercise;
}

async function answer(id: string, marks: unknown[], cookie = trainee): Promise<Response> {
  return fetch(`${service.base}/api/training/exercise/${id}/answer`, { method: 'POST', headers: { ...JSON_HEADERS, cookie }, body: JSON.stringify({ marks }) });
}

describe('practice over HTTP', () => {
  it('hands out a made-up claim without its answer, and scores marks against the scrub', async () => {
    const given = await exercise(1);
    expect(given.defects).toBeGreaterThan(0);
    expect(JSON.stringify(given)).not.toMatch(/ruleId|explanation|planted/);
    const missed = (await (await answer(given.id, [])).json()) as Score;
    expect(missed.hits).toBe(0);
    expect(missed.misses).toBe(given.defects);
    for (const finding of missed.findings) {
      expect(finding.outcome).toBe('miss');
      expect(finding.explanation.length).toBeGreaterThan(0);
    }

    const subtle = await exercise(2);
    const scored = (await (await answer(subtle.id, [{ field: 'remarks', carc: '16' }])).json()) as Score;
    expect(scored.findings.length).toBe(subtle.defects);
    expect(scored.falseAlarms).toBe(1);
    expect(scored.accuracy).toBe(0);
  });

  it('takes one answer per exercise', async () => {
    const given = await exercise(3);
    const first = (await (await answer(given.id, [])).json()) as Score;
    expect(first.findings.length).toBeGreaterThanOrEqual(2);
    expect((await uncheckedFetch(`${service.base}/api/training/exercise/${given.id}/answer`, { method: 'POST', headers: { ...JSON_HEADERS, cookie: trainee }, body: JSON.stringify({ marks: [] }) })).status).toBe(404);
  });

  it('refuses another user’s exercise as unknown', async () => {
    const given = await exercise(1);
    const biller = await service.cookieFor('biller');
    expect((await answer(given.id, [], biller)).status).toBe(404);
    expect((await answer(given.id, [])).status).toBe(200);
  });

  it('refuses a mark that names neither a line nor a field, and a level that does not exist', async () => {
    const given = await exercise(1);
    const res = await answer(given.id, [{ carc: '16' }]);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('SJ_ARGUMENT_INVALID');
    expect((await fetch(`${service.base}/api/training/exercise?level=4`, { headers: { cookie: trainee } })).status).toBe(400);
  });

  it('keeps progress per rule family, shows a trainee only their own and a trainer everyone’s, across a restart', async () => {
    const mine = (await (await fetch(`${service.base}/api/training/progress`, { headers: { cookie: trainee } })).json()) as Progress;
    expect(mine.username).toBe('trainee');
    expect(mine.exercises).toBeGreaterThanOrEqual(4);
    expect(mine.families.reduce((n, f) => n + f.missed, 0)).toBeGreaterThan(0);
    // every family missed is due again
    expect(mine.practiseNext.length).toBeGreaterThan(0);
    expect(mine.families.map((f) => f.family)).toEqual(expect.arrayContaining([mine.practiseNext[0]]));

    expect((await uncheckedFetch(`${service.base}/api/training/progress/all`, { headers: { cookie: trainee } })).status).toBe(403);
    const all = (await (await fetch(`${service.base}/api/training/progress/all`, { headers: { cookie: trainer } })).json()) as Progress[];
    expect(all.find((p) => p.username === 'trainee')).toEqual(mine);

    const { dataDir, rulesDir } = service;
    await service.server.close();
    const again = await startTestServer({ signedInAs: null, dataDir, rulesDir });
    try {
      const cookie = await signIn(again.base, 'trainee', TEST_PASSWORD);
      const after = (await (await fetch(`${again.base}/api/training/progress`, { headers: { cookie } })).json()) as Progress;
      expect(after).toEqual(mine);
    } finally {
      await again.close();
    }
  });
});
