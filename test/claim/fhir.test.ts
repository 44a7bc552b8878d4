import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFhirClaims } from '../../src/claim/fhir/index.js';
import type { ClaimFromFile } from '../../src/claim/source.js';
import { ScrubjayError } from '../../src/errors.js';
import { loadPreparedRuleSet } from '../../src/ruleset/load-prepared.js';
import type { PreparedRuleSet } from '../../src/engine/prepare.js';
import { scrubClaim } from '../../src/engine/scrub.js';
import { resultSchema } from '../support/contract.js';
import { FIXTURES_DIR, REPO_ROOT, RULES_DIR } from '../support/paths.js';
import type { ClaimInput } from '../../src/contract/claim.js';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'fhir');
const CARIN = join(FIXTURES_DIR, 'fhir', 'carin-bb');

const fixture = (name: string): Record<string, any> => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
const carin = (name: string): Record<string, any> => JSON.parse(readFileSync(join(CARIN, name), 'utf8'));

function only(records: ClaimFromFile[]): ClaimFromFile {
  expect(records).toHaveLength(1);
  return records[0] as ClaimFromFile;
}

const CONTAINED_CLAIM = {
  claimId: 'PCN-2001',
  type: 'professional',
  frequency: '1',
  originalClaimId: null,
  submissionDate: '2026-11-20',
  payer: { id: '60054', name: 'Aetna', kind: 'commercial' },
  subscriber: {
    memberId: 'W123456789',
    groupNumber: 'G-7781',
    firstName: 'Ana',
    lastName: 'Diaz',
    birthDate: '1984-03-14',
    sex: 'F',
    address: { line1: '12 Elm St', city: 'Austin', state: 'TX', zip: '78702' },
  },
  patient: {
    relationship: 'child',
    firstName: 'Mia',
    lastName: 'Diaz',
    birthDate: '2015-06-02',
    sex: 'F',
    address: { line1: '12 Elm St', city: 'Austin', state: 'TX', zip: '78701' },
  },
  billingProvider: {
    npi: '1234567893',
    taxId: '741234567',
    name: 'Hill Country Clinic',
    taxonomy: '207Q00000X',
    address: { line1: '400 Main St', city: 'Austin', state: 'TX', zip: '78701' },
  },
  renderingProvider: { npi: '1245319599', firstName: 'Lee', lastName: 'Park' },
  referringProvider: { npi: '1003000126', firstName: 'Sam', lastName: 'Ortiz' },
  placeOfService: '11',
  priorAuthorization: 'PA-55321',
  diagnoses: ['E11.9', 'I10', 'Z79.4'],
  lines: [
    {
      serviceDate: '2026-10-01',
      serviceDateEnd: null,
      procedureCode: '99214',
      modifiers: ['25'],
      diagnosisPointers: [1, 2],
      units: 1,
      charge: 150,
      placeOfService: null,
      renderingProviderNpi: null,
      ndc: null,
    },
    {
      serviceDate: '2026-10-01',
      serviceDateEnd: '2026-10-03',
      procedureCode: 'J1100',
      modifiers: [],
      diagnosisPointers: [1],
      units: 3,
      charge: 37.5,
      placeOfService: null,
      renderingProviderNpi: '1972635480',
      ndc: '63323016501',
    },
    {
      serviceDate: '2026-10-01',
      serviceDateEnd: null,
      procedureCode: '36415',
      modifiers: [],
      diagnosisPointers: [3],
      units: 1,
      charge: 15,
      placeOfService: '22',
      renderingProviderNpi: null,
      ndc: null,
    },
  ],
  totalCharge: 202.5,
  diagnosisCodeSet: 'icd10',
};

const BUNDLE_SUBSCRIBER = {
  memberId: '1EG4TE5MK73',
  groupNumber: 'G123',
  firstName: 'Omar',
  lastName: 'Smith',
  birthDate: '1950-03-14',
  sex: 'M',
  address: { line1: '77 Oak Ave', city: 'Round Rock', state: 'TX', zip: '78664' },
};
const KHAN = {
  npi: '1972635480',
  taxId: '741234567',
  name: 'Noah Khan',
  taxonomy: '225100000X',
  address: { line1: '9 Congress Ave', city: 'Austin', state: 'TX', zip: '78701' },
};
const MEDICARE = { id: '00431', name: 'Medicare Part B', kind: 'medicare' };

const BUNDLE_CLAIMS = [
  {
    claimId: 'PCN-3001',
    type: 'professional',
    frequency: '1',
    originalClaimId: null,
    submissionDate: '2026-11-18',
    payer: MEDICARE,
    subscriber: BUNDLE_SUBSCRIBER,
    patient: { relationship: 'self' },
    billingProvider: KHAN,
    renderingProvider: null,
    referringProvider: null,
    placeOfService: '11',
    priorAuthorization: 'AUTH-9',
    diagnoses: ['M54.50'],
    lines: [
      {
        serviceDate: '2026-11-02',
        serviceDateEnd: null,
        procedureCode: '97110',
        modifiers: ['GP'],
        diagnosisPointers: [1],
        units: 2,
        charge: 90,
        placeOfService: null,
        renderingProviderNpi: null,
        ndc: null,
      },
      {
        serviceDate: '2026-11-02',
        serviceDateEnd: null,
        procedureCode: '97140',
        modifiers: ['GP', '59'],
        diagnosisPointers: [1],
        units: 1,
        charge: 60,
        placeOfService: null,
        renderingProviderNpi: null,
        ndc: null,
      },
    ],
    totalCharge: 150,
    diagnosisCodeSet: 'icd10',
  },
  {
    claimId: 'PCN-3002',
    type: 'professional',
    frequency: '7',
    originalClaimId: '22001234567',
    submissionDate: '2026-11-19',
    payer: MEDICARE,
    subscriber: BUNDLE_SUBSCRIBER,
    patient: { relationship: 'self' },
    billingProvider: KHAN,
    renderingProvider: null,
    referringProvider: null,
    placeOfService: '11',
    priorAuthorization: 'AUTH-10',
    diagnoses: ['M54.50'],
    lines: [
      {
        serviceDate: '2026-11-09',
        serviceDateEnd: null,
        procedureCode: '97110',
        modifiers: [],
        diagnosisPointers: [1],
        units: 3,
        charge: 135,
        placeOfService: null,
        renderingProviderNpi: null,
        ndc: null,
      },
    ],
    totalCharge: 135,
    diagnosisCodeSet: 'icd10',
  },
];

describe('a FHIR Claim with its resources contained', () => {
  it('maps to the contract claim field for field', () => {
    const record = only(readFhirClaims(fixture('claim-contained.json'), 'claim-contained.json'));
    expect(record).toMatchObject({ format: 'fhir', file: 'claim-contained.json', index: 0, problems: [] });
    expect(record.claim).toEqual(CONTAINED_CLAIM);
  });

  it('locates each contract field at the FHIR element it was read from', () => {
    const { locate } = only(readFhirClaims(fixture('claim-contained.json'), 'f.json'));
    const expected: Record<string, string> = {
      claimId: 'Claim.identifier[0].value',
      submissionDate: 'Claim.created',
      'payer.id': 'Claim.insurer.resolve().identifier[0].value',
      'payer.kind': 'Claim.insurance[1].coverage.resolve().type.coding[0].code',
      'subscriber.memberId': 'Claim.insurance[1].coverage.resolve().subscriberId',
      'subscriber.groupNumber': 'Claim.insurance[1].coverage.resolve().class[1].value',
      'subscriber.birthDate': 'Claim.insurance[1].coverage.resolve().subscriber.resolve().birthDate',
      'patient.relationship': 'Claim.insurance[1].coverage.resolve().relationship',
      'patient.sex': 'Claim.patient.resolve().gender',
      'patient.address.zip': 'Claim.patient.resolve().address[1].postalCode',
      'billingProvider.npi': 'Claim.provider.resolve().organization.resolve().identifier[0].value',
      'billingProvider.taxId': 'Claim.provider.resolve().organization.resolve().identifier[1].value',
      'billingProvider.taxonomy': 'Claim.provider.resolve().specialty[0].coding[0].code',
      'renderingProvider.npi': 'Claim.careTeam[0].provider.resolve().identifier[0].value',
      'referringProvider.lastName': 'Claim.careTeam[1].provider.resolve().name[0]',
      placeOfService: 'Claim.item[0].locationCodeableConcept.coding[0].code',
      priorAuthorization: 'Claim.insurance[1].preAuthRef[0]',
      'diagnoses[0]': 'Claim.diagnosis[1].diagnosisCodeableConcept',
      'diagnoses[2]': 'Claim.diagnosis[2].diagnosisCodeableConcept',
      'lines[1].serviceDate': 'Claim.item[1].servicedPeriod.start',
      'lines[1].serviceDateEnd': 'Claim.item[1].servicedPeriod.end',
      'lines[1].procedureCode': 'Claim.item[1].productOrService',
      'lines[0].modifiers[0]': 'Claim.item[0].modifier[0]',
      'lines[0].diagnosisPointers': 'Claim.item[0].diagnosisSequence',
      'lines[1].units': 'Claim.item[1].quantity',
      'lines[1].charge': 'Claim.item[1].unitPrice',
      'lines[2].charge': 'Claim.item[2].net',
      'lines[2].placeOfService': 'Claim.item[2].locationCodeableConcept',
      'lines[1].renderingProviderNpi': 'Claim.item[1].careTeamSequence',
      'lines[1].ndc': 'Claim.item[1].detail[0].productOrService.coding[0].code',
      totalCharge: 'Claim.total',
    };
    for (const [path, fhirPath] of Object.entries(expected)) expect(locate?.(path), path).toBe(fhirPath);
    // a path below a recorded one falls back to its nearest recorded parent; an unknown one has no place
    expect(locate?.('lines[0].modifiers[3]')).toBe('Claim.item[0].modifier');
    expect(locate?.('lines[7].units')).toBe('Claim.item');
    expect(locate?.('nothing.here')).toBeUndefined();
  });

  it('an ExplanationOfBenefit carrying the same claim data maps to the same claim', () => {
    const claim = fixture('claim-contained.json');
    const eob: Record<string, any> = { ...claim, resourceType: 'ExplanationOfBenefit', outcome: 'complete' };
    // an EOB gives submitted amounts as adjudications, and totals by category
    eob.item = claim.item.map((item: Record<string, any>) => {
      const { net, unitPrice, ...rest } = item;
      const submitted = net?.value ?? unitPrice.value * item.quantity.value;
      return { ...rest, adjudication: [{ category: { coding: [{ code: 'submitted' }] }, amount: { value: submitted, currency: 'USD' } }] };
    });
    eob.total = [
      { category: { coding: [{ code: 'benefit' }] }, amount: { value: 120, currency: 'USD' } },
      { category: { coding: [{ code: 'submitted' }] }, amount: { value: 202.5, currency: 'USD' } },
    ];
    const record = only(readFhirClaims(eob, 'eob.json'));
    expect(record.problems).toEqual([]);
    expect(record.claim).toEqual(CONTAINED_CLAIM);
    expect(record.locate?.('lines[0].charge')).toBe('ExplanationOfBenefit.item[0].adjudication[0].amount');
    expect(record.locate?.('totalCharge')).toBe('ExplanationOfBenefit.total[1].amount');
  });
});

describe('a FHIR Bundle of claims and the resources they refer to', () => {
  it('maps each Claim, resolving urn:uuid, absolute, relative, versioned and logical references', () => {
    const records = readFhirClaims(fixture('bundle-professional.json'), 'bundle.json');
    expect(records.map((r) => r.index)).toEqual([0, 1]);
    expect(records.map((r) => r.problems)).toEqual([[], []]);
    expect(records.map((r) => r.claim)).toEqual(BUNDLE_CLAIMS);
  });

  it('numbers its claims from the index it is given, for files that hold several documents', () => {
    const records = readFhirClaims(fixture('bundle-professional.json'), 'bundle.ndjson', 10);
    expect(records.map((r) => r.index)).toEqual([10, 11]);
  });

  it('locates fields read through the Bundle, the facility and the supporting information', () => {
    const [first, second] = readFhirClaims(fixture('bundle-professional.json'), 'bundle.json');
    expect(first?.locate?.('placeOfService')).toBe('Claim.facility.resolve().type[0].coding[0].code');
    expect(first?.locate?.('priorAuthorization')).toBe('Claim.supportingInfo[0]');
    expect(first?.locate?.('billingProvider.taxonomy')).toBe('Claim.provider.resolve().qualification[0].code.coding[0].code');
    expect(first?.locate?.('subscriber.firstName')).toBe('Claim.patient.resolve().name[0]');
    expect(second?.locate?.('payer.id')).toBe('Claim.insurer.identifier.value');
    expect(second?.locate?.('payer.name')).toBe('Claim.insurer.display');
    expect(second?.locate?.('originalClaimId')).toBe('Claim.related[0].reference.value');
    expect(second?.locate?.('frequency')).toBe('Claim.related[0].reference.value');
  });

  it('a claim in an array beside the resources it refers to reads them as from a Bundle', () => {
    const bundle = fixture('bundle-professional.json');
    const resources = bundle.entry.map((e: { resource: unknown }) => e.resource);
    const first = resources[0];
    // the array has no fullUrls: point the claim at its patient by type and id instead
    resources[2].id = 'smith';
    first.patient = { reference: 'Patient/smith' };
    resources[3].subscriber = { reference: 'Patient/smith' };
    first.provider = { reference: 'Practitioner/khan' };
    const records = readFhirClaims(resources, 'list.json');
    expect(records.map((r) => r.claim?.claimId)).toEqual(['PCN-3001', 'PCN-3002']);
    expect(records[0]?.claim).toEqual(BUNDLE_CLAIMS[0]);
    expect(records[0]?.problems).toEqual([]);
  });
});

describe('the CARIN Blue Button examples', () => {
  const professional = () => carin('ExplanationOfBenefit_ProfessionalEOBExample1.json');

  it('reads the professional ExplanationOfBenefit: codes, dates, lines and charges', () => {
    const { claim } = only(readFhirClaims(professional(), 'eob.json'));
    expect(claim).toMatchObject({
      claimId: 'ProfessionalEOBExample1',
      type: 'professional',
      frequency: '1',
      submissionDate: '2020-08-24',
      payer: { id: null, name: 'UPMC Health Plan', kind: null },
      placeOfService: '21',
      diagnoses: ['I70.249', 'L97.929'],
      totalCharge: 820,
      diagnosisCodeSet: 'icd10',
    });
    const lines = claim?.lines as Array<Record<string, unknown>>;
    expect(lines.map((l) => l.procedureCode)).toEqual(['75710', '75710', '75710', '37228', '37228', '37228']);
    expect(lines.map((l) => l.charge)).toEqual([68.8, -68.8, 68.8, 751.2, 751.2, -751.2]);
    expect(new Set(lines.map((l) => l.serviceDate))).toEqual(new Set(['2020-08-04']));
    // the example gives no units, pointers or line place of service of its own: they stay empty for the rules to report
    for (const line of lines) expect(line).toMatchObject({ serviceDateEnd: null, units: null, diagnosisPointers: [], placeOfService: null, modifiers: [] });
  });

  it('names every resource the lone ExplanationOfBenefit refers to but does not carry', () => {
    const { problems } = only(readFhirClaims(professional(), 'eob.json'));
    expect(problems.every((p) => p.severity === 'error' && p.code === 'fhir-reference-unresolved')).toBe(true);
    expect(problems.map((p) => p.where?.location)).toEqual([
      'ExplanationOfBenefit.insurance[0].coverage.reference',
      'ExplanationOfBenefit.insurer.reference',
      'ExplanationOfBenefit.patient.reference',
      'ExplanationOfBenefit.provider.reference',
      'ExplanationOfBenefit.careTeam[1].provider.reference',
    ]);
    expect(problems[0]?.message).toContain('Coverage/CoverageEx1');
    expect(problems.map((p) => p.where?.field)).toEqual(['subscriber.memberId', 'payer', 'subscriber', 'billingProvider', 'referringProvider']);
    expect(problems[4]?.message).toBe(
      'ExplanationOfBenefit.careTeam[1].provider refers to Practitioner/Practitioner1, which is not in the input (neither contained in ExplanationOfBenefit/ProfessionalEOBExample1 nor in a Bundle or list beside it); the NPI and name of care team member 2 could not be read',
    );
  });

  it('reads the subscriber from the example Patient and Coverage given beside it', () => {
    const record = only(readFhirClaims([professional(), carin('Patient_ExamplePatient1.json'), carin('Coverage_CoverageEx1.json')], 'eob-list.json'));
    expect(record.claim?.subscriber).toEqual({
      memberId: '888009335',
      groupNumber: 'MCHMO1',
      firstName: 'Member 01',
      lastName: 'Test',
      birthDate: '1943-01-01',
      sex: 'M',
      address: { line1: '123 Main Street', city: 'PITTSBURGH', state: 'PA', zip: '15239' },
    });
    expect(record.claim?.patient).toEqual({ relationship: 'self' });
    expect(record.locate?.('subscriber.memberId')).toBe('ExplanationOfBenefit.insurance[0].coverage.resolve().subscriberId');
    expect(record.problems.map((p) => p.where?.location)).not.toContain('ExplanationOfBenefit.patient.reference');
  });

  it.each(['ExplanationOfBenefit_InpatientEOBExample1.json', 'ExplanationOfBenefit_OutpatientEOBExample1.json'])(
    'reports the institutional %s as not yet supported, without a claim to scrub',
    (name) => {
      const record = only(readFhirClaims(carin(name), name));
      expect(record.claim).toBeNull();
      expect(record.problems).toEqual([
        expect.objectContaining({ severity: 'error', code: 'fhir-claim-type-unsupported', where: { location: 'ExplanationOfBenefit.type', field: 'type' } }),
      ]);
      expect(record.problems[0]?.message).toMatch(/institutional claims are not yet supported/);
    },
  );

  it.each([
    ['Patient_ExamplePatient1.json', 'Patient/ExamplePatient1'],
    ['Coverage_CoverageEx1.json', 'Coverage/CoverageEx1'],
  ])('refuses %s on its own: it is not a claim', (name, label) => {
    let error: unknown;
    try {
      readFhirClaims(carin(name), name);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScrubjayError);
    expect((error as ScrubjayError).code).toBe('SJ_INPUT_NOT_A_CLAIM');
    expect((error as ScrubjayError).message).toBe(
      `${name}: a FHIR ${label} resource, not a claim; expected a FHIR Claim or ExplanationOfBenefit, a Bundle of them, or an array of those`,
    );
    expect((error as ScrubjayError).location).toEqual({ file: name, claimIndex: 0 });
  });
});

describe('claims read from FHIR are scrubbed by the shipped rules', () => {
  let prepared: PreparedRuleSet;
  beforeAll(() => {
    prepared = loadPreparedRuleSet(RULES_DIR);
  });

  it('the complete fixtures pass every rule that can run without official tables', () => {
    const records = [...readFhirClaims(fixture('claim-contained.json'), 'a.json'), ...readFhirClaims(fixture('bundle-professional.json'), 'b.json')];
    for (const record of records) {
      const result = scrubClaim(record.claim as ClaimInput, prepared, { asOf: '2026-11-27' });
      expect(resultSchema.safeParse(result).success).toBe(true);
      expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    }
  });

  it('every finding on the CARIN example points back to an element of the ExplanationOfBenefit', () => {
    const record = only(readFhirClaims(carin('ExplanationOfBenefit_ProfessionalEOBExample1.json'), 'eob.json'));
    const result = scrubClaim(record.claim as ClaimInput, prepared, { asOf: '2026-11-27' });
    expect(result.status).toBe('reject');
    const located = result.findings.filter((f) => f.path !== null).map((f) => [f.path, record.locate?.(f.path as string)]);
    expect(located.length).toBeGreaterThan(0);
    for (const [path, fhirPath] of located) expect(fhirPath, String(path)).toMatch(/^ExplanationOfBenefit\./);
    expect(result.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['line-units-invalid', 'line-diagnosis-pointer-missing', 'billing-provider-npi-invalid']));
  });
});
