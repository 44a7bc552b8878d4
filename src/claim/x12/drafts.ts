/**
 * What the reader has gathered so far at each level of the 837 hierarchy — billing
 * provider (2000A), subscriber (2000B), patient (2000C), claim (2300), service line
 * (2400) — with the number of the segment each part came from, and the assembly of a
 * finished claim into the contract's JSON shape.
 *
 * A billing provider or subscriber is shared by every claim under it, so each claim gets
 * its own copies of their objects: a consumer may change one claim without touching
 * another.
 */
import type { InputProblem } from '../source.js';
import type { Address, Claim, ClaimLine } from '../../contract/claim.js';

export interface AddressDraft {
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
}

export const emptyAddress = (): AddressDraft => ({ line1: null, line2: null, city: null, state: null, zip: null });

export interface PersonDraft {
  firstName: string | null;
  lastName: string | null;
  birthDate: string | null;
  sex: string | null;
  address: AddressDraft;
}

/** Segment numbers of a party loop (NM1 and what follows it); 0 when absent. */
export class PartyAt {
  nm1 = 0;
  n3 = 0;
  n4 = 0;
  dmg = 0;
  ref = 0;
}

const emptyPerson = (): PersonDraft => ({ firstName: null, lastName: null, birthDate: null, sex: null, address: emptyAddress() });

/** What every HL level (2000A, 2000B, 2000C) gathers besides its own fields. */
abstract class LevelDraft {
  /** problems found under this HL: they go with every claim below it */
  readonly problems: InputProblem[] = [];
  /** loops allowed once, already seen under this HL (bits of `LoopDef.bit`) */
  seen = 0;
  /** segment numbers of the level's party loop (2010AA, 2010BA, 2010CA) */
  readonly at = new PartyAt();
  constructor(
    readonly hlId: string,
    readonly hlAt: number,
  ) {}
}

export class BillingDraft extends LevelDraft {
  npi: string | null = null;
  taxId: string | null = null;
  name: string | null = null;
  taxonomy: string | null = null;
  address = emptyAddress();
  checked = false;
  prvAt = 0;
}

export class SubscriberDraft extends LevelDraft {
  memberId: string | null = null;
  groupNumber: string | null = null;
  person = emptyPerson();
  payerId: string | null = null;
  payerName: string | null = null;
  payerKind: string | null = null;
  hasSbr = false;
  checked = false;
  sbrAt = 0;
  readonly payerAt = new PartyAt();
}

export class PatientDraft extends LevelDraft {
  relationship: string | null = null;
  person = emptyPerson();
  patAt = 0;
}

export interface ProviderDraft {
  npi: string | null;
  firstName: string | null;
  lastName: string | null;
  at: number;
}

// Lines without modifiers or pointers share these until assembly copies them.
const NO_MODIFIERS: string[] = [];
const NO_POINTERS: number[] = [];

export class LineDraft {
  serviceDate: string | null = null;
  serviceDateEnd: string | null = null;
  procedureCode: string | null = null;
  modifiers: string[] = NO_MODIFIERS;
  diagnosisPointers: number[] = NO_POINTERS;
  units: number | null = null;
  charge: number | null = null;
  placeOfService: string | null = null;
  renderingProviderNpi: string | null = null;
  ndc: string | null = null;
  seen = 0;
  sv1At = 0;
  dtpAt = 0;
  renderingAt = 0;
  linAt = 0;
  constructor(
    readonly lxAt: number,
    /** 0-based position of the line in its claim */
    readonly index: number,
  ) {}
}

export class ClaimDraft {
  claimId: string | null = null;
  totalCharge: number | null = null;
  placeOfService: string | null = null;
  frequency: string | null = null;
  originalClaimId: string | null = null;
  priorAuthorization: string | null = null;
  diagnoses: string[] = [];
  /** segment number of the HI that holds each diagnosis */
  diagnosisAt: number[] = [];
  /** the code set of the first diagnosis read (BK/BF: ICD-9-CM; ABK/ABF: ICD-10-CM) */
  codeSet: 'icd9' | 'icd10' | null = null;
  institutional = false;
  rendering: ProviderDraft | null = null;
  referring: ProviderDraft | null = null;
  readonly lines: LineDraft[] = [];
  readonly problems: InputProblem[] = [];
  seen = 0;
  originalAt = 0;
  priorAuthAt = 0;
  /** the first HI segment, 0 when the claim has none */
  hiAt = 0;
  constructor(readonly clmAt: number) {}
}

export interface ClaimContext {
  submissionDate: string | null;
  billing: BillingDraft;
  subscriber: SubscriberDraft;
  patient: PatientDraft | null;
  claim: ClaimDraft;
}

function address(a: AddressDraft): Address {
  const out: Address = { line1: a.line1, city: a.city, state: a.state, zip: a.zip };
  // the contract has one street line; a second one (suite, unit) is kept beside it rather than lost
  if (a.line2 !== null) out.line2 = a.line2;
  return out;
}

function patientOut(patient: PatientDraft): NonNullable<Claim['patient']> {
  const p = patient.person;
  return { relationship: patient.relationship, firstName: p.firstName, lastName: p.lastName, birthDate: p.birthDate, sex: p.sex, address: address(p.address) };
}

function provider(p: ProviderDraft | null): Claim['renderingProvider'] {
  return p === null ? null : { npi: p.npi, firstName: p.firstName, lastName: p.lastName };
}

function line(l: LineDraft): ClaimLine {
  return {
    serviceDate: l.serviceDate,
    serviceDateEnd: l.serviceDateEnd,
    procedureCode: l.procedureCode,
    modifiers: l.modifiers === NO_MODIFIERS ? [] : l.modifiers,
    diagnosisPointers: l.diagnosisPointers === NO_POINTERS ? [] : l.diagnosisPointers,
    units: l.units,
    charge: l.charge,
    placeOfService: l.placeOfService,
    renderingProviderNpi: l.renderingProviderNpi,
    ndc: l.ndc,
  };
}

/** The finished claim in the contract's shape (`shared/contracts/claim-json.md` §1). */
export function assembleClaim(c: ClaimContext): Claim {
  const { billing, subscriber, patient, claim } = c;
  const sp = subscriber.person;
  return {
    claimId: claim.claimId,
    type: 'professional',
    frequency: claim.frequency,
    originalClaimId: claim.originalClaimId,
    submissionDate: c.submissionDate,
    payer: { id: subscriber.payerId, name: subscriber.payerName, kind: subscriber.payerKind },
    subscriber: { memberId: subscriber.memberId, groupNumber: subscriber.groupNumber, firstName: sp.firstName, lastName: sp.lastName, birthDate: sp.birthDate, sex: sp.sex, address: address(sp.address) },
    patient: patient === null ? { relationship: 'self' } : patientOut(patient),
    billingProvider: { npi: billing.npi, taxId: billing.taxId, name: billing.name, taxonomy: billing.taxonomy, address: address(billing.address) },
    renderingProvider: provider(claim.rendering),
    referringProvider: provider(claim.referring),
    placeOfService: claim.placeOfService,
    priorAuthorization: claim.priorAuthorization,
    diagnoses: claim.diagnoses,
    lines: claim.lines.map(line),
    totalCharge: claim.totalCharge,
    diagnosisCodeSet: claim.codeSet ?? 'icd10',
  };
}
