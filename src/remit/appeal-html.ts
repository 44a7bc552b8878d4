/**
 * An appeal letter as a standalone page to print: its sections as headed paragraphs, every
 * gap marked so it cannot be missed, and every value escaped (a claim's text is the
 * biller's, not markup). Styled by one stylesheet of the page's own origin, as the
 * Content-Security-Policy allows; nothing on it runs a script.
 */
import type { AppealLetter } from './appeal-types.js';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Escaped text with its gaps wrapped in <mark>. */
function withGaps(value: string): string {
  return value
    .split(/(\[\[GAP: [^\]]+\]\])/)
    .map((part) => (part.startsWith('[[GAP: ') ? `<mark class="gap">${escapeHtml(part)}</mark>` : escapeHtml(part)))
    .join('');
}

export function appealLetterHtml(claimId: string, letter: AppealLetter): string {
  const sections = letter.sections
    .map((s) => `<section class="${escapeHtml(s.id)}">\n<h2>${escapeHtml(s.title)}</h2>\n${s.paragraphs.map((p) => `<p>${withGaps(p)}</p>`).join('\n')}\n</section>`)
    .join('\n');
  const gaps = letter.gaps.length === 0 ? '' : `<aside class="gaps"><h2>To fill before sending (${letter.gaps.length})</h2><ol>${letter.gaps.map((g) => `<li>${escapeHtml(g)}</li>`).join('')}</ol></aside>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Appeal draft, claim ${escapeHtml(claimId)}</title>
<link rel="stylesheet" href="/appeal-letter.css">
</head>
<body>
<main class="letter">
<h1>Appeal request, claim ${escapeHtml(claimId)}</h1>
<p class="draft">Draft: every marked gap must be filled from the record before this is sent. Recommendation: <strong>${escapeHtml(letter.recommendation)}</strong>.${letter.appealBy ? ` Appeal by ${escapeHtml(letter.appealBy)}.` : ''}</p>
${sections}
${gaps}
</main>
</body>
</html>
`;
}
