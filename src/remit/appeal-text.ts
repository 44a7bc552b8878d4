/** An appeal letter's sections as one plain text, to paste into a letter or a payer's portal. */
import type { AppealSection } from './appeal-types.js';

export function appealLetterText(claimId: string, sections: readonly AppealSection[]): string {
  const parts = [`Appeal request, claim ${claimId} (draft: fill every marked GAP from the record before sending)`];
  for (const section of sections) parts.push(`${section.title}\n${section.paragraphs.map((p) => `  ${p}`).join('\n')}`);
  return `${parts.join('\n\n')}\n`;
}
