/** The intent corpus ships with the package, is found from its root, and any recognizer can stand behind it. */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CORPUS_FILE, loadIntentCorpus, type IntentRecognizer } from '../../src/assistant/index.js';
import { ScrubjayError } from '../../src/errors.js';
import { tempDir } from '../reference/helpers.js';
import { REPO_ROOT } from '../support/paths.js';
import { ask, assistantWith, emptyReference } from './fixtures.js';

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
