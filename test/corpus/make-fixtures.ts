/**
 * Writes the excerpts under test/fixtures from the public corpus, so `npm test` runs without it:
 *   node --import tsx test/corpus/make-fixtures.ts
 * An excerpt keeps, unchanged and in file order, every row whose code appears anywhere in the
 * project's tests, examples, rules, web page or sources (so a test asking about a real code reads
 * the real row), the rows above those codes (ICD-10-CM headers), and every Nth row as a sample.
 * Re-run it after a test starts asking about a code the fixtures do not hold yet.
 */
import { copyFileSync, createReadStream, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { zipSync } from 'fflate';
import { FIXTURES_DIR, REPO_ROOT } from '../support/paths.js';
import { corpusProblem, CORPUS_DIR } from './paths.js';

const problem = corpusProblem();
if (problem !== null) throw new Error(problem);

const REFERENCE = join(FIXTURES_DIR, 'reference');
const corpus = (path: string): string => join(CORPUS_DIR, path);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every code-shaped word the project mentions; the tables decide which are real codes. */
function projectWords(): Set<string> {
  const words = new Set<string>();
  const sources = ['test', 'examples', 'rules', 'web', 'src'].flatMap((d) => filesUnder(join(REPO_ROOT, d)));
  for (const file of sources) {
    if (file.startsWith(FIXTURES_DIR) || !/\.(ts|js|json|ya?ml|html|md|csv|837)$/.test(file)) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?<![A-Za-z0-9])[A-Z0-9]{2}(?:[A-Z0-9.]{0,6})(?![A-Za-z0-9])/g)) {
      words.add(m[0]);
      words.add(m[0].replace('.', ''));
    }
  }
  return words;
}

const WORDS = projectWords();
const wanted = (code: string): boolean => WORDS.has(code) || WORDS.has(code.replace('.', ''));

function write(path: string, text: string | Uint8Array, encoding: BufferEncoding = 'utf8'): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, typeof text === 'string' ? Buffer.from(text, encoding) : text);
  console.log(`${relative(REPO_ROOT, path)}: ${statSync(path).size} bytes`);
}

/** Lines with their ends kept, so an excerpt keeps the file's CRLF or LF. */
function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** ICD-10-CM order files: wanted codes, their headers, every 150th code of FY2026 in both years. */
function icd(): void {
  const read = (year: number): string[] => linesOf(readFileSync(corpus(`icd10cm/FY${year}/icd10cm-order-${year}.txt`), 'latin1'));
  const codeOf = (line: string): string => line.slice(6, 13).trim();
  const sampled = new Set(read(2026).filter((_, i) => i % 150 === 0).map(codeOf));
  for (const year of [2025, 2026]) {
    const lines = read(year);
    const codes = new Set(lines.map(codeOf));
    const keep = new Set<string>();
    for (const code of codes) {
      if (!wanted(code) && !sampled.has(code)) continue;
      for (let n = 3; n <= code.length; n++) if (codes.has(code.slice(0, n))) keep.add(code.slice(0, n));
    }
    const excerpt = lines.filter((l) => keep.has(codeOf(l))).join('');
    write(join(REFERENCE, 'icd10cm', `icd10cm-order-${year}.txt`), excerpt, 'latin1');
    if (year === 2026) {
      // the official zip's layout: the order file beside the addenda, whose name also says "order"
      const addenda = linesOf(readFileSync(corpus('icd10cm/FY2026/icd10cm-order-addenda-2026.txt'), 'latin1')).slice(0, 20).join('');
      // dated as the official members, so a rerun writes the same bytes
      const zip = zipSync(
        { 'icd10cm-order-2026.txt': Buffer.from(excerpt, 'latin1'), 'icd10cm-order-addenda-2026.txt': Buffer.from(addenda, 'latin1') },
        { mtime: new Date('2025-06-10T13:23:00Z') },
      );
      write(join(REFERENCE, 'icd10cm', 'icd10cm-CodeDescriptions-2026.zip'), zip);
    }
  }
}

/** The CMS HCPCS 2019 record file: its preamble, the first 40 codes, wanted codes, every 40th. */
function hcpcsRecords(): void {
  const lines = linesOf(readFileSync(corpus('codesets/hcpcs-2019_dewittpe/HCPC2019_CONTR_ANWEB.txt'), 'latin1'));
  const first = lines.findIndex((l) => /^[ A-Z0-9]{5}\d{5}[3478]/.test(l));
  const codeOf = (l: string): string => (/[78]/.test(l.charAt(10)) ? l.slice(3, 5) : l.slice(0, 5));
  const order = [...new Set(lines.slice(first).filter((l) => l.trim() !== '').map(codeOf))];
  const keep = new Set(order.filter((c, i) => i < 40 || i % 40 === 0 || wanted(c)));
  const excerpt = [...lines.slice(0, first), ...lines.slice(first).filter((l) => l.trim() === '' || keep.has(codeOf(l)))].join('');
  write(join(REFERENCE, 'hcpcs', 'HCPC2019_CONTR_ANWEB.txt'), excerpt, 'latin1');
}

/** A CSV excerpt: the header, wanted codes (first column unless told) and every Nth data row. */
function csvExcerpt(from: string, to: string, every: number, codeOf: (line: string) => string = (l) => l.split(/[,\t]/)[0]!.replace(/^\uFEFF|"/g, '')): void {
  const lines = linesOf(readFileSync(corpus(from), 'utf8'));
  const [header, ...rows] = lines;
  const kept = rows.filter((l, i) => i % every === 0 || wanted(codeOf(l)));
  write(to, [header, ...kept].join(''));
}

/** HCPCS CSV rows come in groups (continuation rows share the code): keep whole groups. */
function hcpcsCsv(): void {
  const lines = linesOf(readFileSync(corpus('codesets/tuva-terminology/hcpcs_level_2.csv'), 'utf8'));
  const [header, ...rows] = lines;
  const codeOf = (l: string): string => l.split(',')[0]!;
  const order = [...new Set(rows.map(codeOf))];
  const keep = new Set(order.filter((c, i) => i % 40 === 0 || wanted(c)));
  write(join(REFERENCE, 'hcpcs', 'hcpcs_level_2.csv'), [header, ...rows.filter((l) => keep.has(codeOf(l)))].join(''));
}

/** NCCI PTP: the corpus's own excerpt, then every pair of the full table whose two codes are both wanted. */
async function ptp(): Promise<void> {
  const excerpt = linesOf(readFileSync(corpus('ncci/ptp_practitioner_eff_2024-07-01_excerpt.csv'), 'utf8'));
  const have = new Set(excerpt.map((l) => l.trimEnd()));
  const added: string[] = [];
  const full = createInterface({ input: createReadStream(corpus('ncci/ptp_practitioner_eff_2024-07-01_northstar_decoded.csv.gz')).pipe(createGunzip()), crlfDelay: Infinity });
  let header = true;
  for await (const line of full) {
    if (header) {
      header = false;
      continue;
    }
    const [a = '', b = ''] = line.split(',');
    // the corpus files end their data rows with CRLF
    if (wanted(a) && wanted(b) && !have.has(line)) added.push(`${line}\r\n`);
  }
  write(join(REFERENCE, 'ncci', 'ptp_practitioner_eff_2024-07-01_excerpt.csv'), [...excerpt, ...added].join(''));
}

function copy(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
  console.log(`${relative(REPO_ROOT, to)}: copied`);
}

/** The X12 and FHIR examples the regular tests read, unchanged, with their licences. */
const X12_FILES = [
  'stupidedi/LICENSE',
  'stupidedi/837P-X222A1/commercial-health-insurance.edi',
  'stupidedi/837P-X222A1/home-infusion-therapy-pharmacy-adjudicated-with-NDC-in-loop-2410.edi',
  'stupidedi/837P-X222A1/COB-claim-from-billing-provider-to-payer-b.edi',
  'stupidedi/837P-X222A1/wheelchair.edi',
  'stupidedi/837P-X222-case/1.edi',
  'stupidedi/837I-X223A2/two-claims-for-the-same-provider.edi',
  'stupidedi/835-X221A1/pass/1.edi',
  'stupidedi/277CA-X214/pass/1.edi',
  'imsweb-x12-parser/LICENSE',
  'imsweb-x12-parser/837-5010/x12_multiple_isa.txt',
  'imsweb-x12-parser/837-5010/x12_valid.txt',
  'imsweb-x12-parser/837-5010/x12_valid_different_separators.txt',
  'imsweb-x12-parser/837-5010/x12_no_isa_line.txt',
  'imsweb-x12-parser/837-5010/x12_bad_first_line.txt',
  'oopfactory-X12Parser/LICENSE-CDDL.html',
  'oopfactory-X12Parser/837P-5010/Example1_2_And_3_Combined.txt',
  'oopfactory-X12Parser/837P-5010/Example1_HealthInsurance.txt',
  'oopfactory-X12Parser/837P-5010/UnicodeExample.txt',
  'oopfactory-X12Parser/837P-4010/Cms1500Test.txt',
  'oopfactory-X12Parser/837P-4010/Spec_4.1.1_PatientIsSubscriber.txt',
  'linuxforhealth-x12/LICENSE',
  'linuxforhealth-x12/835/managed-care.835',
];

async function main(): Promise<void> {
  icd();
  hcpcsRecords();
  hcpcsCsv();
  await ptp();
  csvExcerpt('ncci/mue_practitioner_eff_2024-07-01_northstar_decoded.csv', join(REFERENCE, 'ncci', 'mue_practitioner_eff_2024-07-01_excerpt.csv'), 60);
  csvExcerpt('mce/mce_v41.1_dx_age_sex_manifestation_edits_pathologie_decoded.csv', join(REFERENCE, 'mce', 'mce_v41.1_dx_age_sex_manifestation_edits_excerpt.csv'), 40);
  csvExcerpt('codesets/cms-mce-poa_nlindner/MCE_Simple_Code_Edits_v37_FY2020.tsv', join(REFERENCE, 'mce', 'MCE_Simple_Code_Edits_v37_FY2020_excerpt.tsv'), 60, (l) => l.split('\t')[6] ?? '');
  copy(corpus('codesets/tuva-terminology/place_of_service.csv'), join(REFERENCE, 'pos', 'place_of_service.csv'));
  copy(corpus('codesets/tuva-terminology/LICENSE'), join(REFERENCE, 'pos', 'LICENSE'));
  copy(corpus('codesets/tuva-terminology/LICENSE'), join(REFERENCE, 'hcpcs', 'LICENSE-tuva-terminology'));
  copy(corpus('codesets/hcpcs-2019_dewittpe/LICENSE-repo'), join(REFERENCE, 'hcpcs', 'LICENSE-cms.hcpcs'));
  copy(corpus('ncci/northstar_LICENSE.md'), join(REFERENCE, 'ncci', 'northstar_LICENSE.md'));
  copy(corpus('mce/pathologie_LICENSE.md'), join(REFERENCE, 'mce', 'pathologie_LICENSE.md'));
  copy(corpus('codesets/cms-mce-poa_nlindner/LICENSE.MD'), join(REFERENCE, 'mce', 'LICENSE-CMS_Issued_Codes_For_SQL.md'));
  for (const file of X12_FILES) copy(corpus(join('x12', file)), join(FIXTURES_DIR, 'x12', file));
  for (const file of readdirSync(corpus('fhir/carin-bb'))) copy(corpus(join('fhir/carin-bb', file)), join(FIXTURES_DIR, 'fhir', 'carin-bb', basename(file)));
}

await main();
