/**
 * The intent corpus: example phrasings of every question the assistant answers
 * (`src/assistant/intents.yaml`). It ships with the package and is found from the package
 * root, since the build is plain `tsc` and does not copy YAML into `dist/`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { SHIPPED_RULES_DIR } from '../config/paths.js';
import { ScrubjayError } from '../errors.js';

/** `<package root>/src/assistant/intents.yaml` (the package root holds the shipped `rules/`). */
export const DEFAULT_CORPUS_FILE = join(dirname(SHIPPED_RULES_DIR), 'src', 'assistant', 'intents.yaml');

export interface IntentDefinition {
  name: string;
  /** how the assistant names this intent when it lists what it knows */
  topic: string;
  /** the question it suggests for this intent */
  example: string;
  phrasings: string[];
  /** words or slots (`slotcarc`) a question must hold, one at least, to be this intent; none when empty */
  cues: string[];
}

export interface IntentCorpus {
  intents: IntentDefinition[];
  /** words (or slots) that make a question about Scrubjay's world: a claim, a line, a code, a rule, a payer, "it" */
  subjects: string[];
  byName: ReadonlyMap<string, IntentDefinition>;
}

const corpusSchema = z
  .object({
    subjects: z.array(z.string().trim().min(1)).optional(),
    intents: z.record(
      z.string().regex(/^[a-z]+(-[a-z]+)*$/),
      z
        .object({
          topic: z.string().min(1),
          example: z.string().min(1),
          phrasings: z.array(z.string().min(1)).min(1),
          cues: z.array(z.string().trim().min(1)).optional(),
        })
        .strict(),
    ),
  })
  .strict();

export function parseIntentCorpus(text: string, file: string): IntentCorpus {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new ScrubjayError('SJ_ARGUMENT_INVALID', `${file}: not valid YAML: ${(error as Error).message.split('\n', 1)[0]}`, { file });
  }
  const parsed = corpusSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join('.') ?? '';
    throw new ScrubjayError('SJ_ARGUMENT_INVALID', `${file}: intent corpus${path ? ` "${path}"` : ''}: ${issue?.message ?? 'invalid'}`, { file, path });
  }
  const intents = Object.entries(parsed.data.intents).map(([name, def]) => ({ name, ...def, cues: def.cues ?? [] }));
  return { intents, subjects: parsed.data.subjects ?? [], byName: new Map(intents.map((i) => [i.name, i])) };
}

export function loadIntentCorpus(file: string = DEFAULT_CORPUS_FILE): IntentCorpus {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ScrubjayError('SJ_INPUT_UNREADABLE', `cannot read the intent corpus ${file}: ${(error as Error).message}`, { file });
  }
  return parseIntentCorpus(text, file);
}
