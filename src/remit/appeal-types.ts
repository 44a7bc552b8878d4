/**
 * An appeal letter draft: what goes in (the explained remittance, the stored scrub it was
 * matched to, the payer profile, the rules and code catalog) and what comes out (sections of
 * plain text, the gaps the medical record or the biller must fill, and whether an appeal is
 * the right path at all).
 */
import type { PayerProfile } from '../payers/profile.js';
import type { CodeCatalog } from '../rules/codes.js';
import type { RuleDefinition } from '../rules/rule.js';
import type { ExplainedAdjustment, ExplainedRemit } from './types.js';

/** What of a stored scrub the letter reads. */
export interface AppealScrub {
  id: string;
  scrubbedAt: string;
  claim: Record<string, unknown>;
  result: {
    rulesetVersion?: string;
    rulesetHash?: string;
    /** the official tables the claim was checked against */
    referenceData?: ReadonlyArray<{ kind: string; version: string }>;
    findings: ReadonlyArray<{ ruleId: string; severity: string; carc?: string | null; line?: number | null; message?: string }>;
  };
}

/** An NCCI procedure-to-procedure pair looked up for a bundling denial. */
export interface PtpCheck {
  /** the 1-based line of the remittance the denial is on */
  line: number;
  column1: string;
  column2: string;
  /** null: the table in force has no edit for the pair */
  modifierIndicator: 0 | 1 | 9 | null;
  rationale: string | null;
  /** the table version the pair was looked up in */
  version: string;
  /** the NCCI-associated modifiers (list ncci-ptp-modifiers) billed on either line */
  ncciModifiers: string[];
}

/** A dated state of the claim, as the follow-up keeps them. */
export interface AppealStateChange {
  state: string;
  at: string;
  note?: string;
  source: string;
}

export interface AppealInput {
  remit: ExplainedRemit;
  scrub: AppealScrub;
  profile: PayerProfile | undefined;
  /** the rules in force, with the version they carry */
  rules: { version: string; rules: readonly RuleDefinition[] };
  catalog: CodeCatalog;
  /** NCCI pairs of the bundling denials' lines; none when no edit table is loaded */
  ptp?: readonly PtpCheck[];
  /** the claim's state changes, oldest first: a 277CA acceptance is proof of filing */
  states?: readonly AppealStateChange[];
}

export type AppealRecommendation = 'appeal' | 'correct' | 'either';

export type AppealSectionId = 'addressee' | 'claim' | 'denied' | 'grounds' | 'level' | 'enclosures' | 'recommendation';

export interface AppealSection {
  id: AppealSectionId;
  title: string;
  paragraphs: string[];
}

export interface AppealLetter {
  text: string;
  sections: AppealSection[];
  /** every `[[GAP: ...]]` of the text, in order, without the brackets */
  gaps: string[];
  appealBy: string | null;
  recommendation: AppealRecommendation;
  reason: string;
}

/** One denial of the remittance, with where it sits. */
export interface Denial {
  adjustment: ExplainedAdjustment;
  /** the remittance line, or null for the claim */
  line: ExplainedRemit['lines'][number] | null;
}
