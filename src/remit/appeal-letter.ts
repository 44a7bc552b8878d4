/**
 * A draft appeal letter for a denied claim, built only from what is known: the payer's
 * remittance, the claim as it was stored when scrubbed, the rules it passed with their
 * sources, the NCCI edits looked up, and the payer profile's appeal terms. Whatever the
 * medical record (or the biller) must supply is left as a marked gap, `[[GAP: ...]]`, and
 * listed in `gaps`: the letter never states a clinical fact of its own.
 */
import { appealDeadline } from '../payers/appeal.js';
import { filingDeadline } from '../payers/filing.js';
import { citation, groundsFor, type Ground } from './appeal-grounds.js';
import { claimServiceDates, memberId, patientName, providerLine, renderingLine, submissionDate } from './appeal-facts.js';
import { appealLetterText } from './appeal-text.js';
import type { AppealInput, AppealLetter, AppealSection, Denial, PtpCheck } from './appeal-types.js';
import { combine, verdictOn } from './appeal-verdict.js';
import { allAdjustments, isDenial } from './denials.js';
import { appealEvidence } from './denial-action.js';
import { pairLines } from './match.js';
import { money } from './words.js';

export type * from './appeal-types.js';

/** A gap for the medical record or the biller to fill: marked in the text, listed apart. */
function gap(what: string): string {
  return `[[GAP: ${what}]]`;
}

const GAP_MARK = /\[\[GAP: ([^\]]+)\]\]/g;

function denialsOf(input: AppealInput): Denial[] {
  const { remit } = input;
  return allAdjustments(remit)
    .filter((a) => isDenial(a, remit.status.code))
    .map((adjustment) => ({ adjustment, line: adjustment.line === null ? null : (remit.lines[adjustment.line - 1] ?? null) }));
}

function where(denial: Denial): string {
  const line = denial.line;
  if (line === null) return 'the whole claim';
  const code = [line.procedureCode, ...line.modifiers].filter((c) => c !== null).join('-');
  return `line ${line.line}, ${code || 'no procedure code'}${line.serviceDate === null ? '' : ` on ${line.serviceDate}`}`;
}

function remarkText(codes: readonly string[], input: AppealInput): string {
  return codes.map((c) => ` Remark ${c}: ${input.catalog.rarc(c) ?? 'not in the code catalog'}`).join('');
}

function addressee(input: AppealInput): AppealSection {
  const { remit, scrub, profile } = input;
  const claimPayer = (scrub.claim.payer ?? {}) as Record<string, unknown>;
  const name = remit.payer.name ?? (typeof claimPayer.name === 'string' ? claimPayer.name : null);
  const id = remit.payer.id ?? (typeof claimPayer.id === 'string' ? claimPayer.id : null);
  const from = providerLine(scrub.claim);
  return {
    id: 'addressee',
    title: 'To',
    paragraphs: [
      `${name ?? gap("the payer's name")}${id === null ? '' : ` (payer id ${id})`}`,
      `Attention: ${profile?.appeal?.level ?? 'appeals'}`,
      gap("the payer's mailing address or portal for appeals, from its remittance or provider manual"),
      `From: ${from ?? gap('the billing provider name and NPI')}`,
    ],
  };
}

function claimSection(input: AppealInput): AppealSection {
  const { remit, scrub } = input;
  const dates = [...new Set(remit.lines.map((l) => l.serviceDate).filter((d): d is string => d !== null))];
  const served = dates.length > 0 ? dates : claimServiceDates(scrub.claim);
  const rendering = renderingLine(scrub.claim);
  return {
    id: 'claim',
    title: 'Claim',
    paragraphs: [
      `Patient: ${patientName(scrub.claim) ?? gap("the patient's name")}`,
      `Member id: ${memberId(scrub.claim) ?? gap("the patient's member id")}`,
      `Claim id (patient control number): ${remit.claimId}`,
      `Payer claim control number (CLP07): ${remit.payerClaimControlNumber ?? gap("the payer's claim control number, from the remittance")}`,
      `Date(s) of service: ${served.length > 0 ? served.join(', ') : gap('the dates of service')}`,
      ...(rendering === null ? [] : [`Rendering provider: ${rendering}`]),
      `Remittance of ${remit.remitDate ?? 'an unknown date'}: billed ${money(remit.charged)}, paid ${money(remit.paid)} (${remit.status.meaning})`,
    ],
  };
}

function deniedSection(denials: readonly Denial[], input: AppealInput): AppealSection {
  return {
    id: 'denied',
    title: 'What was denied',
    paragraphs: denials.map((d) => {
      const a = d.adjustment;
      const billed = d.line === null ? '' : ` (billed ${money(d.line.charged)}, paid ${money(d.line.paid)})`;
      return `${where(d)}${billed}: ${a.group}-${a.carc}, ${money(a.amount)}. CARC ${a.carc}: ${a.meaning} Group ${a.group}: ${a.groupMeaning.replace(/\.$/, '')}.${remarkText(a.rarc, input)}`;
    }),
  };
}

const INDICATOR: Readonly<Record<number, string>> = {
  0: 'no modifier allows the pair to be paid together',
  1: 'an NCCI-associated modifier allows both when the services were distinct',
  9: 'the edit does not apply',
};

function ptpParagraph(pair: PtpCheck): string {
  if (pair.modifierIndicator === null) return `NCCI procedure-to-procedure edits (${pair.version}): no edit pairs ${pair.column1} with ${pair.column2}.`;
  const rationale = pair.rationale ? `; rationale: ${pair.rationale}` : '';
  const modifiers = pair.ncciModifiers.length > 0 ? `; NCCI-associated modifier billed: ${pair.ncciModifiers.join(', ')}` : '; no NCCI-associated modifier was billed on either line';
  return `NCCI procedure-to-procedure edit ${pair.column1}/${pair.column2} (${pair.version}): column 1 ${pair.column1}, column 2 ${pair.column2}, modifier indicator ${pair.modifierIndicator} (${INDICATOR[pair.modifierIndicator]})${rationale}${modifiers}.`;
}

function groundParagraph(ground: Ground): string {
  const sources = ground.references.map(citation).join('; ');
  if (!ground.checked) return `Not checked: "${ground.title}" (rule ${ground.ruleId}) needs an official table that was not loaded when the claim was scrubbed.`;
  if (ground.raised) return `Raised before the claim was sent, not passed: "${ground.title}" (rule ${ground.ruleId}): ${ground.message ?? ''} Sources: ${sources}.`;
  return `Passed the check "${ground.title}" (rule ${ground.ruleId}, CARC ${ground.carc}). Sources: ${sources}.`;
}

function ackDate(input: AppealInput): string | null {
  for (const change of input.states ?? []) {
    if (change.source !== 'ack' || change.state !== 'sent') continue;
    const dated = /277CA (\d{4}-\d{2}-\d{2})/.exec(change.note ?? '');
    return dated ? dated[1]! : change.at.slice(0, 10);
  }
  return null;
}

function filingParagraphs(input: AppealInput): string[] {
  const { profile, scrub } = input;
  if (profile === undefined) return [];
  const first = claimServiceDates(scrub.claim).sort()[0] ?? null;
  const deadline = filingDeadline(profile, first);
  const sent = submissionDate(scrub.claim);
  const accepted = ackDate(input);
  const parts = [`Filing limit under the ${profile.name} profile: ${profile.timelyFiling.summary}${deadline === null ? '' : `; for a service on ${first} the last day to file was ${deadline}`}.`];
  if (sent !== null) parts.push(`The claim's submission date is ${sent}${deadline === null ? '' : sent <= deadline ? ', within that limit' : ', after that limit'}.`);
  if (accepted !== null) parts.push(`The clearinghouse acknowledgment (277CA) accepted the claim on ${accepted}.`);
  return parts;
}

interface DenialView {
  denial: Denial;
  grounds: Ground[];
  pairs: PtpCheck[];
}

/** Denials of one code whose grounds read the same, together: a letter says them once. */
function alike(views: readonly DenialView[]): DenialView[][] {
  const groups = new Map<string, DenialView[]>();
  for (const view of views) {
    const key = JSON.stringify([view.denial.adjustment.group, view.denial.adjustment.carc, view.grounds.map((g) => [g.ruleId, g.raised, g.checked]), view.pairs]);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [view]);
    else group.push(view);
  }
  return [...groups.values()];
}

function groundsSection(views: readonly DenialView[], input: AppealInput): AppealSection {
  const { scrub, rules } = input;
  const version = scrub.result.rulesetVersion;
  const paragraphs = [
    `Before it was sent, the claim was checked on ${scrub.scrubbedAt.slice(0, 10)}${version ? ` with rule set ${version}` : ''}.${version !== undefined && version !== rules.version ? ` The rules below are those of rule set ${rules.version}, in force now.` : ''}`,
  ];
  for (const group of alike(views)) {
    const view = group[0]!;
    const { denial } = view;
    paragraphs.push(`For ${denial.adjustment.group}-${denial.adjustment.carc} on ${group.map((v) => where(v.denial)).join('; ')}:`);
    if (denial.adjustment.carc === '29') paragraphs.push(...filingParagraphs(input));
    for (const pair of view.pairs) paragraphs.push(ptpParagraph(pair));
    for (const ground of view.grounds) paragraphs.push(groundParagraph(ground));
    if (view.grounds.length === 0 && view.pairs.length === 0 && denial.adjustment.carc !== '29') {
      paragraphs.push(`No rule of the rule set checks what CARC ${denial.adjustment.carc} is about; the appeal rests on the enclosed record.`);
    }
    if (needsRecord(denial.adjustment.carc)) paragraphs.push('What the service was and why it was given is for the medical record to show; see the enclosures.');
  }
  return { id: 'grounds', title: 'Why the service was billed correctly', paragraphs };
}

/** Denials the payer decides on the clinical record, not on the claim's codes or dates. */
function needsRecord(carc: string): boolean {
  return carc !== '29';
}

function levelSection(input: AppealInput, appealBy: string | null): AppealSection {
  const appeal = input.profile?.appeal;
  if (appeal === undefined) {
    return {
      id: 'level',
      title: 'Appeal level and deadline',
      paragraphs: [gap(`the payer's appeal level and deadline, from its provider manual or contract: the ${input.profile?.name ?? 'payer'} profile cites none`)],
    };
  }
  return {
    id: 'level',
    title: 'Appeal level and deadline',
    paragraphs: [
      `${appeal.level ?? 'Appeal'}: ${appeal.summary}.`,
      `Last day to file this appeal: ${appealBy ?? gap('the last day to appeal (the remittance has no date to count from)')}.`,
      `Sources: ${appeal.references.map(citation).join('; ')}.`,
    ],
  };
}

function recordGap(view: DenialView): string {
  const { denial } = view;
  const line = denial.line;
  const code = line?.procedureCode ?? 'the service';
  const when = line?.serviceDate ? ` on ${line.serviceDate}` : '';
  switch (denial.adjustment.carc) {
    case '50':
      return gap(`documentation showing why ${code}${when} was medically necessary for this patient: the signed note of the visit or the order, with the history, findings and decision it supported`);
    case '97': {
      const others = [...new Set(view.pairs.map((p) => (p.column1 === code ? p.column2 : p.column1)))];
      const against = others.length > 0 ? others.join(', ') : 'the service it was bundled into';
      return gap(`documentation showing ${code}${when} was separate and distinct from ${against} (another session, site, encounter or time), if the record shows it`);
    }
    case '151':
      return gap(`documentation supporting the ${line === null ? '' : `${line.units} `}unit(s) of ${code}${when} billed`);
    default:
      return gap(`${appealEvidence(denial.adjustment.carc)}, for ${where(denial)}`);
  }
}

function enclosuresSection(views: readonly DenialView[], input: AppealInput): AppealSection {
  const { remit } = input;
  const paragraphs = [
    `The remittance advice (835) of ${remit.remitDate ?? 'its date'} for claim ${remit.claimId}${remit.payerClaimControlNumber ? `, payer claim control number ${remit.payerClaimControlNumber}` : ''}.`,
    `The claim as it was sent (837P / CMS-1500) for claim ${remit.claimId}.`,
  ];
  const seen = new Set<string>();
  for (const view of views) {
    let item: string;
    if (view.denial.adjustment.carc === '29') {
      const accepted = ackDate(input);
      item = accepted !== null ? `The clearinghouse acknowledgment (277CA) of ${accepted} accepting the claim.` : gap('proof of timely filing: the clearinghouse acceptance report (277CA) or payer acknowledgment showing the date the claim was received');
    } else {
      item = recordGap(view);
    }
    if (seen.has(item)) continue;
    seen.add(item);
    paragraphs.push(item);
  }
  paragraphs.push(gap('name, title and signature of the person asking for the appeal, with the date'));
  return { id: 'enclosures', title: 'Enclosed', paragraphs };
}

export function draftAppealLetter(input: AppealInput): AppealLetter {
  const denials = denialsOf(input);
  const paired = pairLines(input.remit.lines, input.scrub.claim);
  const views: DenialView[] = denials.map((denial) => ({
    denial,
    grounds: groundsFor(denial, denial.adjustment.line === null ? null : (paired[denial.adjustment.line - 1] ?? null), input.scrub, input.rules.rules),
    pairs: denial.adjustment.carc === '97' && denial.adjustment.line !== null ? (input.ptp ?? []).filter((p) => p.line === denial.adjustment.line) : [],
  }));
  // the stored claim's profile, as its scrub chose it, counts the days: the remittance alone may not name the payer's kind
  const appealBy = denials.length === 0 ? null : (appealDeadline(input.profile, input.remit.remitDate) ?? input.remit.appealBy);
  const verdict = combine(views.map((v) => verdictOn(v.denial, input.remit.rarc, v.grounds, v.pairs)));
  const sections: AppealSection[] = [
    addressee(input),
    claimSection(input),
    deniedSection(denials, input),
    groundsSection(views, input),
    levelSection(input, appealBy),
    enclosuresSection(views, input),
    { id: 'recommendation', title: 'Before sending', paragraphs: [`Recommendation: ${verdict.recommendation}. ${verdict.reason.charAt(0).toUpperCase()}${verdict.reason.slice(1)}.`] },
  ];
  const text = appealLetterText(input.remit.claimId, sections);
  const gaps = [...text.matchAll(GAP_MARK)].map((m) => m[1]!);
  return { text, sections, gaps, appealBy, recommendation: verdict.recommendation, reason: verdict.reason };
}
