/**
 * What a rules commit says of itself beyond its message: the version id and hash of the
 * rule set it records, and the role of the person who made it, as git trailers, so the
 * history reads the same with ordinary git tools and rebuilds its index from a clone.
 */

export interface CommitFacts {
  reason: string;
  version?: string;
  hash?: string;
  role?: string;
}

const TRAILERS = { version: 'Ruleset-Version', hash: 'Ruleset-Hash', role: 'Author-Role' } as const;

export function commitMessage(facts: CommitFacts): string {
  const lines = (Object.keys(TRAILERS) as Array<keyof typeof TRAILERS>)
    .filter((key) => facts[key] !== undefined)
    .map((key) => `${TRAILERS[key]}: ${oneLine(facts[key]!)}`);
  return `${facts.reason.trim()}\n\n${lines.join('\n')}\n`;
}

/** A trailer is one line: a value with a line break would forge the next trailer. */
function oneLine(text: string): string {
  return text.replace(/\p{Cc}+/gu, ' ').trim();
}

export function readCommitMessage(message: string): CommitFacts {
  const facts: CommitFacts = { reason: message.trim() };
  const blocks = message.trimEnd().split(/\n\n/);
  const last = blocks[blocks.length - 1] ?? '';
  const found: Partial<Record<keyof typeof TRAILERS, string>> = {};
  let allTrailers = blocks.length > 1;
  for (const line of last.split('\n')) {
    const key = (Object.keys(TRAILERS) as Array<keyof typeof TRAILERS>).find((k) => line.startsWith(`${TRAILERS[k]}: `));
    if (key) found[key] = line.slice(TRAILERS[key].length + 2).trim();
    else allTrailers = false;
  }
  if (!allTrailers) return facts;
  return { reason: blocks.slice(0, -1).join('\n\n').trim(), ...found };
}
