/**
 * The trainee quiz: 60 and more questions of a trainee (concepts, questions about a claim,
 * follow-ups), each with what a right answer holds, asked of the offline assistant. At
 * least 95% must be answered right; the share is printed, as `npm run bench` prints it.
 */
import { describe, expect, it } from 'vitest';
import { runChatQuiz } from '../../bench/chat-quiz.js';
import { QUIZ } from './quiz.js';

describe('the trainee quiz', () => {
  it('holds at least 60 questions, each with what a right answer says', () => {
    expect(QUIZ.length).toBeGreaterThanOrEqual(60);
    for (const item of QUIZ) expect(item.says.length + (item.everyFinding ? 1 : 0), item.turns.join(' → ')).toBeGreaterThan(0);
    expect(QUIZ.filter((i) => i.turns.length > 1).length).toBeGreaterThanOrEqual(5);
  });

  it('is answered right at least 95% of the time', async () => {
    const outcome = await runChatQuiz();
    console.log(`chatQuizShare ${outcome.share} (${outcome.asked - outcome.misses.length} of ${outcome.asked})`);
    for (const miss of outcome.misses) console.log(`missed: ${miss.question} (lacks ${miss.missing.join(', ')})`);
    expect(outcome.share).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});
