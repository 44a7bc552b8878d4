/**
 * The facts a rule can test, where each is available, and what its fields mean. The
 * linter checks every condition and template against this catalog, rules/README.md is
 * written from it, and a test keeps the engine's fact builder honest to it.
 */
export const SCOPES = ['claim', 'diagnosis', 'line', 'pair'] as const;
export type Scope = (typeof SCOPES)[number];

export type FieldTree = { readonly [field: string]: string | FieldTree };

const ADDRESS: FieldTree = { line1: 'street line', city: 'city', state: 'two-letter state', zip: 'ZIP code as written' };
const PERSON: FieldTree = {
  firstName: 'first name',
  lastName: 'last name',
  birthDate: 'birth date as written',
  sex: 'F, M or U as written (upper-case)',
  address: ADDRESS,
};
const PROVIDER: FieldTree = { present: 'true when the provider object is on the claim', npi: 'NPI as written', firstName: 'first name', lastName: 'last name' };

export const LINE_FIELDS: FieldTree = {
  number: 'line number, from 1',
  index: 'line index, from 0',
  serviceDate: 'date of service ("from" date) as written',
  serviceDateEnd: '"to" date of a range, or null',
  procedureCode: 'CPT or HCPCS code, upper-case',
  modifiers: 'list of modifiers, upper-case',
  modifierCount: 'how many modifiers',
  diagnosisPointers: 'diagnosis pointers as written',
  pointerCount: 'how many diagnosis pointers',
  invalidPointers: 'pointers that do not name one of the claim\'s diagnoses',
  units: 'service units (number) or null',
  charge: 'line charge (number) or null',
  placeOfService: 'line-level place of service, or null',
  renderingProviderNpi: 'line-level rendering NPI, or null',
  ndc: 'national drug code, or null',
  sameDayUnitsOfCode: 'units of this procedure code summed over every line with the same date of service',
  sameDayLinesOfCode: 'numbers of the lines with this procedure code and date of service (this one included)',
  firstSameDayLineOfCode: 'true for the first of those lines',
  raw: 'the line exactly as received (for quoting in messages only)',
};

export const CLAIM_FIELDS: FieldTree = {
  claimId: 'claim number (CLM01)',
  type: 'professional or institutional',
  frequency: 'claim frequency code: 1 original, 7 replacement, 8 void',
  originalClaimId: 'payer claim number being replaced or voided',
  submissionDate: 'date the claim is sent, as written',
  payer: { id: 'payer id', name: 'payer name', kind: 'medicare, medicaid, commercial, tricare, workers-comp or other (lower-case)' },
  subscriber: { ...PERSON, memberId: 'member id', groupNumber: 'group number' },
  patient: { ...PERSON, relationship: 'self, spouse, child or other (lower-case)', isSubscriber: 'true when the patient is the subscriber' },
  billingProvider: { npi: 'billing NPI as written', taxId: 'tax id as written', name: 'organisation or person name', taxonomy: 'taxonomy code', address: ADDRESS },
  renderingProvider: PROVIDER,
  referringProvider: PROVIDER,
  placeOfService: 'claim place of service as written',
  priorAuthorization: 'prior authorization number',
  diagnoses: 'list of ICD-10-CM codes, upper-case',
  diagnosisCount: 'how many diagnoses',
  diagnosisCodeSet: 'icd10, or icd9 when the claim says its diagnoses are ICD-9 (an 837 HI with BK/BF qualifiers)',
  lastServiceDate: 'the latest valid date of service on the lines, or null',
  lines: 'the service lines (use a line or pair rule to test lines)',
  lineCount: 'how many service lines',
  totalCharge: 'claim total charge (number) or null',
  lineChargeTotal: 'sum of the valid line charges',
  totalChargeMatchesLines: 'true when the total equals the sum of line charges to the cent',
  raw: 'the claim exactly as received (for quoting in messages only)',
};

const VERSION_FIELDS: FieldTree = {
  loaded: 'true when a version of the table is loaded',
  version: 'label of the version used, e.g. "ICD-10-CM FY2026"',
  outOfRange: 'true when no loaded version is in force on the date and the oldest was used',
};

export interface FactDefinition {
  scopes: readonly Scope[];
  description: string;
  fields: FieldTree;
}

export const FACTS: Readonly<Record<string, FactDefinition>> = {
  claim: { scopes: SCOPES, description: 'the whole claim, normalised', fields: CLAIM_FIELDS },
  context: {
    scopes: SCOPES,
    description: 'the scrub itself',
    fields: {
      asOf: 'the date the scrub is run as (--as-of, default today)',
      filingDate: 'the date the claim is treated as filed: its submission date, else the as-of date',
      filingDateSource: 'submissionDate or asOf',
    },
  },
  diagnosis: {
    scopes: ['diagnosis'],
    description:
      'one entry of the claim\'s diagnosis list, judged on the date of service of each line that points to it (lines that get the same answer are judged together and a finding names the first of them); a diagnosis no line points to is judged on the claim\'s earliest date of service',
    fields: {
      position: 'position in the list, from 1',
      code: 'the code as written (upper-case)',
      codeWithoutDot: 'the code with its dot removed',
      codeSet: 'the claim\'s diagnosis code set: icd10 or icd9',
      raw: 'the entry as received',
      serviceDate: 'the date the diagnosis is judged on: the first judged line\'s date of service, else the claim\'s earliest date of service (the filing date when no line has a valid one)',
      dateSource: 'line when that date is the line\'s own, claim when it is the claim\'s (no line points to the diagnosis, or the line has no valid date of service)',
      lines: 'numbers of the lines judged together (they point to the diagnosis and get the same answer); empty when no line points to it',
      judgedOn: 'that date in words, e.g. "the date of service of line 2 (2025-10-01)"',
    },
  },
  line: { scopes: ['line'], description: 'one service line', fields: LINE_FIELDS },
  patient: {
    scopes: ['diagnosis', 'line'],
    description: 'the patient on the line\'s date of service, or for a diagnosis on the date it is judged on (diagnosis.serviceDate) (the subscriber when the relationship is self)',
    fields: { ageYears: 'whole years of age on the date of service, or null', sex: 'F, M, U or null', birthDate: 'birth date as written', isSubscriber: 'true when the patient is the subscriber' },
  },
  filing: {
    scopes: ['line'],
    description: 'the timely-filing window for this line under the payer profile',
    fields: {
      profileId: 'payer profile id (rules/payers)',
      profileName: 'payer profile name',
      limit: 'the filing limit in words',
      filingDate: 'the date the claim is treated as filed',
      filingDateSource: 'submissionDate or asOf',
      serviceDate: 'the line\'s from date',
      deadline: 'last timely filing date, or null without a valid date of service',
      daysRemaining: 'days from the filing date to the deadline; negative when late',
      daysLate: 'days past the deadline (0 when timely)',
      daysSinceService: 'days from the date of service to the filing date; negative when the service is later',
    },
  },
  reference: {
    scopes: ['claim'],
    description: 'which official tables the claim is checked against',
    fields: {
      notLoaded: 'names of the tables a check needs that are not loaded (NCCI and MUE only when the payer profile applies them)',
      outOfRange: 'versions used for a date of service before any loaded version, in words',
      versions: 'labels of the versions used',
    },
  },
  pos: {
    scopes: ['claim', 'line'],
    description: 'the place of service code (the claim\'s, or in a line rule the line\'s own) in the loaded place-of-service table',
    fields: { ...VERSION_FIELDS, found: 'true when the code is in the table', name: 'the code\'s name' },
  },
  icd10: {
    scopes: ['diagnosis'],
    description: 'the diagnosis in the ICD-10-CM code set in force on the date it is judged on (diagnosis.serviceDate)',
    fields: { ...VERSION_FIELDS, found: 'true when the code is in the code set', billable: 'true when it is a valid (billable) code, false for a header that needs more characters', title: 'the code\'s title' },
  },
  mce: {
    scopes: ['diagnosis'],
    description: 'the diagnosis in the Medicare Code Editor age, sex and manifestation lists in force on the date it is judged on (diagnosis.serviceDate)',
    fields: {
      ...VERSION_FIELDS,
      found: 'true when the code is on any of the lists',
      ages: 'age groups the code is limited to: newborn (0), pediatric (0-17), maternity (9-64), adult (15-124)',
      sex: 'female or male when the code is limited to one sex, else null',
      manifestation: 'true when the code may not be the first-listed diagnosis',
    },
  },
  hcpcs: {
    scopes: ['line'],
    description: 'the line\'s procedure code and modifiers in the HCPCS Level II code set in force on its date of service (CPT codes and the two-digit CPT modifiers are not in it)',
    fields: {
      ...VERSION_FIELDS,
      found: 'true when the procedure code is a HCPCS Level II code of the set',
      title: 'the code\'s short title',
      terminated: 'the last date the code may be used, or null',
      unknownModifiers: 'the line\'s Level II (not two-digit) modifiers that are not in the set',
    },
  },
  mue: {
    scopes: ['line'],
    description: 'the Medically Unlikely Edit of the line\'s procedure code in force on its date of service',
    fields: {
      ...VERSION_FIELDS,
      appliesToPayer: 'true when the payer profile applies MUEs',
      found: 'true when the code has an MUE',
      limit: 'the MUE: most units of service per line (MAI 1) or per date of service (MAI 2 and 3)',
      mai: 'MUE adjudication indicator: 1 line edit, 2 date-of-service policy edit, 3 date-of-service clinical edit',
      rationale: 'CMS\'s rationale for the value',
    },
  },
  pfs: {
    scopes: ['line'],
    description: 'the Medicare Physician Fee Schedule payment indicators of the line\'s procedure code in the relative value file in force on its date of service (the 26, TC or 53 row when the line carries that modifier and the file lists it)',
    fields: {
      ...VERSION_FIELDS,
      appliesToPayer: 'true when the payer profile applies the fee schedule indicators',
      found: 'true when the code is in the file',
      modifier: 'the row used: "" for the code itself, or 26, TC or 53; null when not found',
      status: 'status code: A active, R restricted, T paid only without other services, C carrier priced, B bundled, P bundled or excluded, E excluded by regulation, I not valid for Medicare, N non-covered, X statutory exclusion, M measurement code, J anesthesia, ...',
      pctc: 'PC/TC indicator 0-9: 0 physician service (no 26/TC), 1 diagnostic test with both components, 2 professional component only, 3 technical component only, 4 global test only, 5 incident to, 6 lab physician interpretation, 7 physical therapy, 8 physician interpretation, 9 does not apply',
      globalDays: 'global surgery days: 000, 010, 090, MMM (maternity), XXX (does not apply), YYY (carrier sets), ZZZ (part of another service\'s global period)',
      multipleProcedure: 'multiple procedure indicator 0-9 (0 no reduction, 2 standard reduction, 3 endoscopic family, 4 imaging, ..., 9 does not apply)',
      bilateral: 'bilateral surgery indicator: 0 no 150% adjustment (modifier 50 not allowed), 1 150% with 50, 2 already bilateral, 3 each side paid in full, 9 does not apply',
      assistant: 'assistant at surgery indicator: 0 paid only with documentation of medical necessity, 1 not paid, 2 paid, 9 does not apply',
      coSurgeons: 'co-surgeon indicator: 0 not permitted, 1 with documentation, 2 permitted, 9 does not apply',
      team: 'team surgery indicator: 0 not permitted, 1 with documentation, 2 permitted, 9 does not apply',
      endoscopicBase: 'the endoscopic base code, or null',
    },
  },
  addOn: {
    scopes: ['line'],
    description: 'the NCCI add-on code edits of the line\'s procedure code in force on its date of service, and the primaries on the claim',
    fields: {
      ...VERSION_FIELDS,
      appliesToPayer: 'true when the payer profile applies the add-on code edits',
      found: 'true when the code is an add-on code with an edit in force',
      type: 'edit type: 1 only the listed primaries, 2 the contractor defines the primaries (none listed), 3 the listed primaries and others the contractor may allow; null when not an add-on code',
      primaries: 'the primary codes the edits list (none for type 2)',
      primaryOnClaim: 'true when another line with the same date of service has a listed primary code',
      primaryLines: 'numbers of those lines',
      otherLinesSameDay: 'how many other lines have the same date of service',
    },
  },
  ptp: {
    scopes: ['pair'],
    description: 'the NCCI procedure-to-procedure edit between the two lines, when they share a date of service',
    fields: {
      ...VERSION_FIELDS,
      appliesToPayer: 'true when the payer profile applies NCCI PTP edits',
      found: 'true when the two codes form an edit pair',
      inForce: 'true when the edit is in force on the date of service (between its effective and deletion dates)',
      column1: LINE_FIELDS,
      column2: LINE_FIELDS,
      modifierIndicator: '0 no modifier allowed, 1 an NCCI-associated modifier allows both, 9 the edit does not apply',
      rationale: 'CMS\'s rationale for the edit',
      effective: 'the edit\'s effective date, when the table gives one',
      deleted: 'the edit\'s deletion date (last day in force), or null',
    },
  },
  history: {
    scopes: ['line'],
    description:
      "the patient's services on their other claims (same payer member id, birth date and billing provider), on or before the line's date of service, newest first: from the store (the service, `check --history`) or a rule test's `history:`. A claim scrubbed again is not its own history; a voided claim is none",
    fields: {
      available: 'true when the scrub had a claim history to look in (false: history edits cannot judge the line)',
      earlier: {
        claimId: 'the earlier claim\'s id',
        line: 'its line number',
        procedureCode: 'its procedure code',
        modifiers: 'its modifiers',
        serviceDate: 'its date of service',
        serviceDateEnd: 'its "to" date, or null',
        renderingNpi: 'its rendering NPI',
        frequency: 'its claim frequency code',
        daysBefore: 'days from it to this line (0: the same day)',
        fullMonthsBefore: 'whole calendar months between its month and this line\'s month',
        sameProvider: 'true when its rendering provider is this line\'s',
        globalDays: 'its global surgery days in the fee schedule in force on its own date (000, 010, 090, XXX, ...), or null when no fee schedule covers it',
      },
      earlierCount: 'how many earlier services',
      duplicates: 'earlier claims\' lines exactly like this one (code, dates, modifiers in any order, rendering provider), as "claim C-1 line 2"',
      duplicateCount: 'how many of those',
      postOperativeOf: 'earlier procedures by the same rendering provider whose post-operative period holds this line\'s date (1-90 days after a 090-day procedure, 1-10 after a 010-day one, by the fee schedule in force on the procedure\'s own date), as "claim C-1 line 2 (27447 on 2026-01-21)"',
      postOperativeCount: 'how many of those',
    },
  },
  globalSurgery: {
    scopes: ['line'],
    description:
      'the procedures on the same claim, by the same rendering provider (the line\'s, else the claim\'s), whose global surgery period holds the line\'s date, by their fee schedule global days on their own dates (the E/M side of Pub. 100-04 ch.12 §40; earlier claims\' procedures are in history.earlier)',
    fields: {
      majorLines: 'numbers of other lines with a 090-day procedure on this line\'s date or the day after (the visit is pre-operative unless it decided the surgery: modifier 57)',
      minorLines: 'numbers of other lines with a 000- or 010-day procedure on this line\'s date (the visit is part of it unless separately identifiable: modifier 25)',
      postOperativeLines: 'numbers of other lines whose post-operative period holds this line\'s date: 1-90 days after a 090-day procedure, 1-10 after a 010-day one',
    },
  },
  pair: {
    scopes: ['pair'],
    description: 'two lines of the claim (every pair once, the earlier line first); a finding is reported on the second',
    fields: {
      first: LINE_FIELDS,
      second: LINE_FIELDS,
      sameServiceDate: 'true when both lines have the same valid from date',
      identical: 'same procedure code, same from and to dates, same modifiers in any order',
    },
  },
};

export function factsInScope(scope: Scope): string[] {
  return Object.entries(FACTS)
    .filter(([, def]) => def.scopes.includes(scope))
    .map(([name]) => name);
}
