/**
 * The trainee quiz (test/assistant/quiz.ts) asked of the offline assistant, with the
 * excerpts of the official tables loaded: the share of questions answered right is
 * `chatQuizShare`. `npx tsx bench/chat-quiz.ts` prints it alone, with the misses.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAssistant } from '../src/assistant/index.js';
import type { AssistantReply, ConversationFocus } from '../src/assistant/assistant.js';
import type { ClaimInput } from '../src/contract/claim.js';
import { scrubClaim } from '../src/engine/scrub.js';
import { openReferenceData } from '../src/reference/index.js';
import { loadPreparedRuleSet } from '../src/ruleset/load-prepared.js';
import { SHIPPED_RULES_DIR } from '../src/config/paths.js';
import { importFixtureTables } from '../test/support/fixture-tables.js';
import { REPO_ROOT } from '../test/support/paths.js';
import { QUIZ, type QuizClaim, type QuizItem } from '../test/assistant/quiz.js';

const AS_OF = '2026-11-27';

export interface QuizMiss {
  question: string;
  reply: string;
  missing: string[];
}

export interface QuizOutcome {
  share: number;
  asked: number;
  misses: QuizMiss[];
}

type Claim = Record<string, any> & { lines: any[] };

function claims(): Record<QuizClaim, Claim> {
  const [clean, rejected] = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'claims.json'), 'utf8')) as Claim[];
  const pair = (second: string): Claim => ({
    ...clean!,
    lines: [
      { ...clean!.lines[0], procedureCode: '11042', charge: 100 },
      { ...clean!.lines[0], procedureCode: second, charge: 25 },
    ],
    totalCharge: 125,
  });
  return { clean: clean!, rejected: rejected!, ncci: pair('11000'), 'ncci-indicator-0': pair('0213T') };
}

/** What a reply lacks to be right (empty when it is right). */
function judge(item: QuizItem, reply: AssistantReply, ruleIdsOfClaim: readonly string[]): string[] {
  const missing = item.says.filter((re) => !new RegExp(re.source, re.flags.includes('i') ? re.flags : `${re.flags}i`).test(reply.text)).map(String);
  for (const re of item.never ?? []) if (re.test(reply.text)) missing.push(`not ${String(re)}`);
  if (item.everyFinding) for (const id of ruleIdsOfClaim) if (!reply.text.includes(id)) missing.push(`finding ${id}`);
  return missing;
}

/** Asks every quiz question (with its earlier turns) and scores the answers. */
export async function runChatQuiz(items: readonly QuizItem[] = QUIZ): Promise<QuizOutcome> {
  const dataDir = mkdtempSync(join(tmpdir(), 'scrubjay-quiz-'));
  try {
    await importFixtureTables(dataDir);
    const reference = openReferenceData(dataDir);
    const rules = loadPreparedRuleSet(SHIPPED_RULES_DIR);
    const scrub = (claim: ClaimInput) => scrubClaim(claim, rules, { asOf: AS_OF, reference });
    const assistant = createAssistant({ rules: () => rules, reference, scrub }, { today: () => AS_OF });
    const byName = claims();
    const misses: QuizMiss[] = [];
    for (const item of items) {
      const claim = item.claim ? byName[item.claim] : undefined;
      let focus: ConversationFocus | undefined;
      let reply: AssistantReply | undefined;
      for (const turn of item.turns) {
        reply = await assistant.reply(turn, { ...(claim ? { claim } : {}), ...(focus ? { focus } : {}) });
        focus = reply.focus;
      }
      const ids = claim ? [...new Set(scrub(claim).findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId))] : [];
      const missing = judge(item, reply!, ids);
      if (missing.length > 0) misses.push({ question: item.turns.join(' → '), reply: reply!.text, missing });
    }
    return { share: Math.round(((items.length - misses.length) / items.length) * 1000) / 1000, asked: items.length, misses };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The figure `npm run bench` prints beside chatP99Ms. */
export async function measureChatQuiz(log: (text: string) => void = console.error): Promise<{ chatQuizShare: number }> {
  const outcome = await runChatQuiz();
  log(`chat quiz: ${outcome.asked - outcome.misses.length} of ${outcome.asked} trainee questions answered right (${outcome.share})`);
  return { chatQuizShare: outcome.share };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outcome = await runChatQuiz();
  for (const miss of outcome.misses) console.error(`MISS ${miss.question}\n  lacks ${miss.missing.join(', ')}\n  ${miss.reply.replace(/\n/g, '\n  ').slice(0, 900)}`);
  console.log(JSON.stringify({ chatQuizShare: outcome.share, asked: outcome.asked }));
}
