import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FHIR_PROBLEMS, isFhirResource, readFhirClaims } from '../../src/claim/fhir/index.js';
import type { ClaimFromFile, InputProblem } from '../../src/claim/source.js';
import { ScrubjayError } from '../../src/errors.js';
import { REPO_ROOT } from '../support/paths.js';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'fhir');
const fixture = (name: string): Record<string, any> => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
const claimFixture = () => fixture('claim-contained.json');

function readOne(value: unknown): ClaimFromFile {
  const records = readFhirClaims(value, 'in.json');
  expect(records).toHaveLength(1);
  return records[0] as ClaimFromFile;
}

function problemAt(record: ClaimFromFile, location: string): InputProblem {
  const found = record.problems.find((p) => p.where?.location === location);
  expect(found, `a problem at ${location}; got ${JSON.stringify(record.problems)}`).toBeDefined();
  return found as InputProblem;
}

function refusal(value: unknown): ScrubjayError {
  try {
    readFhirClaims(value, 'in.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ScrubjayError);
    return error as ScrubjayError;
  }
  throw new Error('expected the input to be refused');
}

describe('malformed claims are read as far as they go, with problems naming the FHIR element', () => {
  it('a claim without items has no lines, and says so', () => {
    const claim = claimFixture();
    delete claim.item;
    const record = readOne(claim);
    expect(record.claim?.lines).toEqual([]);
    expect(problemAt(record, 'Claim.item')).toMatchObject({ severity: 'error', code: 'fhir-missing-element', where: { field: 'lines' } });
    expect(record.claim?.diagnoses).toEqual(['E11.9', 'I10', 'Z79.4']);
  });

  it('items that are not a list, or an item that is not an object, are reported; line numbers stay those of the items', () => {
    const notAList = claimFixture();
    notAList.item = { sequence: 1 };
    expect(problemAt(readOne(notAList), 'Claim.item')).toMatchObject({ code: 'fhir-wrong-type', severity: 'error' });

    const oneBad = claimFixture();
    oneBad.item[1] = 'J1100 x3';
    const record = readOne(oneBad);
    const lines = record.claim?.lines as Array<Record<string, unknown>>;
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatchObject({ procedureCode: null, serviceDate: null, charge: null, units: null });
    expect(lines[2]).toMatchObject({ procedureCode: '36415' });
    expect(problemAt(record, 'Claim.item[1]')).toMatchObject({ code: 'fhir-wrong-type', where: { field: 'lines[1]' } });
    expect(record.locate?.('lines[1].procedureCode')).toBe('Claim.item[1]');
  });

  it('a procedure coded in another system is not taken as CPT; one with no system is read with a warning', () => {
    const claim = claimFixture();
    claim.item[0].productOrService = { coding: [{ system: 'http://snomed.info/sct', code: '185349003' }] };
    claim.item[2].productOrService = { coding: [{ code: '36415' }] };
    claim.item[1].productOrService = { text: 'B12 injection' };
    const record = readOne(claim);
    const lines = record.claim?.lines as Array<Record<string, unknown>>;
    expect(lines.map((l) => l.procedureCode)).toEqual([null, null, '36415']);
    expect(problemAt(record, 'Claim.item[0].productOrService.coding[0].code')).toMatchObject({
      severity: 'error',
      code: 'fhir-code-system',
      where: { field: 'lines[0].procedureCode' },
      message: 'Claim.item[0].productOrService.coding[0].code is 185349003 from http://snomed.info/sct, not a CPT or HCPCS code',
    });
    expect(problemAt(record, 'Claim.item[1].productOrService')).toMatchObject({ severity: 'error', code: 'fhir-missing-element' });
    expect(problemAt(record, 'Claim.item[2].productOrService.coding[0].code')).toMatchObject({ severity: 'warning', code: 'fhir-code-system' });
  });

  it('a diagnosis pointer to a sequence the claim lacks is an error and is left out', () => {
    const claim = claimFixture();
    claim.item[0].diagnosisSequence = [1, 9, 'two'];
    const record = readOne(claim);
    expect((record.claim?.lines as Array<Record<string, unknown>>)[0]?.diagnosisPointers).toEqual([1]);
    expect(problemAt(record, 'Claim.item[0].diagnosisSequence[1]')).toMatchObject({ code: 'fhir-sequence-unmatched', where: { field: 'lines[0].diagnosisPointers' } });
    expect(problemAt(record, 'Claim.item[0].diagnosisSequence[2]')).toMatchObject({ code: 'fhir-wrong-type' });
  });

  it('a diagnosis coded outside ICD-10-CM stays in its place as empty, so pointers keep their meaning', () => {
    const claim = claimFixture();
    claim.diagnosis[0].diagnosisCodeableConcept = { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'I10' }] };
    const record = readOne(claim);
    expect(record.claim?.diagnoses).toEqual(['E11.9', null, 'Z79.4']);
    expect(problemAt(record, 'Claim.diagnosis[0].diagnosisCodeableConcept.coding[0].code')).toMatchObject({ code: 'fhir-code-system', where: { field: 'diagnoses[1]' } });
  });

  it('ICD-9-CM diagnoses are read and marked, as the X12 reader marks HI*BK', () => {
    const claim = claimFixture();
    claim.diagnosis[1].diagnosisCodeableConcept = { coding: [{ system: 'http://hl7.org/fhir/sid/icd-9-cm', code: '250.00' }] };
    const record = readOne(claim);
    expect(record.claim?.diagnoses).toEqual(['250.00', 'I10', 'Z79.4']);
    expect(record.claim?.diagnosisCodeSet).toBe('icd9');
  });

  it('a dangling reference is one problem per resource, however often it is referred to', () => {
    const claim = claimFixture();
    claim.contained = claim.contained.filter((r: { id: string }) => r.id !== 'park' && r.id !== 'coverage');
    claim.item[2].careTeamSequence = [1];
    const record = readOne(claim);
    const unresolved = record.problems.filter((p) => p.code === 'fhir-reference-unresolved');
    expect(unresolved.map((p) => p.where?.location)).toEqual(['Claim.insurance[1].coverage.reference', 'Claim.careTeam[0].provider.reference']);
    expect(unresolved[0]?.message).toBe(
      "Claim.insurance[1].coverage refers to #coverage, which is not in the input (not contained in Claim/claim-contained-1); the member id, group number and the patient's relationship to the subscriber could not be read",
    );
    // the rendering provider is there, but nothing could be read of it
    expect(record.claim?.renderingProvider).toEqual({ npi: null, firstName: null, lastName: null });
    expect(record.locate?.('renderingProvider.npi')).toBe('Claim.careTeam[0].provider');
    // without the Coverage the patient is taken as the subscriber, and that is said
    expect(record.claim?.patient).toEqual({ relationship: 'self' });
    expect(problemAt(record, 'Claim.insurance[1].coverage')).toMatchObject({ severity: 'warning', code: 'fhir-value-assumed' });
  });

  it('a reference to a resource of the wrong type is reported and not read', () => {
    const claim = claimFixture();
    claim.provider = { reference: '#patient' };
    const record = readOne(claim);
    expect(problemAt(record, 'Claim.provider.reference')).toMatchObject({
      code: 'fhir-reference-wrong-type',
      where: { field: 'billingProvider' },
      message: "Claim.provider refers to #patient, which is a Patient, not Practitioner or PractitionerRole or Organization; the billing provider's NPI, tax id, name and address could not be read",
    });
    expect(record.claim?.billingProvider).toMatchObject({ npi: null, name: null });
  });

  it('numbers written as text are read with a warning; values of other types are errors', () => {
    const claim = claimFixture();
    claim.item[0].net = { value: '150.00' };
    claim.item[2].quantity = { value: { amount: 1 } };
    claim.total = 'lots';
    const record = readOne(claim);
    const lines = record.claim?.lines as Array<Record<string, unknown>>;
    expect(lines[0]?.charge).toBe(150);
    expect(problemAt(record, 'Claim.item[0].net.value')).toMatchObject({ severity: 'warning', code: 'fhir-wrong-type', where: { field: 'lines[0].charge' } });
    expect(lines[2]?.units).toBeNull();
    expect(problemAt(record, 'Claim.item[2].quantity.value')).toMatchObject({ severity: 'error', where: { field: 'lines[2].units' } });
    expect(record.claim?.totalCharge).toBeNull();
    expect(problemAt(record, 'Claim.total')).toMatchObject({ severity: 'error', where: { field: 'totalCharge' } });
  });

  it('a unit price times a quantity too large to be a number gives no charge and an error, not Infinity', () => {
    const claim = claimFixture();
    claim.item[1].quantity = { value: 1e308 };
    const record = readOne(claim);
    const line = (record.claim?.lines as Array<{ charge: unknown }>)[1]!;
    expect(line.charge).toBeNull();
    expect(problemAt(record, 'Claim.item[1].unitPrice')).toMatchObject({ severity: 'error', code: 'fhir-wrong-type' });
  });

  it('dates: a dateTime keeps its own calendar date, a partial date is passed on for the rules, a number is an error', () => {
    const claim = claimFixture();
    claim.created = '2026-11-20T23:30:00-10:00';
    claim.item[0].servicedDate = '2026-10';
    claim.item[2].servicedDate = 20261001;
    const record = readOne(claim);
    const lines = record.claim?.lines as Array<Record<string, unknown>>;
    expect(record.claim?.submissionDate).toBe('2026-11-20');
    expect(lines[0]?.serviceDate).toBe('2026-10');
    expect(lines[2]?.serviceDate).toBeNull();
    expect(problemAt(record, 'Claim.item[2].servicedDate')).toMatchObject({ code: 'fhir-wrong-type', where: { field: 'lines[2].serviceDate' } });
  });

  it('an item without dates takes the billable period, with a warning', () => {
    const claim = claimFixture();
    delete claim.item[0].servicedDate;
    claim.billablePeriod = { start: '2026-09-28', end: '2026-09-30' };
    const record = readOne(claim);
    expect((record.claim?.lines as Array<Record<string, unknown>>)[0]).toMatchObject({ serviceDate: '2026-09-28', serviceDateEnd: '2026-09-30' });
    expect(problemAt(record, 'Claim.item[0].serviced[x]')).toMatchObject({ severity: 'warning', code: 'fhir-value-assumed' });
    expect(record.locate?.('lines[0].serviceDate')).toBe('Claim.billablePeriod.start');
  });

  it('gender: a single letter is read with a warning, anything else is an error', () => {
    const claim = claimFixture();
    claim.contained[0].gender = 'f';
    claim.contained[1].gender = 7;
    const record = readOne(claim);
    expect(record.claim?.patient).toMatchObject({ sex: 'F' });
    expect(record.claim?.subscriber).toMatchObject({ sex: null });
    expect(problemAt(record, 'Claim.patient.resolve().gender')).toMatchObject({ severity: 'warning', where: { field: 'patient.sex' } });
    expect(problemAt(record, 'Claim.insurance[1].coverage.resolve().subscriber.resolve().gender')).toMatchObject({ severity: 'error', where: { field: 'subscriber.sex' } });
  });

  it('claim types other than professional are not read as professional; a missing type is, with a warning', () => {
    for (const code of ['institutional', 'oral', 'pharmacy', 'vision']) {
      const claim = claimFixture();
      claim.type = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code }] };
      const record = readOne(claim);
      expect(record.claim).toBeNull();
      expect(record.problems.map((p) => p.code)).toEqual(['fhir-claim-type-unsupported']);
    }
    const untyped = claimFixture();
    delete untyped.type;
    const record = readOne(untyped);
    expect(record.claim?.type).toBe('professional');
    expect(problemAt(record, 'Claim.type')).toMatchObject({ severity: 'warning', code: 'fhir-value-assumed' });
  });

  it('a cancelled claim is a void; a prior claim without a number is an error', () => {
    const claim = claimFixture();
    claim.status = 'cancelled';
    claim.related = [{ relationship: { coding: [{ code: 'prior' }] }, claim: { reference: 'Claim/old' } }];
    const record = readOne(claim);
    expect(record.claim).toMatchObject({ frequency: '8', originalClaimId: null });
    expect(problemAt(record, 'Claim.related[0]')).toMatchObject({ code: 'fhir-missing-element', where: { field: 'originalClaimId' } });
  });
});

describe('input that holds no claim is refused with a ScrubjayError', () => {
  it.each([
    [null, 'in.json: null, not a claim'],
    [42, 'in.json: a number, not a claim'],
    ['Claim', 'in.json: a string, not a claim'],
    [{ claimId: 'C-1', lines: [] }, 'in.json: a JSON object without a FHIR resourceType, not a claim'],
    [{ resourceType: 'Patient', id: 'p1' }, 'in.json: a FHIR Patient/p1 resource, not a claim'],
    [{ resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Patient' } }, { resource: { resourceType: 'Coverage' } }, { resource: { resourceType: 'Patient' } }] }, 'in.json: a Bundle holding Patient ×2, Coverage, not a claim'],
    [{ resourceType: 'Bundle', entry: 'none' }, 'in.json: a Bundle holding nothing, not a claim'],
    [[], 'in.json: an array holding nothing, not a claim'],
    [[{ resourceType: 'Organization' }], 'in.json: an array holding Organization, not a claim'],
  ])('%j', (value, message) => {
    const error = refusal(value);
    expect(error.code).toBe('SJ_INPUT_NOT_A_CLAIM');
    expect(error.message.startsWith(message)).toBe(true);
  });

  it('a value that is not a resource among claims is reported in its place, and the claims are still read', () => {
    const records = readFhirClaims([claimFixture(), 'stray text', claimFixture()], 'list.json', 3);
    expect(records.map((r) => r.index)).toEqual([3, 4, 5]);
    expect(records.map((r) => r.claim?.claimId ?? null)).toEqual(['PCN-2001', null, 'PCN-2001']);
    expect(records[1]?.problems).toEqual([
      { severity: 'error', code: 'fhir-not-a-resource', message: '[1] is a string without a FHIR resourceType, not a Claim or ExplanationOfBenefit', where: { location: '[1]' } },
    ]);
  });
});

describe('isFhirResource', () => {
  it('is true for an object whose resourceType is a resource type name', () => {
    expect(isFhirResource({ resourceType: 'Claim' })).toBe(true);
    expect(isFhirResource({ resourceType: 'ExplanationOfBenefit', id: 'x' })).toBe(true);
    expect(isFhirResource({ resourceType: 'claim' })).toBe(false);
    expect(isFhirResource({ resourceType: 7 })).toBe(false);
    expect(isFhirResource({ claimId: 'C-1', lines: [] })).toBe(false);
    expect(isFhirResource([{ resourceType: 'Claim' }])).toBe(false);
    expect(isFhirResource(Object.create({ resourceType: 'Claim' }))).toBe(false);
    expect(isFhirResource(null)).toBe(false);
    expect(isFhirResource('Claim')).toBe(false);
  });
});

const problemSchema = z
  .object({
    severity: z.enum(['error', 'warning']),
    code: z.enum(Object.keys(FHIR_PROBLEMS) as [keyof typeof FHIR_PROBLEMS]),
    message: z.string().min(1),
    where: z.object({ location: z.string().min(1), field: z.string().min(1).optional() }).strict(),
  })
  .strict();

/** Whatever the input, the reader returns well-formed records or refuses with a ScrubjayError. */
function readsSafely(value: unknown): void {
  let records: ClaimFromFile[];
  try {
    records = readFhirClaims(value, 'random.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ScrubjayError);
    return;
  }
  expect(records.length).toBeGreaterThan(0);
  for (const record of records) {
    expect(record.format).toBe('fhir');
    for (const problem of record.problems) expect(problemSchema.safeParse(problem).success, JSON.stringify(problem)).toBe(true);
    if (record.claim !== null) {
      expect(Array.isArray(record.claim.lines)).toBe(true);
      expect(Array.isArray(record.claim.diagnoses)).toBe(true);
      // the claim is plain JSON: it survives a round trip unchanged
      expect(JSON.parse(JSON.stringify(record.claim))).toEqual(record.claim);
      for (const path of ['claimId', 'lines[0].units', 'subscriber.address.zip', 'diagnoses[3]', 'x']) record.locate?.(path);
    }
  }
}

/** Every path to a value in a JSON document, for replacing one at random. */
function pathsOf(value: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  if (prefix.length > 0) out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

function replaceAt(target: unknown, path: Array<string | number>, value: unknown): void {
  let node: any = target;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path[path.length - 1] as string] = value;
}

const hostile = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.constantFrom(null, '', ' ', 0, -1, 1e308, '#patient', '#nowhere', 'Patient/x', 'urn:uuid:0', { reference: '#clinic' }, { reference: 42 }, [{}], { coding: 'x' }, { coding: [{ code: 7 }] }, '2026-02-30', '__proto__'),
);

describe('random input never makes the reader throw anything but a ScrubjayError', () => {
  it('any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), readsSafely), { numRuns: 1500 });
  });

  it('objects of claim-carrying resource types with random fields', () => {
    const resource = fc
      .tuple(fc.constantFrom('Claim', 'ExplanationOfBenefit', 'Bundle', 'Patient', 'claim'), fc.dictionary(fc.constantFrom('id', 'type', 'item', 'diagnosis', 'careTeam', 'insurance', 'patient', 'provider', 'insurer', 'total', 'entry', 'contained', 'related', 'created', 'facility', 'supportingInfo', 'identifier', 'constructor', '__proto__', 'toString'), fc.anything({ maxDepth: 4 })))
      .map(([resourceType, fields]) => ({ ...fields, resourceType }));
    fc.assert(fc.property(resource, readsSafely), { numRuns: 1500 });
    fc.assert(fc.property(fc.array(resource, { maxLength: 4 }), readsSafely), { numRuns: 500 });
  });

  it('the fixtures with values replaced anywhere in them', () => {
    const documents = [claimFixture(), fixture('bundle-professional.json')];
    const mutated = fc
      .tuple(fc.nat({ max: documents.length - 1 }), fc.array(fc.tuple(fc.nat(), hostile), { minLength: 1, maxLength: 6 }))
      .map(([which, changes]) => {
        const document = structuredClone(documents[which]);
        for (const [pick, value] of changes) {
          const paths = pathsOf(document);
          if (paths.length === 0) break;
          replaceAt(document, paths[pick % paths.length] as Array<string | number>, structuredClone(value));
        }
        return document;
      });
    fc.assert(fc.property(mutated, readsSafely), { numRuns: 1500 });
  });
});
