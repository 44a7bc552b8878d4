/**
 * The concept topics the chat teaches (`src/assistant/topics.yaml`): billing ideas a
 * trainee asks about, each explained in our own words with the public sources it rests
 * on. Compliance staff extend the file, so it is linted like the rule files: every
 * problem comes back in the one problem shape with its line, never as a half-loaded book.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { z } from 'zod';
import { SHIPPED_RULES_DIR } from '../config/paths.js';
import type { Problem } from '../contract/problem.js';
import { ScrubjayError, type ErrorCode } from '../errors.js';
import { cueMatcher, type CueMatcher } from './cues.js';
import type { IntentCorpus } from './corpus.js';
import { createMiniSearchRecognizer, type IntentRecognizer } from './recognizer.js';

export const DEFAULT_TOPICS_FILE = join(dirname(SHIPPED_RULES_DIR), 'src', 'assistant', 'topics.yaml');

/** Hosts of the public sources a topic may rest on: CMS and HHS, the eCFR, X12, the NUCC, the CDC. */
export const PUBLIC_SOURCE_HOSTS = ['cms.gov', 'hhs.gov', 'ecfr.gov', 'x12.org', 'nucc.org', 'cdc.gov'] as const;

/** A quotation this long is someone else's wording pasted in, not an explanation. */
export const LONGEST_QUOTE_WORDS = 12;

/** Share of a question's telling words a topic's phrasings must share for the topic to be the answer. */
export const MIN_TOPIC_COVERAGE = 0.5;

const sourceSchema = z.object({ title: z.string().trim().min(3), url: z.url({ protocol: /^https$/, error: 'must be an https URL' }) }).strict();

// YAML reads 1500 or 25 as a number; a keyword or modifier is a word either way
const word = z.union([z.string(), z.number()]).transform(String);

const topicSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by dashes'),
    title: z.string().trim().min(3),
    keywords: z.array(word.pipe(z.string().trim().min(1))).min(1),
    modifiers: z.array(word.pipe(z.string().regex(/^[A-Z0-9]{2}$/, 'must be a two-character modifier in capitals'))).optional(),
    phrasings: z.array(z.string().trim().min(3)).min(1),
    answer: z.string().trim().min(80, 'must explain the topic (80 characters at least)'),
    sources: z.array(sourceSchema).min(1, 'needs a public source with its URL'),
    related: z.array(z.string()).optional(),
  })
  .strict();

const fileSchema = z.object({ topics: z.array(z.unknown()).min(1) }).strict();

export type ConceptTopic = z.infer<typeof topicSchema> & { modifiers: string[]; related: string[] };

export interface TopicMatch {
  topic: ConceptTopic;
  /** share of the question's telling words the topic's phrasings share (0-1) */
  coverage: number;
  score: number;
}

export interface TopicBook {
  topics: readonly ConceptTopic[];
  byId: ReadonlyMap<string, ConceptTopic>;
  /** the topic a question asks about, when one fits well enough */
  match(question: string): TopicMatch | undefined;
  /** the topic that explains a modifier ("25", "XS"), when there is one */
  forModifier(modifier: string): ConceptTopic | undefined;
}

type TopicProblem = Problem & { where: { file: string; line: number; column: number; field?: string } };

function problem(code: Extract<ErrorCode, `SJ_TOPICS_${string}`>, file: string, at: { line: number; col: number }, message: string, field?: string): TopicProblem {
  return { severity: 'error', code, message, where: { file, line: at.line, column: at.col, ...(field ? { field } : {}) } };
}

function longestQuote(text: string): number {
  let longest = 0;
  for (const m of text.matchAll(/["“]([^"”]+)["”]/g)) longest = Math.max(longest, (m[1] ?? '').trim().split(/\s+/).length);
  return longest;
}

function isPublic(url: string): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return PUBLIC_SOURCE_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
  } catch {
    return false;
  }
}

interface Parsed {
  topics: ConceptTopic[];
  problems: TopicProblem[];
}

/** Reads and lints a topic file's text: the topics that are sound, and a problem for each that is not. */
export function readTopics(text: string, file: string): Parsed {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const at = (node: unknown): { line: number; col: number } => {
    const range = (node as Node | undefined)?.range;
    return range ? counter.linePos(range[0]) : { line: 1, col: 1 };
  };
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    return { topics: [], problems: [problem('SJ_TOPICS_YAML', file, counter.linePos(first.pos[0]), first.message.split('\n', 1)[0] ?? 'not valid YAML')] };
  }
  const whole = fileSchema.safeParse(doc.toJS());
  if (!whole.success) return { topics: [], problems: [problem('SJ_TOPICS_SCHEMA', file, { line: 1, col: 1 }, `the file must be a "topics:" list of topics: ${whole.error.issues[0]?.message ?? 'invalid'}`)] };
  const seq = doc.get('topics', true);
  const nodes = isSeq(seq) ? seq.items : [];
  const problems: TopicProblem[] = [];
  const topics: ConceptTopic[] = [];
  const seen = new Map<string, number>();
  const modifierOwner = new Map<string, string>();
  whole.data.topics.forEach((value, i) => {
    const node = nodes[i];
    const parsed = topicSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.map(String).join('.');
        const child = isMap(node) && issue.path[0] !== undefined ? node.get(String(issue.path[0]), true) : undefined;
        problems.push(problem('SJ_TOPICS_SCHEMA', file, at(child ?? node), `topic ${i + 1}${field ? ` "${field}"` : ''}: ${issue.message}`, `topics[${i}]${field ? `.${field}` : ''}`));
      }
      return;
    }
    const t = parsed.data;
    const place = at(node);
    const field = `topics[${i}]`;
    const before = seen.get(t.id);
    if (before !== undefined) problems.push(problem('SJ_TOPICS_LINT', file, place, `topic "${t.id}" is defined twice (first as topic ${before + 1})`, `${field}.id`));
    seen.set(t.id, i);
    if (!t.sources.some((s) => isPublic(s.url))) problems.push(problem('SJ_TOPICS_LINT', file, place, `topic "${t.id}" cites no public source (${PUBLIC_SOURCE_HOSTS.join(', ')})`, `${field}.sources`));
    if (longestQuote(t.answer) > LONGEST_QUOTE_WORDS) problems.push(problem('SJ_TOPICS_LINT', file, place, `topic "${t.id}" quotes a passage of more than ${LONGEST_QUOTE_WORDS} words: explain it in our own words`, `${field}.answer`));
    for (const m of t.modifiers ?? []) {
      const owner = modifierOwner.get(m);
      if (owner !== undefined && owner !== t.id) problems.push(problem('SJ_TOPICS_LINT', file, place, `modifier ${m} is explained by both "${owner}" and "${t.id}"`, `${field}.modifiers`));
      modifierOwner.set(m, t.id);
    }
    topics.push({ ...t, modifiers: t.modifiers ?? [], related: t.related ?? [] });
  });
  const ids = new Set(topics.map((t) => t.id));
  topics.forEach((t) => {
    const i = seen.get(t.id) ?? 0;
    for (const r of t.related) if (!ids.has(r)) problems.push(problem('SJ_TOPICS_LINT', file, at(nodes[i]), `topic "${t.id}" names related topic "${r}", which does not exist`, `topics[${i}].related`));
  });
  return { topics, problems };
}

/** Every problem of a topic file's text, in file order (empty when it is sound). */
export function lintTopics(text: string, file: string): Problem[] {
  return readTopics(text, file).problems.sort((a, b) => a.where.line - b.where.line || a.where.column - b.where.column);
}

/** The topics as a book the chat can search. */
export function topicBook(topics: readonly ConceptTopic[]): TopicBook {
  const byId = new Map(topics.map((t) => [t.id, t]));
  const corpus: IntentCorpus = {
    intents: topics.map((t) => ({ name: t.id, topic: t.title, example: t.phrasings[0] ?? t.title, phrasings: [...t.phrasings, t.title], cues: t.keywords })),
    subjects: [],
    byName: new Map(),
  };
  // topics are matched on the words as asked: "modifier 25" and "modifier 59" are different topics
  const plainShape = (text: string): string => text.toLowerCase().replace(/[’‘]/g, "'");
  const recognizer: IntentRecognizer = createMiniSearchRecognizer(corpus, plainShape);
  const cues = new Map<string, CueMatcher>(topics.map((t) => [t.id, cueMatcher(t.keywords)]));
  const byModifier = new Map<string, ConceptTopic>();
  for (const t of topics) for (const m of t.modifiers) byModifier.set(m, t);
  return {
    topics,
    byId,
    match(question) {
      const shape = plainShape(question);
      const ranked = recognizer
        .recognize(shape)
        .filter((m) => m.coverage >= MIN_TOPIC_COVERAGE && cues.get(m.intent)?.heard(shape) === true)
        .sort((a, b) => b.coverage - a.coverage || b.score - a.score);
      const best = ranked[0];
      const topic = best ? byId.get(best.intent) : undefined;
      return best && topic ? { topic, coverage: best.coverage, score: best.score } : undefined;
    },
    forModifier: (modifier) => byModifier.get(modifier.toUpperCase()),
  };
}

/** Loads the topic file; a file with any problem is refused, naming its first problem. */
export function loadTopics(file: string = DEFAULT_TOPICS_FILE): TopicBook {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ScrubjayError('SJ_INPUT_UNREADABLE', `cannot read the concept topics ${file}: ${(error as Error).message}`, { file });
  }
  const { topics, problems } = readTopics(text, file);
  const first = problems[0];
  if (first) throw new ScrubjayError(first.code as ErrorCode, `${first.where.file}:${first.where.line}:${first.where.column} ${first.message}`, { file, line: first.where.line, column: first.where.column });
  return topicBook(topics);
}
