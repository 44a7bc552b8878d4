/**
 * What reading an 837 back gives of a claim the 837 writer wrote: the fields the 837 reader
 * fills, each as the file carries it (trimmed text, an empty value as null, ICD codes
 * without their dot, a payer kind the filing indicator can say, a patient who is the
 * subscriber as `{ relationship: self }`).
 */
import type { ClaimInput } from '../../src/contract/claim.js';

type Json = Record<string, unknown>;

const obj = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function t(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function n(value: unknown): number | null {
  if (typeof value === 'number') return value;
  const text = t(value);
  return text === null ? null : Number(text);
}

const KINDS = new Set(['medicare', 'medicaid', 'tricare', 'workers-comp', 'other', 'commercial']);

function address(value: unknown): Json {
  const a = obj(value);
  const out: Json = { line1: t(a.line1), city: t(a.city), state: t(a.state), zip: t(a.zip) };
  if (t(a.line2) !== null) out.line2 = t(a.line2);
  return out;
}

function person(value: unknown): Json {
  const p = obj(value);
  return { firstName: t(p.firstName), lastName: t(p.lastName), birthDate: t(p.birthDate), sex: t(p.sex), address: address(p.address) };
}

function provider(value: unknown): Json | null {
  if (value === null || value === undefined) return null;
  const p = obj(value);
  return { npi: t(p.npi), firstName: t(p.firstName), lastName: t(p.lastName) };
}

function relationship(value: unknown): string {
  const r = t(value)?.toLowerCase() ?? null;
  if (r === null || r === 'self') return 'self';
  return r === 'spouse' || r === 'child' ? r : 'other';
}

export function readBack(claim: ClaimInput, submissionDate: string): Json {
  const payer = obj(claim.payer);
  const kind = t(payer.kind)?.toLowerCase() ?? null;
  const subscriber = obj(claim.subscriber);
  const billing = obj(claim.billingProvider);
  const rel = relationship(obj(claim.patient).relationship);
  return {
    claimId: t(claim.claimId),
    type: 'professional',
    frequency: t(claim.frequency),
    originalClaimId: t(claim.originalClaimId),
    submissionDate: t(claim.submissionDate) ?? submissionDate,
    payer: { id: t(payer.id), name: t(payer.name), kind: kind === null ? null : KINDS.has(kind) ? kind : 'commercial' },
    subscriber: { memberId: t(subscriber.memberId), groupNumber: t(subscriber.groupNumber), ...person(subscriber) },
    patient: rel === 'self' ? { relationship: 'self' } : { relationship: rel, ...person(claim.patient) },
    billingProvider: { npi: t(billing.npi), taxId: t(billing.taxId), name: t(billing.name), taxonomy: t(billing.taxonomy), address: address(billing.address) },
    renderingProvider: provider(claim.renderingProvider),
    referringProvider: provider(claim.referringProvider),
    placeOfService: t(claim.placeOfService),
    priorAuthorization: t(claim.priorAuthorization),
    diagnoses: arr(claim.diagnoses).map((d) => (t(d) as string).replace('.', '')),
    lines: arr(claim.lines).map((value) => {
      const line = obj(value);
      const end = t(line.serviceDateEnd);
      return {
        serviceDate: t(line.serviceDate),
        serviceDateEnd: end,
        procedureCode: t(line.procedureCode),
        modifiers: arr(line.modifiers).map(t).filter((m) => m !== null),
        diagnosisPointers: arr(line.diagnosisPointers),
        units: n(line.units),
        charge: n(line.charge),
        placeOfService: t(line.placeOfService),
        renderingProviderNpi: t(line.renderingProviderNpi),
        ndc: t(line.ndc),
      };
    }),
    totalCharge: n(claim.totalCharge),
    diagnosisCodeSet: t(claim.diagnosisCodeSet)?.toLowerCase() === 'icd9' ? 'icd9' : 'icd10',
  };
}
