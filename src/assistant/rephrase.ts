/**
 * Optional rephrasing of a grounded answer by a language model behind any
 * OpenAI-compatible chat-completions URL (for example a local Ollama). The model may
 * only reword: a rephrasing that adds or drops any code, number, date or rule id of the
 * grounded text, that is empty or far longer, or that does not arrive within the timeout
 * is thrown away and the grounded text is used as it is.
 */
import OpenAI from 'openai';

export interface LlmOptions {
  /** base URL of an OpenAI-compatible API, e.g. http://127.0.0.1:11434/v1 */
  baseURL: string;
  model: string;
  apiKey?: string;
  /** how long a rephrasing may take before the grounded text is used (default 1500 ms) */
  timeoutMs?: number;
}

export type Rephraser = (grounded: string) => Promise<string>;

export const DEFAULT_LLM_TIMEOUT_MS = 1500;

const INSTRUCTIONS =
  'You reword answers for medical billing staff so they read plainly and briefly. Keep every code, number, date, ' +
  'rule id and fact exactly as written; add nothing, drop nothing, and do not add advice. Reply with the reworded text only.';

/**
 * The facts a text states, as a set of tokens: dates, rule ids (words joined by dashes),
 * and any word holding a digit (codes, counts, amounts, line numbers).
 */
export function factTokens(text: string): Set<string> {
  const out = new Set<string>();
  const dates = /\b\d{4}-\d{2}-\d{2}\b/g;
  for (const m of text.matchAll(dates)) out.add(m[0]);
  const rest = text.replace(dates, ' ');
  for (const m of rest.matchAll(/\b[a-z0-9]+(?:-[a-z0-9]+){2,}\b/g)) out.add(m[0]);
  for (const m of rest.replace(/\b[a-z0-9]+(?:-[a-z0-9]+){2,}\b/g, ' ').matchAll(/[A-Za-z0-9]*\d[A-Za-z0-9]*(?:[.,]\d+)*/g)) {
    out.add(m[0].toUpperCase().replace(/,(?=\d{3}\b)/g, ''));
  }
  return out;
}

/** True when the rephrasing states exactly the facts of the grounded text. */
export function keepsFacts(grounded: string, rephrased: string): boolean {
  const a = factTokens(grounded);
  const b = factTokens(rephrased);
  if (a.size !== b.size) return false;
  for (const t of a) if (!b.has(t)) return false;
  return true;
}

export function createRephraser(options: LlmOptions): Rephraser {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS;
  const client = new OpenAI({ baseURL: options.baseURL, apiKey: options.apiKey ?? 'not-needed', maxRetries: 0, timeout: timeoutMs });
  return async (grounded) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const completion = await client.chat.completions.create(
        {
          model: options.model,
          temperature: 0,
          messages: [
            { role: 'system', content: INSTRUCTIONS },
            { role: 'user', content: grounded },
          ],
        },
        { signal: controller.signal },
      );
      const text = completion.choices[0]?.message?.content?.trim() ?? '';
      if (text.length === 0 || text.length > grounded.length * 2 + 200) return grounded;
      return keepsFacts(grounded, text) ? text : grounded;
    } catch {
      // off-line, slow, refused or malformed: the grounded answer stands
      return grounded;
    } finally {
      clearTimeout(timer);
    }
  };
}
