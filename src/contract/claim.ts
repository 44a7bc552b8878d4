/**
 * The contract's professional claim (shared/contracts/claim-json.md §1), typed once. The
 * JSON Schema in `schemas/`, the field reference in `docs/contract.md` and the OpenAPI
 * description are all generated from this schema, and the 837 and FHIR readers build values
 * of its type. Values are typed, not judged: a claim whose NPI fails its check digit or
 * whose total does not add up is still a claim, and the rules say what is wrong with it.
 * Most fields may be null or absent for the same reason: a missing value is a finding.
 * Objects are loose, so a sender's extensions pass through.
 */
import { z } from 'zod';

/**
 * A field that may be missing or null: what is missing is for the rules to report. The text
 * goes on the field itself (not inside its null alternative), where editors and the field
 * reference look for it.
 */
const maybe = <T extends z.ZodType>(schema: T, description?: string) => {
  const field = schema.nullable().optional();
  return description === undefined ? field : field.describe(description);
};

const date = (what: string) => maybe(z.string(), `${what}, written YYYY-MM-DD`);

export const AddressSchema = z
  .looseObject({
    line1: maybe(z.string(), 'street line'),
    line2: maybe(z.string(), 'a second street line (suite, unit) when the source has one; not in the contract, kept beside line1 (N302)'),
    city: maybe(z.string(), 'city (N401)'),
    state: maybe(z.string(), 'two-letter state or territory code (N402)'),
    zip: maybe(z.string(), 'ZIP code, 5 or 9 digits (N403)'),
  })
  .meta({ id: 'Address', description: 'a postal address (N3/N4)' });

const personFields = {
  firstName: maybe(z.string(), 'first (given) name (NM104)'),
  lastName: maybe(z.string(), 'last (family) name, or an organisation name (NM103)'),
  birthDate: date('date of birth (DMG02)'),
  sex: maybe(z.string(), 'F, M or U (DMG03)'),
  address: maybe(AddressSchema),
};

export const PayerSchema = z
  .looseObject({
    id: maybe(z.string(), 'the payer identifier (2010BB NM109)'),
    name: maybe(z.string(), "the payer's name (2010BB NM103)"),
    kind: maybe(
      z.string(),
      'medicare, medicaid, commercial, tricare, workers-comp or other; from the claim filing indicator SBR09 (MA/MB medicare, MC medicaid, CH tricare, WC workers-comp, ZZ other, the rest commercial)',
    ),
  })
  .meta({ id: 'Payer', description: 'who pays the claim' });

export const SubscriberSchema = z
  .looseObject({
    memberId: maybe(z.string(), "the insurer's member ID of the insured person (2010BA NM109)"),
    groupNumber: maybe(z.string(), 'the group or plan number (SBR03)'),
    ...personFields,
  })
  .meta({ id: 'Subscriber', description: 'the insured person (2010BA NM1*IL, DMG, N3/N4)' });

export const PatientSchema = z
  .looseObject({
    relationship: maybe(z.string(), "self when the patient is the subscriber; otherwise spouse, child or other (PAT01)"),
    ...personFields,
  })
  .meta({ id: 'Patient', description: "the patient: only { relationship: self } when the patient is the subscriber, else the patient's own details (2000C PAT, 2010CA)" });

export const BillingProviderSchema = z
  .looseObject({
    npi: maybe(z.string(), '10-digit NPI, Luhn check digit over prefix 80840 (NM109)'),
    taxId: maybe(z.string(), "the employer identification number, 9 digits (REF*EI)"),
    name: maybe(z.string(), 'the practice or organisation name (NM103)'),
    taxonomy: maybe(z.string(), 'the provider taxonomy code (PRV*BI PRV03)'),
    address: maybe(AddressSchema),
  })
  .meta({ id: 'BillingProvider', description: 'who bills the claim (2010AA NM1*85)' });

export const ProviderSchema = z
  .looseObject({
    npi: maybe(z.string(), '10-digit NPI (NM109)'),
    firstName: maybe(z.string(), 'first name (NM104)'),
    lastName: maybe(z.string(), 'last name, or the organisation name (NM103)'),
  })
  .meta({ id: 'Provider', description: 'a rendering or referring provider named on the claim' });

export const ClaimLineSchema = z
  .looseObject({
    serviceDate: date('date of service (DTP*472, D8, or the start of RD8)'),
    serviceDateEnd: date('the end of a range of service dates, or null (DTP*472 RD8)'),
    procedureCode: maybe(z.string(), 'CPT or HCPCS Level II code (SV101-2)'),
    modifiers: maybe(z.array(z.string().nullable()), 'up to 4 two-character procedure modifiers (SV101-3 to SV101-6)'),
    diagnosisPointers: maybe(z.array(z.number()), "1-based indexes into the claim's diagnoses, 1 to 4 of them (SV107)"),
    units: maybe(z.number(), 'service units (SV104)'),
    charge: maybe(z.number(), 'the line charge (SV102)'),
    placeOfService: maybe(z.string(), "place of service of this line when it differs from the claim's (SV105)"),
    renderingProviderNpi: maybe(z.string(), "NPI of this line's rendering provider when it differs from the claim's (2420A NM109)"),
    ndc: maybe(z.string(), 'National Drug Code of a drug billed on the line (LIN03)'),
  })
  .meta({ id: 'ClaimLine', description: 'one service line, numbered from 1 in the order given' });

export const ClaimSchema = z
  .looseObject({
    claimId: maybe(z.string(), "the biller's claim number, the patient control number (CLM01)"),
    type: maybe(z.string(), 'professional; institutional is reserved (transaction 837P or 837I)'),
    frequency: maybe(z.string(), 'claim frequency: 1 original, 7 replacement, 8 void (CLM05-3)'),
    originalClaimId: maybe(
      z.string(),
      "the payer's claim control number of the claim replaced or voided; required when frequency is 7 or 8 (2300 REF*F8)",
    ),
    submissionDate: date('the day the claim is sent; absent means the scrub date (BHT04)'),
    payer: maybe(PayerSchema, 'who pays the claim (2010BB, SBR09)'),
    subscriber: maybe(SubscriberSchema, 'the insured person (2010BA)'),
    patient: maybe(PatientSchema, 'the patient (2000C, 2010CA)'),
    billingProvider: maybe(BillingProviderSchema, 'who bills the claim (2010AA)'),
    renderingProvider: maybe(ProviderSchema, 'the rendering provider, or null when it is the billing provider (2310B NM1*82)'),
    referringProvider: maybe(ProviderSchema, 'the referring provider, or null (2310A NM1*DN)'),
    placeOfService: maybe(z.string(), 'CMS two-digit place of service code of the claim (CLM05-1)'),
    priorAuthorization: maybe(z.string(), 'the prior authorization number, or null (REF*G1)'),
    diagnoses: maybe(
      z.array(z.string().nullable()),
      'ICD-10-CM codes in order, the first the principal one; with or without the dot (E119 = E11.9); at most 12 (HI)',
    ),
    lines: z.array(ClaimLineSchema).describe('the service lines (loop 2400)'),
    totalCharge: maybe(z.number(), 'the claim total, equal to the sum of the line charges (CLM02)'),
    diagnosisCodeSet: maybe(
      z.string(),
      'icd10, or icd9 when the diagnoses are ICD-9 codes (HI*BK/BF); not in the contract, absent means icd10',
    ),
  })
  .meta({ id: 'Claim', title: 'Claim', description: 'One professional claim (CMS-1500 / X12 837P) in the canonical JSON form' });

/** A claim in the contract's shape: what the 837 and FHIR readers build, and a well-formed JSON claim. */
export type Claim = z.infer<typeof ClaimSchema>;
export type ClaimLine = z.infer<typeof ClaimLineSchema>;
export type Address = z.infer<typeof AddressSchema>;

/**
 * A claim as it passes between modules before it is normalised: an object with a `lines`
 * array (which `asClaimObject` insists on) whose fields are untrusted. The contract's field
 * names are listed so that a misspelt read is a type error, but their values are unknown:
 * only `src/claim/normalize.ts` reads them, turning values of the wrong type into null.
 */
export type ClaimInput = { [K in Exclude<keyof typeof ClaimSchema.shape, 'lines'>]?: unknown } & {
  lines: unknown[];
  [key: string]: unknown;
};
