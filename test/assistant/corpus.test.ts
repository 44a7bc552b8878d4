/** The intent corpus ships with the package, is found from its root, and any recognizer can stand behind it. */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cueMatcher } from '../../src/assistant/cues.js';
import { DEFAULT_CORPUS_FILE, extractEntities, loadIntentCorpus, type IntentRecognizer } from '../../src/assistant/index.js';
import { ScrubjayError } from '../../src/errors.js';
import { tempDir } from '../support/folders.js';
import { REPO_ROOT } from '../support/paths.js';
import { shippedCodeCatalog } from '../../src/rules/codes.js';
import { ask, assistantWith, emptyReference, shippedRules } from './fixtures.js';

describe('the intent corpus', () => {
  it('is read from the package root, where the build (plain tsc into dist/) leaves it', () => {
    expect(DEFAULT_CORPUS_FILE).toBe(join(REPO_ROOT, 'src', 'assistant', 'intents.yaml'));
    expect(existsSync(DEFAULT_CORPUS_FILE)).toBe(true);
  });

  it('has an example and several phrasings for every intent', () => {
    const corpus = loadIntentCorpus();
    const names = corpus.intents.map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining(['greeting', 'help', 'why-denied', 'explain-finding', 'how-to-fix', 'code-meaning', 'code-lookup', 'filing-deadline', 'rule-search', 'what-if', 'out-of-scope']));
    for (const intent of corpus.intents) expect(intent.phrasings.length, intent.name).toBeGreaterThanOrEqual(10);
  });

  it('every phrasing holds one of its intent\'s cues (a phrasing without one could never be recognised)', () => {
    const rules = shippedRules();
    const payers = rules.ruleSet.payers.map((p) => ({ id: p.id, name: p.name, kinds: p.match?.kinds ?? [], payerIds: p.match?.payerIds ?? [] }));
    const vocabulary = { payers, ruleIds: new Set(rules.byId.keys()), isRarc: (code: string) => shippedCodeCatalog().rarc(code) !== undefined };
    const deaf: string[] = [];
    for (const intent of loadIntentCorpus().intents) {
      const cues = cueMatcher(intent.cues);
      for (const p of intent.phrasings) if (!cues.heard(extractEntities(p, vocabulary).shape)) deaf.push(`${intent.name}: ${p}`);
    }
    expect(deaf).toEqual([]);
  });

  it('takes its cues from the file: a question without one of an intent\'s cues is not that intent', async () => {
    const file = join(tempDir(), 'intents.yaml');
    writeFileSync(file, 'intents:\n  filing-deadline:\n    topic: deadlines\n    example: What is the filing deadline?\n    cues: [deadline, file]\n    phrasings: [how many days do I have left to file]\n');
    const assistant = assistantWith(emptyReference(), { corpusFile: file });
    expect((await ask(assistant, 'how many days do I have left to file?')).intent).toBe('filing-deadline');
    expect((await ask(assistant, 'how many days do I have left?')).intent).toBe('unknown');
  });

  it('refuses a corpus file of the wrong shape, naming the file and the key', () => {
    const file = join(tempDir(), 'intents.yaml');
    writeFileSync(file, 'intents:\n  greeting:\n    topic: hello\n    phrasings: []\n');
    expect(() => loadIntentCorpus(file)).toThrow(ScrubjayError);
    expect(() => loadIntentCorpus(file)).toThrow(/intents\.yaml: intent corpus "intents\.greeting\.example"/);
  });

  it('refuses a missing corpus file with a typed error', () => {
    expect(() => loadIntentCorpus(join(tempDir(), 'none.yaml'))).toThrow(/cannot read the intent corpus/);
  });

  it('teaches a new phrasing through the file alone', async () => {
    const file = join(tempDir(), 'intents.yaml');
    writeFileSync(file, 'intents:\n  help:\n    topic: what I can answer\n    example: What can you do?\n    phrasings: [abracadabra]\n');
    const reply = await ask(assistantWith(emptyReference(), { corpusFile: file }), 'Abracadabra!');
    expect(reply.intent).toBe('help');
  });
});

describe('the recognizer interface', () => {
  it('can be replaced by another recognizer without touching the answers', async () => {
    const shapes: string[] = [];
    const keyword = (): IntentRecognizer => ({
      recognize(shape) {
        shapes.push(shape);
        return shape.includes('slotcarc') ? [{ intent: 'code-meaning', score: 1, coverage: 1 }] : [];
      },
    });
    const assistant = assistantWith(emptyReference(), { recognizer: keyword });
    const reply = await ask(assistant, 'tell me CARC 18');
    expect(reply.intent).toBe('code-meaning');
    expect(reply.text).toMatch(/^CARC 18 — /);
    expect(shapes).toContain('tell me slotcarc');
    expect((await ask(assistant, 'why would it be denied')).intent).toBe('unknown');
  });
});
