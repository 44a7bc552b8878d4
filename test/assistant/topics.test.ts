/**
 * The concept topic file is content compliance staff extend, so it is linted like the
 * rule files: the shipped file is sound, covers what a trainee needs, and teaches each
 * topic from its own phrasings; a broken edit is refused with the line it is on.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TOPICS_FILE, lintTopics, loadTopics, PUBLIC_SOURCE_HOSTS } from '../../src/assistant/topics.js';
import { ScrubjayError } from '../../src/errors.js';
import { tempDir, writeIn } from '../support/folders.js';

const shipped = readFileSync(DEFAULT_TOPICS_FILE, 'utf8');
const book = loadTopics();

const GOOD = `topics:
  - id: sample
    title: A sample topic
    keywords: [sample]
    phrasings: [what is a sample]
    answer: A sample is a small piece of something, taken to show what the rest is like, in our own words here.
    sources:
      - title: CMS Pub 100-04, Chapter 26
        url: https://www.cms.gov/regulations-and-guidance/guidance/manuals/downloads/clm104c26pdf.pdf
`;

describe('the shipped topic file', () => {
  it('lints without a problem and holds at least 30 topics', () => {
    expect(lintTopics(shipped, DEFAULT_TOPICS_FILE)).toEqual([]);
    expect(book.topics.length).toBeGreaterThanOrEqual(30);
  });

  it('covers claim anatomy, remittance codes, NCCI, MUE, modifiers, filing, corrections, appeals and the revenue cycle', () => {
    for (const id of ['claim-anatomy', 'diagnosis-pointer', 'units', 'place-of-service', 'frequency-codes', 'carc-vs-rarc', 'group-codes', 'ncci-ptp', 'modifier-indicators', 'mue', 'mai', 'add-on-codes', 'global-surgery', 'timely-filing', 'corrected-vs-void', 'appeals', 'revenue-cycle']) {
      expect(book.byId.has(id), id).toBe(true);
    }
    for (const m of ['25', '57', '24', '59', 'XE', 'XS', 'XP', 'XU', '76', '77', '91', 'RT', 'LT', '50', '26', 'TC']) expect(book.forModifier(m), `modifier ${m}`).toBeDefined();
  });

  it('gives every topic a public source with its URL', () => {
    for (const t of book.topics) {
      expect(t.sources.some((s) => PUBLIC_SOURCE_HOSTS.some((h) => new URL(s.url).hostname.endsWith(h))), t.id).toBe(true);
    }
  });

  it('reaches every topic from each of its own phrasings', () => {
    const wrong: string[] = [];
    for (const t of book.topics) for (const p of t.phrasings) if (book.match(p)?.topic.id !== t.id) wrong.push(`${t.id}: "${p}" → ${book.match(p)?.topic.id ?? 'nothing'}`);
    expect(wrong).toEqual([]);
  });

  it('matches nothing for a question about something else', () => {
    for (const q of ['what is the weather like', 'tell me a joke', 'how do I reset my password', 'what should I eat for lunch']) expect(book.match(q), q).toBeUndefined();
  });
});

describe('linting a topic edit', () => {
  const problemsOf = (text: string) => lintTopics(text, 'topics.yaml');

  it('accepts a sound topic', () => {
    expect(problemsOf(GOOD)).toEqual([]);
  });

  it('names a topic without a source, at its line', () => {
    const [p, ...rest] = problemsOf(GOOD.replace(/ {4}sources:[\s\S]*$/, '    sources: []\n'));
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ severity: 'error', code: 'SJ_TOPICS_SCHEMA', where: { file: 'topics.yaml', line: 7, field: 'topics[0].sources' } });
    expect(p!.message).toMatch(/public source/);
  });

  it('refuses a source that is not a public one, and a URL that is not https', () => {
    expect(problemsOf(GOOD.replace('https://www.cms.gov/regulations-and-guidance/guidance/manuals/downloads/clm104c26pdf.pdf', 'https://example.com/notes.pdf'))).toMatchObject([{ code: 'SJ_TOPICS_LINT', where: { line: 2 } }]);
    expect(problemsOf(GOOD.replace('https://www.cms.gov', 'http://www.cms.gov'))).toMatchObject([{ code: 'SJ_TOPICS_SCHEMA', message: expect.stringMatching(/https/) }]);
  });

  it('refuses a topic without keywords, phrasings or an answer', () => {
    const codes = (text: string) => problemsOf(text).map((p) => p.where?.field);
    expect(codes(GOOD.replace('    keywords: [sample]\n', ''))).toEqual(['topics[0].keywords']);
    expect(codes(GOOD.replace('[what is a sample]', '[]'))).toEqual(['topics[0].phrasings']);
    expect(codes(GOOD.replace(/answer: .*/, 'answer: too short'))).toEqual(['topics[0].answer']);
  });

  it('refuses a repeated id, a related topic that does not exist and a pasted passage', () => {
    const twice = `${GOOD}${GOOD.replace('topics:\n', '')}`;
    expect(problemsOf(twice).map((p) => p.message)).toEqual([expect.stringMatching(/"sample" is defined twice/)]);
    expect(problemsOf(GOOD.replace('    keywords:', '    related: [no-such-topic]\n    keywords:')).map((p) => p.message)).toEqual([expect.stringMatching(/"no-such-topic", which does not exist/)]);
    const quoted = GOOD.replace(/answer: .*/, 'answer: >-\n      The manual says "one two three four five six seven eight nine ten eleven twelve thirteen" and that is all there is to it here.');
    expect(problemsOf(quoted).map((p) => p.message)).toEqual([expect.stringMatching(/our own words/)]);
  });

  it('places a YAML slip at its line and column', () => {
    expect(problemsOf(GOOD.replace('[sample]', '[sample, x{y}]'))).toMatchObject([{ code: 'SJ_TOPICS_YAML', where: { line: 4 } }]);
  });

  it('loads an extended file, and refuses a broken one naming its first problem', () => {
    const dir = tempDir();
    expect(loadTopics(writeIn(dir, 'good.yaml', GOOD)).match('what is a sample?')?.topic.id).toBe('sample');
    const broken = writeIn(dir, 'broken.yaml', GOOD.replace(/ {4}sources:[\s\S]*$/, '    sources: []\n'));
    expect(() => loadTopics(broken)).toThrow(ScrubjayError);
    expect(() => loadTopics(broken)).toThrow(/broken\.yaml:7:\d+ .*public source/);
  });
});
