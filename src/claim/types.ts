/**
 * The canonical claim of the external contract (one professional claim, CMS-1500 / 837P).
 * Input arrives as untrusted JSON; these types describe the well-formed shape, and
 * `ClaimFacts` (facts.ts) is what the rules see after normalisation.
 */
export type PayerKind = 'medicare' | 'medicaid' | 'commercial' | 'tricare' | 'workers-comp' | 'other';
export type Sex = 'F' | 'M' | 'U';

export interface Address {
  line1?: string | null;
  line2?: string | null;
  city?: string | null;
  state?: string | null;
  zip?: string | null;
}

export interface Person {
  firstName?: string | null;
  lastName?: string | null;
  birthDate?: string | null;
  sex?: Sex | string | null;
  address?: Address | null;
}

export interface ServiceLine {
  serviceDate: string | null;
  serviceDateEnd?: string | null;
  procedureCode: string | null;
  modifiers?: string[];
  diagnosisPointers?: number[];
  units: number | null;
  charge: number | null;
  placeOfService?: string | null;
  renderingProviderNpi?: string | null;
  ndc?: string | null;
}

export interface Claim {
  claimId: string;
  type?: 'professional' | 'institutional';
  frequency?: string;
  originalClaimId?: string | null;
  submissionDate?: string | null;
  payer: { id: string; name?: string; kind?: PayerKind };
  subscriber: Person & { memberId: string; groupNumber?: string | null };
  patient: Person & { relationship: 'self' | 'spouse' | 'child' | 'other' | string };
  billingProvider: {
    npi: string;
    taxId: string;
    name: string;
    taxonomy?: string | null;
    address: Address;
  };
  renderingProvider?: { npi: string; firstName?: string; lastName?: string } | null;
  referringProvider?: { npi: string; firstName?: string; lastName?: string } | null;
  placeOfService: string;
  priorAuthorization?: string | null;
  diagnoses: string[];
  lines: ServiceLine[];
  totalCharge: number;
}
