/**
 * The follow-up of one stored claim as plain data for the chat: its remittances as kept,
 * each adjustment with its line, whether it is a denial, whether the scrub predicted it and
 * what to do about it, and where the claim stands on the worklist. The advice is
 * `adviseOn`'s, so the chat says what the remittance's next steps say.
 */
import type { ClaimFollowUp, FollowUpAdjustment, FollowUpCitation, FollowUpLine, FollowUpRemit } from '../contract/follow-up.js';
import { selectProfile, type PayerProfile } from '../payers/profile.js';
import type { ClaimStore, ScrubRecord, StoredRemit } from '../store/store.js';
import { adviseOn } from './denial-action.js';
import { isDenial } from './denials.js';
import { pairLines } from './match.js';
import type { ExplainedAdjustment, ExplainedRemit } from './types.js';
import { DEFAULT_FOLLOW_UP_DAYS, worklistItemOf } from './worklist.js';

const citations = (references: ReadonlyArray<{ title: string; section?: string | undefined; url?: string | undefined }>): FollowUpCitation[] =>
  references.map((r) => ({ title: r.title, ...(r.section !== undefined ? { section: r.section } : {}), ...(r.url !== undefined ? { url: r.url } : {}) }));

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function profileOf(record: ScrubRecord, profiles: readonly PayerProfile[]): PayerProfile | undefined {
  const claim = record.claim as Record<string, unknown>;
  const payer = claim.payer !== null && typeof claim.payer === 'object' ? (claim.payer as Record<string, unknown>) : {};
  return selectProfile(profiles, text(payer.id), text(payer.kind));
}

function remitOf(stored: StoredRemit, record: ScrubRecord): FollowUpRemit {
  // kept as the explained object the remittance route answered with
  const remit = stored.remit as unknown as ExplainedRemit;
  const lines = Array.isArray(remit.lines) ? remit.lines : [];
  const paired = pairLines(lines, record.claim as Record<string, unknown>);
  const claimRemarks = Array.isArray(remit.rarc) ? remit.rarc : [];
  const predicted = remit.scrub?.predicted ?? null;
  const adjustmentOf = (a: ExplainedAdjustment, claimLine: number | null, remitLine: number | null, procedureCode: string | null): FollowUpAdjustment => {
    const denial = isDenial(a, remit.status.code);
    return {
      group: a.group,
      groupMeaning: a.groupMeaning,
      carc: a.carc,
      meaning: a.meaning,
      rarc: [...a.rarc],
      amount: a.amount,
      claimLine,
      remitLine,
      procedureCode,
      denial,
      predicted: denial && predicted !== null ? predicted.includes(a.carc) : null,
      advice: denial ? adviseOn(a, claimRemarks) : null,
    };
  };
  const adjustments = (remit.adjustments ?? []).map((a) => adjustmentOf(a, null, null, null));
  const followLines: FollowUpLine[] = lines.map((line, i) => {
    const claimLine = paired[i] ?? null;
    for (const a of line.adjustments ?? []) adjustments.push(adjustmentOf(a, claimLine, line.line, line.procedureCode));
    return { claimLine, remitLine: line.line, procedureCode: line.procedureCode, charged: line.charged, paid: line.paid };
  });
  return {
    remitDate: remit.remitDate ?? null,
    postedAt: stored.at,
    status: { code: remit.status.code, meaning: remit.status.meaning },
    charged: remit.charged,
    paid: remit.paid,
    patientResponsibility: remit.patientResponsibility,
    payerName: remit.payer?.name ?? null,
    payerClaimControlNumber: remit.payerClaimControlNumber ?? null,
    appealBy: remit.appealBy ?? null,
    adjustments,
    lines: followLines,
  };
}

export async function claimFollowUp(record: ScrubRecord, store: Pick<ClaimStore, 'remitsOfScrub' | 'stateChanges'>, profiles: readonly PayerProfile[]): Promise<ClaimFollowUp> {
  const [stored, changes] = await Promise.all([store.remitsOfScrub(record.id), store.stateChanges(record.id)]);
  const state = changes.at(-1) ?? null;
  const item = worklistItemOf(record, state, stored.map((r) => ({ id: r.id, at: r.at, summary: r.summary })), profiles);
  const profile = profileOf(record, profiles);
  return {
    claimId: record.claimId,
    state: item.state,
    stateAt: state?.at ?? null,
    stateNote: state?.note ?? null,
    charged: item.charged,
    paid: item.paid,
    filingDeadline: item.filingDeadline,
    appealBy: item.appealBy,
    followUpOn: item.followUpOn,
    followUpDays: profile?.followUp?.days ?? DEFAULT_FOLLOW_UP_DAYS,
    followUpSource: profile?.followUp ? { summary: profile.followUp.summary ?? null, references: citations(profile.followUp.references) } : null,
    profileName: profile?.name ?? null,
    appealRule: profile?.appeal ? { summary: profile.appeal.summary, references: citations(profile.appeal.references) } : null,
    remits: stored.map((r) => remitOf(r, record)),
  };
}
