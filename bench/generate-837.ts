/**
 * Writes a realistic 837P (005010X222A1) file of generated claims — the claims of
 * `test/support/claim-generator.ts` (1–6 lines, about half with the defects billers make),
 * as a practice management system exports them: one interchange, transactions of up to
 * 5,000 claims, a billing provider loop per run of claims from one provider, a subscriber
 * loop per patient with several visits under it, and correct HL, SE, GE and IEA counts.
 * The same seed always writes the same file.
 *
 *   node --import tsx bench/generate-837.ts --out big.837 [--claims 1000000] [--seed 1]
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateClaim, seededRng } from '../test/support/claim-generator.js';

type Json = Record<string, any>;

export const DEFAULT_CLAIMS = 1_000_000;
export const DEFAULT_CLAIMS_PER_TRANSACTION = 5000;

/**
 * The claims of a generated file in file order: exactly `generateClaims(count, seed)`, except
 * that runs of up to four visits of one patient share the first visit's subscriber, patient,
 * payer and billing provider (a run only continues while the patient's sex is the same, so
 * a run adds no sex-specific defects of its own).
 */
export function* generate837Claims(count: number, seed = 1): Generator<Json> {
  const rng = seededRng(seed);
  const runs = seededRng(seed ^ 0x5bd1e995);
  let head: Json | undefined;
  let left = 0;
  for (let n = 1; n <= count; n++) {
    const claim = generateClaim(rng, n) as Json;
    if (head !== undefined && left > 0 && patientSex(head) === patientSex(claim)) {
      claim.subscriber = head.subscriber;
      claim.patient = head.patient;
      claim.payer = head.payer;
      claim.billingProvider = head.billingProvider;
      left--;
    } else {
      head = claim;
      left = Math.floor(runs() * 4);
    }
    yield claim;
  }
}

function patientSex(claim: Json): unknown {
  return claim.patient?.relationship === 'self' ? claim.subscriber?.sex : claim.patient?.sex;
}

// SBR09 claim filing indicator for the contract's payer kinds
const FILING_INDICATOR: Record<string, string> = { medicare: 'MB', medicaid: 'MC', tricare: 'CH', 'workers-comp': 'WC', other: 'ZZ', commercial: 'CI' };
// PAT01 individual relationship codes
const RELATIONSHIP: Record<string, string> = { spouse: '01', child: '19', other: 'G8' };

const SENDER = 'SCRUBJAYGEN';
const RECEIVER = 'CLEARINGHOUSE';

/** An element's text: absent values are empty elements. */
function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** One segment; trailing empty elements are dropped, as X12 requires. */
function segment(...elements: unknown[]): string {
  let end = elements.length;
  while (end > 1 && text(elements[end - 1]) === '') end--;
  let out = text(elements[0]);
  for (let i = 1; i < end; i++) out += `*${text(elements[i])}`;
  return `${out}~\n`;
}

const d8 = (iso: unknown): string => text(iso).replaceAll('-', '');
const hasText = (value: unknown): boolean => text(value).trim() !== '';

/** ISA fields are fixed width. */
const pad = (value: string, width: number): string => value.padEnd(width, ' ').slice(0, width);

class TransactionWriter {
  segments = 0;
  hl = 0;

  constructor(private readonly emit: (text: string) => void) {}

  put(...elements: unknown[]): void {
    this.segments++;
    this.emit(segment(...elements));
  }
}

/** The loops of one subscriber's (or patient's) claims are opened once, then each claim adds its 2300 loop. */
function writeClaim(t: TransactionWriter, claim: Json): void {
  t.put('CLM', claim.claimId, claim.totalCharge, '', '', `${text(claim.placeOfService)}:B:${text(claim.frequency)}`, 'Y', 'A', 'Y', 'Y');
  if (hasText(claim.priorAuthorization)) t.put('REF', 'G1', claim.priorAuthorization);
  if (hasText(claim.originalClaimId)) t.put('REF', 'F8', claim.originalClaimId);
  const diagnoses = (claim.diagnoses as unknown[] | undefined) ?? [];
  if (diagnoses.length > 0) t.put('HI', ...diagnoses.map((code, i) => `${i === 0 ? 'ABK' : 'ABF'}:${text(code).replace('.', '')}`));
  writeProvider(t, 'DN', claim.referringProvider);
  writeProvider(t, '82', claim.renderingProvider);
  (claim.lines as Json[]).forEach((line, i) => {
    t.put('LX', i + 1);
    const procedure = ['HC', text(line.procedureCode), ...((line.modifiers as unknown[] | undefined) ?? []).map(text)].join(':');
    const pointers = ((line.diagnosisPointers as unknown[] | undefined) ?? []).map(text).join(':');
    t.put('SV1', procedure, line.charge, 'UN', line.units, line.placeOfService, '', pointers);
    if (hasText(line.serviceDateEnd) && line.serviceDateEnd !== line.serviceDate) t.put('DTP', '472', 'RD8', `${d8(line.serviceDate)}-${d8(line.serviceDateEnd)}`);
    else t.put('DTP', '472', 'D8', d8(line.serviceDate));
    if (hasText(line.ndc)) t.put('LIN', '', 'N4', line.ndc);
    if (hasText(line.renderingProviderNpi)) t.put('NM1', '82', '1', '', '', '', '', '', 'XX', line.renderingProviderNpi);
  });
}

function writeProvider(t: TransactionWriter, qualifier: string, provider: Json | null | undefined): void {
  if (provider === null || provider === undefined) return;
  t.put('NM1', qualifier, '1', provider.lastName, provider.firstName, '', '', '', hasText(provider.npi) ? 'XX' : '', provider.npi);
}

function writePerson(t: TransactionWriter, entity: 'IL' | 'QC', person: Json, memberId?: unknown): void {
  const id = entity === 'IL' && hasText(memberId);
  t.put('NM1', entity, '1', person.lastName, person.firstName, '', '', '', id ? 'MI' : '', id ? memberId : '');
  const address = person.address as Json | undefined;
  if (address) {
    t.put('N3', address.line1);
    t.put('N4', address.city, address.state, address.zip);
  }
  if (hasText(person.birthDate) || hasText(person.sex)) t.put('DMG', 'D8', d8(person.birthDate), person.sex);
}

function writeBillingProvider(t: TransactionWriter, provider: Json): void {
  t.hl++;
  t.put('HL', t.hl, '', '20', '1');
  if (hasText(provider.taxonomy)) t.put('PRV', 'BI', 'PXC', provider.taxonomy);
  t.put('NM1', '85', '2', provider.name, '', '', '', '', hasText(provider.npi) ? 'XX' : '', provider.npi);
  const address = provider.address as Json | undefined;
  if (address) {
    t.put('N3', address.line1);
    t.put('N4', address.city, address.state, address.zip);
  }
  if (hasText(provider.taxId)) t.put('REF', 'EI', provider.taxId);
}

/** Opens 2000B (and 2000C when the patient is not the subscriber); returns the HL number claims hang under. */
function writeSubscriber(t: TransactionWriter, claim: Json, billingHl: number): void {
  const self = claim.patient?.relationship === 'self';
  t.hl++;
  const subscriberHl = t.hl;
  t.put('HL', subscriberHl, billingHl, '22', self ? '0' : '1');
  const subscriber = claim.subscriber as Json;
  t.put('SBR', 'P', self ? '18' : '', subscriber.groupNumber, '', '', '', '', '', FILING_INDICATOR[text(claim.payer?.kind)] ?? 'CI');
  writePerson(t, 'IL', subscriber, subscriber.memberId);
  const payer = claim.payer as Json;
  t.put('NM1', 'PR', '2', payer.name, '', '', '', '', hasText(payer.id) ? 'PI' : '', payer.id);
  if (!self) {
    t.hl++;
    t.put('HL', t.hl, subscriberHl, '23', '0');
    t.put('PAT', RELATIONSHIP[text(claim.patient?.relationship)] ?? 'G8');
    writePerson(t, 'QC', claim.patient as Json);
  }
}

export interface InterchangeOptions {
  claimsPerTransaction?: number;
  /** ISA13 / GS06 control number */
  controlNumber?: number;
}

/**
 * The text of one 837P interchange holding `claims`, in pieces as they are written.
 * Claims that follow one another with the same billing provider share its 2000A loop, and
 * with the same subscriber, patient and payer also their 2000B (and 2000C) loop, as in a
 * real export.
 */
export function* x12Interchange(claims: Iterable<Json>, options: InterchangeOptions = {}): Generator<string> {
  const perTransaction = options.claimsPerTransaction ?? DEFAULT_CLAIMS_PER_TRANSACTION;
  const control = String(options.controlNumber ?? 1);
  let out: string[] = [];
  const emit = (s: string): void => {
    out.push(s);
  };
  let transactions = 0;
  let t: TransactionWriter | undefined;
  let inTransaction = 0;
  let previous: Json | undefined;
  let previousBilling = '';
  let previousSubscriber = '';
  let billingHl = 0;
  let header = false;

  const closeTransaction = (): void => {
    if (t === undefined) return;
    t.put('SE', t.segments + 1, String(transactions).padStart(4, '0'));
    t = undefined;
  };

  for (const claim of claims) {
    const submitted = d8(claim.submissionDate);
    if (!header) {
      const date = submitted || '20260101';
      emit(`ISA*00*${pad('', 10)}*00*${pad('', 10)}*ZZ*${pad(SENDER, 15)}*ZZ*${pad(RECEIVER, 15)}*${date.slice(2)}*0800*^*00501*${control.padStart(9, '0')}*0*T*:~\n`);
      emit(segment('GS', 'HC', SENDER, RECEIVER, date, '0800', control, 'X', '005010X222A1'));
      header = true;
    }
    if (t !== undefined && (inTransaction >= perTransaction || d8(previous?.submissionDate) !== submitted)) closeTransaction();
    if (t === undefined) {
      transactions++;
      t = new TransactionWriter(emit);
      inTransaction = 0;
      previous = undefined;
      const st = String(transactions).padStart(4, '0');
      t.put('ST', '837', st, '005010X222A1');
      t.put('BHT', '0019', '00', `B${st}`, submitted, '0800', 'CH');
      t.put('NM1', '41', '2', 'HILL COUNTRY BILLING', '', '', '', '', '46', 'SJ0001');
      t.put('PER', 'IC', 'BILLING OFFICE', 'TE', '5125550100');
      t.put('NM1', '40', '2', RECEIVER, '', '', '', '', '46', 'CH0001');
    }
    const billingKey = JSON.stringify(claim.billingProvider);
    const subscriberKey = JSON.stringify([claim.subscriber, claim.patient, claim.payer]);
    if (previous === undefined || billingKey !== previousBilling) {
      writeBillingProvider(t, claim.billingProvider as Json);
      billingHl = t.hl;
      writeSubscriber(t, claim, billingHl);
    } else if (subscriberKey !== previousSubscriber) {
      writeSubscriber(t, claim, billingHl);
    }
    writeClaim(t, claim);
    inTransaction++;
    previous = claim;
    previousBilling = billingKey;
    previousSubscriber = subscriberKey;
    if (out.length >= 4096) {
      yield out.join('');
      out = [];
    }
  }
  if (header) {
    closeTransaction();
    emit(segment('GE', transactions, control));
    emit(segment('IEA', '1', control.padStart(9, '0')));
  }
  if (out.length > 0) yield out.join('');
}

/** Writes a generated 837P file; answers its size. */
export function write837File(path: string, count: number, seed = 1, options: InterchangeOptions = {}): { claims: number; bytes: number } {
  const fd = openSync(path, 'w');
  let bytes = 0;
  try {
    for (const piece of x12Interchange(generate837Claims(count, seed), options)) bytes += writeSync(fd, piece);
  } finally {
    closeSync(fd);
  }
  return { claims: count, bytes };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      claims: { type: 'string', default: String(DEFAULT_CLAIMS) },
      seed: { type: 'string', default: '1' },
      'per-transaction': { type: 'string', default: String(DEFAULT_CLAIMS_PER_TRANSACTION) },
    },
  });
  const count = Number(values.claims);
  const seed = Number(values.seed);
  const perTransaction = Number(values['per-transaction']);
  if (!values.out || !Number.isInteger(count) || count < 1 || !Number.isInteger(seed) || !Number.isInteger(perTransaction) || perTransaction < 1) {
    console.error('usage: node --import tsx bench/generate-837.ts --out FILE [--claims N] [--seed S] [--per-transaction N]');
    process.exit(2);
  }
  const started = performance.now();
  const { bytes } = write837File(values.out, count, seed, { claimsPerTransaction: perTransaction });
  console.log(`${values.out}: ${count.toLocaleString('en-US')} claims, ${(bytes / 2 ** 20).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
