/**
 * The code systems and identifier systems the reader recognises, and the code tables
 * that turn FHIR codes into the contract's values. Systems are compared after
 * `canonicalSystem`, because real files mix http and https and trailing slashes.
 */

// files repeat the same handful of systems on every coding
const canonical = new Map<string, string>();
const CANONICAL_CACHE_LIMIT = 1000;

/** `https://www.ama-assn.org/go/cpt/` and `http://www.ama-assn.org/go/cpt` are the same system. */
export function canonicalSystem(system: string): string {
  let found = canonical.get(system);
  if (found === undefined) {
    found = system
      .trim()
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/^www\./, '')
      .replace(/\/+$/, '');
    if (canonical.size >= CANONICAL_CACHE_LIMIT) canonical.clear();
    canonical.set(system, found);
  }
  return found;
}

function systems(...uris: string[]): ReadonlySet<string> {
  return new Set(uris.map(canonicalSystem));
}

export const NPI_SYSTEMS = systems('http://hl7.org/fhir/sid/us-npi', 'urn:oid:2.16.840.1.113883.4.6');
export const TAX_ID_SYSTEMS = systems('urn:oid:2.16.840.1.113883.4.4');
export const ICD10CM_SYSTEMS = systems('http://hl7.org/fhir/sid/icd-10-cm', 'urn:oid:2.16.840.1.113883.6.90');
export const ICD9CM_SYSTEMS = systems('http://hl7.org/fhir/sid/icd-9-cm', 'urn:oid:2.16.840.1.113883.6.103');
export const PROCEDURE_SYSTEMS = systems(
  'http://www.ama-assn.org/go/cpt',
  'urn:oid:2.16.840.1.113883.6.12',
  'https://bluebutton.cms.gov/resources/codesystem/hcpcs',
  'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  'urn:oid:2.16.840.1.113883.6.285',
  'urn:oid:2.16.840.1.113883.6.14',
);
export const NDC_SYSTEMS = systems('http://hl7.org/fhir/sid/ndc', 'urn:oid:2.16.840.1.113883.6.69');
export const PLACE_OF_SERVICE_SYSTEMS = systems(
  'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set',
  'http://terminology.hl7.org/CodeSystem/ex-serviceplace',
);
export const TAXONOMY_SYSTEMS = systems('http://nucc.org/provider-taxonomy', 'urn:oid:2.16.840.1.113883.6.101');
/** Source of Payment Typology (PHDSC/NAHDO), the usual code system of Coverage.type in the US */
export const PAYMENT_TYPOLOGY_SYSTEMS = systems('https://nahdo.org/sopt', 'urn:oid:2.16.840.1.113883.3.221.5');
export const ACT_CODE_SYSTEMS = systems('http://terminology.hl7.org/CodeSystem/v3-ActCode');

/** v2-0203 identifier type codes: member number, subscriber number; tax ids; payer ids (v2 NIIP, CARIN `payerid`) */
export const MEMBER_ID_TYPES: ReadonlySet<string> = new Set(['MB', 'SN']);
export const TAX_ID_TYPES: ReadonlySet<string> = new Set(['TAX']);
export const PAYER_ID_TYPES: ReadonlySet<string> = new Set(['NIIP', 'PAYERID']);

/** Coverage.relationship (subscriber-relationship) → the contract's patient relationship. */
export function relationshipOf(code: string): 'self' | 'spouse' | 'child' | 'other' {
  switch (code.toLowerCase()) {
    case 'self':
      return 'self';
    case 'spouse':
    case 'common':
      return 'spouse';
    case 'child':
      return 'child';
    default:
      return 'other';
  }
}

/** Patient.gender → the contract's sex; null for a value FHIR does not define. */
export function sexOf(gender: string): 'F' | 'M' | 'U' | null {
  switch (gender) {
    case 'female':
      return 'F';
    case 'male':
      return 'M';
    case 'other':
    case 'unknown':
      return 'U';
    default:
      return null;
  }
}

export type PayerKind = 'medicare' | 'medicaid' | 'commercial' | 'tricare' | 'workers-comp' | 'other';

/**
 * Source of Payment Typology code → payer kind. The typology is hierarchical: 1x is
 * Medicare, 2x Medicaid, 311 TRICARE, 95x workers' compensation, 5x–7x private and
 * managed care, everything else another program.
 */
export function payerKindOfPaymentTypology(code: string): PayerKind | null {
  if (!/^\d{1,5}$/.test(code)) return null;
  if (code.startsWith('1')) return 'medicare';
  if (code.startsWith('2')) return 'medicaid';
  if (code.startsWith('311')) return 'tricare';
  if (code.startsWith('95')) return 'workers-comp';
  if (/^[567]/.test(code)) return 'commercial';
  return 'other';
}

/** X12 claim filing indicator codes (SBR09) → payer kind, as the contract maps them. */
const FILING_INDICATOR_KINDS: Readonly<Record<string, PayerKind>> = {
  MA: 'medicare',
  MB: 'medicare',
  MC: 'medicaid',
  CH: 'tricare',
  WC: 'workers-comp',
  ZZ: 'other',
};
const FILING_INDICATORS: ReadonlySet<string> = new Set(['11', '12', '13', '14', '15', '16', '17', 'AM', 'BL', 'CI', 'DS', 'FI', 'HM', 'LM', 'OF', 'TV', 'VA', ...Object.keys(FILING_INDICATOR_KINDS)]);

export function payerKindOfFilingIndicator(code: string): PayerKind | null {
  const upper = code.toUpperCase();
  if (!FILING_INDICATORS.has(upper)) return null;
  return FILING_INDICATOR_KINDS[upper] ?? 'commercial';
}

/**
 * A payer's own name, when it says plainly which program it is. Medicare Advantage and
 * other managed plans carry "Medicare" in their names but are private plans with their
 * own filing rules, so a name that also says plan, HMO, PPO or Advantage decides nothing.
 */
export function payerKindOfName(name: string): PayerKind | null {
  if (/\b(advantage|hmo|ppo|plan)\b/i.test(name)) return null;
  if (/\bmedicare\b/i.test(name)) return 'medicare';
  if (/\bmedicaid\b/i.test(name)) return 'medicaid';
  if (/\btricare\b/i.test(name)) return 'tricare';
  if (/\bworkers'? ?comp/i.test(name)) return 'workers-comp';
  return null;
}

/** Claim.careTeam roles (claimcareteamrole and the CARIN extension) by the contract provider they fill, best first. */
export const RENDERING_ROLES: readonly string[] = ['rendering', 'performing', 'primary'];
export const REFERRING_ROLES: readonly string[] = ['referring'];
