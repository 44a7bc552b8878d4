/**
 * Writes a realistic 835 (005010X221A1) remittance for the generated claims of
 * `test/support/claim-generator.ts` (claim ids G-1, G-2, ...): one claim payment per claim,
 * mostly paid with a fee-schedule reduction, some partly paid with the patient's
 * deductible and coinsurance, some denied (claim and line adjustments, line remarks),
 * some secondary payments, and some reversals followed by their corrected payment. A
 * check (ST..SE) holds a few thousand payments, as a payer's weekly run does. The same
 * seed always writes the same file.
 *
 *   node --import tsx bench/generate-835.ts --out big.835 [--claims 100000] [--seed 1]
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ClaimInput } from '../src/contract/claim.js';
import { generateClaims, seededRng, type Rng } from '../test/support/claim-generator.js';

export const DEFAULT_REMIT_CLAIMS = 100_000;
const PAYMENTS_PER_CHECK = 5_000;
const DENIALS = ['16', '18', '29', '50', '96', '97', '146', '181', '197', '204'];
const REMARKS = ['M15', 'M51', 'M76', 'N362', 'MA130'];

type Line = { procedureCode?: string | null; modifiers?: Array<string | null> | null; serviceDate?: string | null; charge?: number | null; units?: number | null };

function amount(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function date8(iso: string | null | undefined): string {
  return typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.replaceAll('-', '') : '20261001';
}

function isa(control: number): string {
  const c = String(control).padStart(9, '0');
  return `ISA*00*          *00*          *ZZ*BENCHPAYER     *ZZ*BENCHCLINIC    *261201*1200*^*00501*${c}*0*P*:~\n`;
}

function svc(line: Line, charged: number, paid: number): string {
  // a claim line with a malformed code is paid under the code the payer settled on, as SVC06 would say
  const procedure = typeof line.procedureCode === 'string' && /^[A-Z0-9]{5}$/.test(line.procedureCode) ? line.procedureCode : '99213';
  const modifiers = (line.modifiers ?? []).filter((m): m is string => typeof m === 'string' && /^[A-Z0-9]{2}$/.test(m));
  const code = ['HC', procedure, ...modifiers].join(':');
  return `SVC*${code}*${amount(charged)}*${amount(paid)}**${line.units ?? 1}~\nDTM*472*${date8(line.serviceDate)}~\n`;
}

/** The segments of one claim payment (or two, for a reversal and its correction), and how many CLPs they hold. */
function payment(claim: ClaimInput, rng: Rng, room: number): { text: string; segments: number; payments: number } {
  const lines = (claim.lines ?? []) as Line[];
  const id = typeof claim.claimId === 'string' ? claim.claimId : 'G-0';
  if (!/^[A-Za-z0-9-]+$/.test(id)) throw new Error(`claim id ${JSON.stringify(id)} would break the 835's separators`);
  const charged = lines.reduce((sum, l) => sum + (l.charge ?? 0), 0);
  const roll = rng();
  const parts: string[] = [];
  let payments = 1;
  const person = `NM1*QC*1*PATIENT*BENCH****MI*${id.replace('-', '')}~\n`;
  if (roll < 0.15) {
    const carc = DENIALS[Math.floor(rng() * DENIALS.length)]!;
    parts.push(`CLP*${id}*4*${amount(charged)}*0*0*12*P${id}*11*1~\n`, `CAS*CO*${carc}*${amount(charged)}~\n`, person);
    for (const l of lines) {
      parts.push(svc(l, l.charge ?? 0, 0), `CAS*CO*${carc}*${amount(l.charge ?? 0)}~\n`);
      if (rng() < 0.5) parts.push(`LQ*HE*${REMARKS[Math.floor(rng() * REMARKS.length)]}~\n`);
    }
  } else if (roll < 0.3) {
    const share = charged * 0.3;
    parts.push(`CLP*${id}*1*${amount(charged)}*${amount(charged * 0.5)}*${amount(share)}*12*P${id}*11*1~\n`, person);
    for (const l of lines) {
      const c = l.charge ?? 0;
      parts.push(svc(l, c, c * 0.5), `CAS*PR*1*${amount(c * 0.1)}**2*${amount(c * 0.2)}~\n`, `CAS*CO*45*${amount(c * 0.2)}~\n`);
    }
  } else if (roll < 0.35) {
    parts.push(`CLP*${id}*2*${amount(charged)}*${amount(charged * 0.2)}*0*12*P${id}*11*1~\n`, `CAS*OA*23*${amount(charged * 0.8)}~\n`, person);
    for (const l of lines) parts.push(svc(l, l.charge ?? 0, (l.charge ?? 0) * 0.2));
  } else if (roll < 0.4 && room >= 2) {
    payments = 2;
    parts.push(`CLP*${id}*22*${amount(-charged)}*${amount(-charged * 0.8)}**12*P${id}*11*1~\n`, `CAS*CR*45*${amount(-charged * 0.2)}~\n`, person);
    for (const l of lines) parts.push(svc(l, -(l.charge ?? 0), -(l.charge ?? 0) * 0.8));
    parts.push(`CLP*${id}*1*${amount(charged)}*${amount(charged * 0.7)}**12*Q${id}*11*1~\n`, person);
    for (const l of lines) parts.push(svc(l, l.charge ?? 0, (l.charge ?? 0) * 0.7), `CAS*CO*45*${amount((l.charge ?? 0) * 0.3)}~\n`);
  } else {
    parts.push(`CLP*${id}*1*${amount(charged)}*${amount(charged * 0.8)}**12*P${id}*11*1~\n`, person);
    for (const l of lines) parts.push(svc(l, l.charge ?? 0, (l.charge ?? 0) * 0.8), `CAS*CO*45*${amount((l.charge ?? 0) * 0.2)}~\n`);
  }
  const text = parts.join('');
  let segments = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 126) segments++;
  return { text, segments, payments };
}

function checkHeader(control: string, check: number): string {
  return (
    `ST*835*${control}*005010X221A1~\n` +
    `BPR*I*1000*C*ACH*CCP*01*011000015*DA*123456789*1123456789**01*021000021*DA*987654321*20261201~\n` +
    `TRN*1*CHK${check}*1123456789~\nDTM*405*20261130~\n` +
    `N1*PR*BENCH HEALTH PLAN~\nN3*1 PAYER WAY~\nN4*AUSTIN*TX*78701~\nREF*2U*BENCH1~\n` +
    `N1*PE*HILL COUNTRY CLINIC*XX*1234567893~\nREF*TJ*741234567~\nLX*1~\n`
  );
}
const HEADER_SEGMENTS = 12;

/** The 835 interchange of `count` claim payments for `generateClaims(count, seed)`, in pieces. */
export function* generate835(count: number, seed = 1): Generator<string> {
  const claims = generateClaims(count, seed);
  const rng = seededRng(seed ^ 0x2545f491);
  yield isa(1);
  yield 'GS*HP*BENCHPAYER*BENCHCLINIC*20261201*1200*1*X*005010X221A1~\n';
  let written = 0;
  let checks = 0;
  let next = 0;
  while (written < count) {
    checks++;
    const control = String(checks).padStart(4, '0');
    const piece: string[] = [checkHeader(control, checks)];
    let segments = HEADER_SEGMENTS;
    let inCheck = 0;
    while (inCheck < PAYMENTS_PER_CHECK && written < count) {
      const made = payment(claims[next++ % claims.length]!, rng, count - written);
      piece.push(made.text);
      segments += made.segments;
      inCheck += made.payments;
      written += made.payments;
    }
    piece.push(`SE*${segments}*${control}~\n`);
    yield piece.join('');
  }
  yield `GE*${checks}*1~\nIEA*1*000000001~\n`;
}

/** Writes a generated 835 file; answers its size. */
export function write835File(path: string, count: number, seed = 1): { payments: number; bytes: number } {
  const fd = openSync(path, 'w');
  let bytes = 0;
  try {
    for (const piece of generate835(count, seed)) bytes += writeSync(fd, piece);
  } finally {
    closeSync(fd);
  }
  return { payments: count, bytes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, claims: { type: 'string', default: String(DEFAULT_REMIT_CLAIMS) }, seed: { type: 'string', default: '1' } } });
  if (values.out === undefined) {
    console.error('usage: node --import tsx bench/generate-835.ts --out FILE [--claims N] [--seed S]');
    process.exit(2);
  }
  const written = write835File(resolve(values.out), Number(values.claims), Number(values.seed));
  console.log(`${values.out}: ${written.payments} claim payments, ${(written.bytes / 1e6).toFixed(1)} MB`);
}
