/**
 * Realistic generated claims for property tests and the benchmark: 1–6 lines, mostly
 * well-formed, with a share of the defects billers really make (a bad NPI, a missing
 * pointer, a wrong code format, a stale date of service, duplicated lines, ...).
 * Deterministic for a seed, so a failing case can be replayed.
 */
import type { ClaimInput } from '../../src/contract/claim.js';
export type Rng = () => number;

/** mulberry32: a small, fast, seedable generator (quality is ample for test data). */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const chance = (rng: Rng, p: number): boolean => rng() < p;

const PROCEDURES = ['99213', '99214', '99203', '36415', '80053', '85025', '93000', '71046', '97110', '97140', '20610', '11042', '45378', '45380', 'G0438', 'J1100', 'A4550', '0001U', '1036F', '0042T', '90471', '90686'];
const FEMALE_ONLY = ['58300', '57452'];
const MALE_ONLY = ['55250', '54150'];
const EM_CODES = new Set(['99213', '99214', '99203']);
const MODIFIERS = ['59', 'LT', 'RT', 'XS', '76', 'GT', '95', 'TC', '26'];
const DIAGNOSES = ['E11.9', 'I10', 'Z00.00', 'J02.9', 'M54.50', 'E78.5', 'R51.9', 'Z23', 'N39.0', 'K21.9', 'F41.1', 'E119', 'I2510'];
const PAYERS = [
  { id: '00431', name: 'Medicare Part B', kind: 'medicare' },
  { id: '77027', name: 'State Medicaid', kind: 'medicaid' },
  { id: '60054', name: 'Aetna', kind: 'commercial' },
  { id: '87726', name: 'UnitedHealthcare', kind: 'commercial' },
  { id: '99999', name: 'Regional Health Plan', kind: 'commercial' },
  { id: '99726', name: 'TRICARE East', kind: 'tricare' },
];
const VALID_NPIS = ['1234567893', '1245319599', '1003000126', '1972635480'];
const FIRST = ['Ana', 'Sam', 'Rosa', 'Lee', 'Mia', 'Omar', 'Ivy', 'Noah'];
const LAST = ['Diaz', 'Ortiz', 'Lee', 'Park', 'Nguyen', 'Smith', 'Khan'];

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function randomDate(rng: Rng, fromYear: number, toYear: number): string {
  return isoDate(fromYear + Math.floor(rng() * (toYear - fromYear + 1)), 1 + Math.floor(rng() * 12), 1 + Math.floor(rng() * 28));
}

/** A date of service in the 55 days before the generated claims' submission date (2026-11-20). */
function recentDate(rng: Rng): string {
  const day = new Date(Date.UTC(2026, 8, 25) + Math.floor(rng() * 56) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

function shuffled<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** The preventive-visit code that fits the patient's age band (new or established patient). */
function preventiveCode(birthDate: string, serviceDate: string, established: boolean): string {
  const age = Number(serviceDate.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (serviceDate.slice(5) < birthDate.slice(5) ? 1 : 0);
  const band = age < 1 ? 1 : age <= 4 ? 2 : age <= 11 ? 3 : age <= 17 ? 4 : age <= 39 ? 5 : age <= 64 ? 6 : 7;
  return `99${established ? 39 : 38}${band}`;
}

export interface GenerateOptions {
  /** share of claims that get at least one defect */
  defectRate?: number;
}

export function generateClaim(rng: Rng, n: number, options: GenerateOptions = {}): ClaimInput {
  const defective = chance(rng, options.defectRate ?? 0.5);
  const diagnoses = Array.from({ length: 1 + Math.floor(rng() * 4) }, () => pick(rng, DIAGNOSES));
  const lineCount = 1 + Math.floor(rng() * 6);
  const serviceDate = recentDate(rng);
  const isSelf = chance(rng, 0.8);
  const subscriberBirth = randomDate(rng, 1940, 2000);
  const patientBirth = isSelf ? subscriberBirth : randomDate(rng, 2000, 2025);
  const patientSex = pick(rng, ['F', 'M']);
  const codes = shuffled(rng, [...PROCEDURES, ...(patientSex === 'F' ? FEMALE_ONLY : MALE_ONLY), preventiveCode(patientBirth, serviceDate, chance(rng, 0.5))]).slice(0, lineCount);
  const lines = codes.map((procedureCode) => ({
    serviceDate: chance(rng, 0.8) ? serviceDate : recentDate(rng),
    serviceDateEnd: null,
    procedureCode,
    modifiers: EM_CODES.has(procedureCode) && chance(rng, 0.3) ? ['25'] : chance(rng, 0.2) ? [pick(rng, MODIFIERS)] : [],
    diagnosisPointers: [1 + Math.floor(rng() * diagnoses.length)],
    units: 1 + Math.floor(rng() * (chance(rng, 0.1) ? 5 : 1)),
    charge: Math.round((20 + rng() * 300) * 100) / 100,
    placeOfService: null,
    renderingProviderNpi: null,
    ndc: null,
  }));
  const claim: Record<string, any> & { lines: any[] } = {
    claimId: `G-${n}`,
    type: 'professional',
    frequency: '1',
    originalClaimId: null,
    submissionDate: '2026-11-20',
    payer: pick(rng, PAYERS),
    subscriber: {
      memberId: `M${100000 + Math.floor(rng() * 900000)}`,
      groupNumber: null,
      firstName: pick(rng, FIRST),
      lastName: pick(rng, LAST),
      birthDate: subscriberBirth,
      sex: isSelf ? patientSex : pick(rng, ['F', 'M']),
      address: { line1: '12 Elm St', city: 'Austin', state: 'TX', zip: '78701' },
    },
    patient: isSelf
      ? { relationship: 'self' }
      : {
          relationship: pick(rng, ['spouse', 'child']),
          firstName: pick(rng, FIRST),
          lastName: pick(rng, LAST),
          birthDate: patientBirth,
          sex: patientSex,
          address: { line1: '12 Elm St', city: 'Austin', state: 'TX', zip: '78701' },
        },
    billingProvider: {
      npi: pick(rng, VALID_NPIS),
      taxId: '741234567',
      name: 'Hill Country Clinic',
      taxonomy: '207Q00000X',
      address: { line1: '400 Main St', city: 'Austin', state: 'TX', zip: '787011234' },
    },
    renderingProvider: chance(rng, 0.6) ? { npi: pick(rng, VALID_NPIS), firstName: 'Lee', lastName: 'Park' } : null,
    referringProvider: null,
    placeOfService: pick(rng, ['11', '11', '11', '22', '02', '10']),
    priorAuthorization: null,
    diagnoses,
    lines,
    totalCharge: Math.round(lines.reduce((sum, l) => sum + l.charge, 0) * 100) / 100,
  };
  if (defective) {
    const defects = 1 + Math.floor(rng() * 2);
    for (let d = 0; d < defects; d++) applyDefect(rng, claim);
  }
  return claim;
}

function applyDefect(rng: Rng, claim: Record<string, any>): void {
  const line = pick(rng, claim.lines as Array<Record<string, any>>);
  switch (Math.floor(rng() * 17)) {
    case 0: claim.billingProvider.npi = '1234567890'; break;
    case 1: line.diagnosisPointers = []; break;
    case 2: line.procedureCode = pick(rng, ['9921', 'ABCDE', '99213X', '']); break;
    case 3: line.modifiers = ['2']; break;
    case 4: line.serviceDate = '2024-06-15'; break;
    case 5: claim.lines.push({ ...line }); break;
    case 6: claim.totalCharge = Number(claim.totalCharge) + 10; break;
    case 7: claim.diagnoses = [...claim.diagnoses, '250.00']; break;
    case 8: line.units = 0; break;
    case 9: claim.subscriber.memberId = ''; break;
    case 10: claim.payer = { ...claim.payer, id: null }; break;
    case 11: line.modifiers = ['25']; line.procedureCode = '36415'; break;
    case 12: claim.subscriber.birthDate = '2026-02-30'; break;
    case 13: line.diagnosisPointers = [9]; break;
    case 14: claim.frequency = '7'; break;
    case 15: line.procedureCode = claim.subscriber.sex === 'F' ? '55250' : '58300'; break;
    default: line.serviceDate = '2025-11-25'; break;
  }
}

export function generateClaims(count: number, seed = 1, options: GenerateOptions = {}): ClaimInput[] {
  const rng = seededRng(seed);
  return Array.from({ length: count }, (_, i) => generateClaim(rng, i + 1, options));
}
