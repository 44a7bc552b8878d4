/**
 * Writes claims in the contract's JSON shape as an 837P (005010X222A1) interchange, the way
 * a practice management system exports them: transactions of up to `claimsPerTransaction`
 * claims (a new one, too, when the submission date changes, since BHT04 carries it), a
 * billing provider loop (2000A) per run of claims from one provider, and a subscriber loop
 * (2000B, with 2000C when the patient is not the subscriber) per run of claims of one
 * subscriber, patient and payer, with correct HL, SE, GE and IEA counts.
 *
 * What an 837 carries of a claim is what reading it gives back (`as837Carries`): ICD codes
 * are written without their dot, and an empty value is an absent element. Values are
 * written as they are otherwise: a claim holding a separator character would make a
 * broken file, which generated claims never do.
 */

type Json = Record<string, any>;

export interface X12WriteOptions {
  /** element separator (default `*`) */
  element?: string;
  /** component separator, ISA16 (default `:`) */
  component?: string;
  /** repetition separator, ISA11 (default `^`) */
  repetition?: string;
  /** segment terminator (default `~`) */
  segment?: string;
  /** written after each segment terminator (default '\n'; e.g. '\r\n', or '' for one long line) */
  lineBreak?: string;
  /** interchange and group control number: ISA13/IEA02 and GS06/GE02 (default 1) */
  controlNumber?: number;
  /** implementation guide in GS08 and ST03 (default 005010X222A1) */
  version?: string;
  /** claims in one ST..SE transaction at the most (default 5,000) */
  claimsPerTransaction?: number;
}

export const DEFAULT_CLAIMS_PER_TRANSACTION = 5000;

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

const d8 = (iso: unknown): string => text(iso).replaceAll('-', '');
const hasText = (value: unknown): boolean => text(value).trim() !== '';

/** ISA fields are fixed width. */
const pad = (value: string, width: number): string => value.padEnd(width, ' ').slice(0, width);

/** Writes segments with one set of separators, counting those of the open transaction for its SE01. */
class SegmentWriter {
  segments = 0;
  hl = 0;
  private pieces: string[] = [];

  constructor(private readonly s: Required<Pick<X12WriteOptions, 'element' | 'component' | 'repetition' | 'segment' | 'lineBreak'>>) {}

  /** One segment; trailing empty elements are dropped, as X12 requires. */
  put(...elements: unknown[]): void {
    let end = elements.length;
    while (end > 1 && text(elements[end - 1]) === '') end--;
    let out = text(elements[0]);
    for (let i = 1; i < end; i++) out += this.s.element + text(elements[i]);
    this.pieces.push(out + this.s.segment + this.s.lineBreak);
    this.segments++;
  }

  /** A composite element from its components. */
  composite(...components: unknown[]): string {
    return components.map(text).join(this.s.component);
  }

  isa(control: string, date: string): void {
    const e = this.s.element;
    this.pieces.push(
      ['ISA', '00', pad('', 10), '00', pad('', 10), 'ZZ', pad(SENDER, 15), 'ZZ', pad(RECEIVER, 15), date.slice(2), '0800', this.s.repetition, '00501', control.padStart(9, '0'), '0', 'T', this.s.component].join(e) +
        this.s.segment +
        this.s.lineBreak,
    );
  }

  /** What has been written since the last call. */
  take(): string {
    const out = this.pieces.join('');
    this.pieces = [];
    return out;
  }

  get pending(): number {
    return this.pieces.length;
  }
}

/** The loops of one subscriber's (or patient's) claims are opened once, then each claim adds its 2300 loop. */
function writeClaim(w: SegmentWriter, claim: Json): void {
  w.put('CLM', claim.claimId, claim.totalCharge, '', '', w.composite(claim.placeOfService, 'B', claim.frequency), 'Y', 'A', 'Y', 'Y');
  if (hasText(claim.priorAuthorization)) w.put('REF', 'G1', claim.priorAuthorization);
  if (hasText(claim.originalClaimId)) w.put('REF', 'F8', claim.originalClaimId);
  const diagnoses = (claim.diagnoses as unknown[] | undefined) ?? [];
  const [principal, other] = claim.diagnosisCodeSet === 'icd9' ? ['BK', 'BF'] : ['ABK', 'ABF'];
  if (diagnoses.length > 0) w.put('HI', ...diagnoses.map((code, i) => w.composite(i === 0 ? principal : other, text(code).replace('.', ''))));
  writeProvider(w, 'DN', claim.referringProvider);
  writeProvider(w, '82', claim.renderingProvider);
  ((claim.lines as Json[] | undefined) ?? []).forEach((line, i) => {
    w.put('LX', i + 1);
    w.put('SV1', w.composite('HC', line.procedureCode, ...((line.modifiers as unknown[] | undefined) ?? [])), line.charge, 'UN', line.units, line.placeOfService, '', w.composite(...((line.diagnosisPointers as unknown[] | undefined) ?? [])));
    if (hasText(line.serviceDateEnd)) w.put('DTP', '472', 'RD8', `${d8(line.serviceDate)}-${d8(line.serviceDateEnd)}`);
    else w.put('DTP', '472', 'D8', d8(line.serviceDate));
    if (hasText(line.ndc)) w.put('LIN', '', 'N4', line.ndc);
    if (hasText(line.renderingProviderNpi)) w.put('NM1', '82', '1', '', '', '', '', '', 'XX', line.renderingProviderNpi);
  });
}

function writeProvider(w: SegmentWriter, qualifier: string, provider: Json | null | undefined): void {
  if (provider === null || provider === undefined) return;
  w.put('NM1', qualifier, '1', provider.lastName, provider.firstName, '', '', '', hasText(provider.npi) ? 'XX' : '', provider.npi);
}

/** N3 and N4, each when the address has something for it. */
function writeAddress(w: SegmentWriter, address: Json | null | undefined): void {
  if (address === null || address === undefined) return;
  if (hasText(address.line1)) w.put('N3', address.line1);
  if (hasText(address.city) || hasText(address.state) || hasText(address.zip)) w.put('N4', address.city, address.state, address.zip);
}

function writePerson(w: SegmentWriter, entity: 'IL' | 'QC', person: Json, memberId?: unknown): void {
  const id = entity === 'IL' && hasText(memberId);
  w.put('NM1', entity, '1', person.lastName, person.firstName, '', '', '', id ? 'MI' : '', id ? memberId : '');
  writeAddress(w, person.address as Json | undefined);
  if (hasText(person.birthDate) || hasText(person.sex)) w.put('DMG', 'D8', d8(person.birthDate), person.sex);
}

function writeBillingProvider(w: SegmentWriter, provider: Json): void {
  w.hl++;
  w.put('HL', w.hl, '', '20', '1');
  if (hasText(provider.taxonomy)) w.put('PRV', 'BI', 'PXC', provider.taxonomy);
  w.put('NM1', '85', '2', provider.name, '', '', '', '', hasText(provider.npi) ? 'XX' : '', provider.npi);
  writeAddress(w, provider.address as Json | undefined);
  if (hasText(provider.taxId)) w.put('REF', 'EI', provider.taxId);
}

/** Opens 2000B (and 2000C when the patient is not the subscriber) under billing provider HL `billingHl`. */
function writeSubscriber(w: SegmentWriter, claim: Json, billingHl: number): void {
  const self = (claim.patient?.relationship ?? 'self') === 'self';
  w.hl++;
  const subscriberHl = w.hl;
  w.put('HL', subscriberHl, billingHl, '22', self ? '0' : '1');
  const subscriber = (claim.subscriber as Json | undefined) ?? {};
  w.put('SBR', 'P', self ? '18' : '', subscriber.groupNumber, '', '', '', '', '', FILING_INDICATOR[text(claim.payer?.kind)] ?? '');
  writePerson(w, 'IL', subscriber, subscriber.memberId);
  const payer = (claim.payer as Json | undefined) ?? {};
  w.put('NM1', 'PR', '2', payer.name, '', '', '', '', hasText(payer.id) ? 'PI' : '', payer.id);
  if (!self) {
    w.hl++;
    w.put('HL', w.hl, subscriberHl, '23', '0');
    w.put('PAT', RELATIONSHIP[text(claim.patient?.relationship)] ?? 'G8');
    writePerson(w, 'QC', claim.patient as Json);
  }
}

/**
 * The text of one 837P interchange holding `claims`, in pieces as they are written, so a
 * file of any size can be written without holding it. Nothing at all for no claims.
 */
export function* x12Interchange(claims: Iterable<Json>, options: X12WriteOptions = {}): Generator<string> {
  const perTransaction = options.claimsPerTransaction ?? DEFAULT_CLAIMS_PER_TRANSACTION;
  const version = options.version ?? '005010X222A1';
  const control = String(options.controlNumber ?? 1);
  const w = new SegmentWriter({
    element: options.element ?? '*',
    component: options.component ?? ':',
    repetition: options.repetition ?? '^',
    segment: options.segment ?? '~',
    lineBreak: options.lineBreak ?? '\n',
  });
  let transactions = 0;
  let open = false;
  let inTransaction = 0;
  let previous: Json | undefined;
  let previousBilling = '';
  let previousSubscriber = '';
  let billingHl = 0;
  let header = false;

  const closeTransaction = (): void => {
    if (!open) return;
    w.put('SE', w.segments + 1, String(transactions).padStart(4, '0'));
    open = false;
  };

  for (const claim of claims) {
    const submitted = d8(claim.submissionDate);
    if (!header) {
      const date = submitted || '20260101';
      w.isa(control, date);
      w.put('GS', 'HC', SENDER, RECEIVER, date, '0800', control, 'X', version);
      header = true;
    }
    if (open && (inTransaction >= perTransaction || d8(previous?.submissionDate) !== submitted)) closeTransaction();
    if (!open) {
      transactions++;
      open = true;
      w.segments = 0;
      w.hl = 0;
      inTransaction = 0;
      previous = undefined;
      const st = String(transactions).padStart(4, '0');
      w.put('ST', '837', st, version);
      w.put('BHT', '0019', '00', `B${st}`, submitted, '0800', 'CH');
      w.put('NM1', '41', '2', 'HILL COUNTRY BILLING', '', '', '', '', '46', 'SJ0001');
      w.put('PER', 'IC', 'BILLING OFFICE', 'TE', '5125550100');
      w.put('NM1', '40', '2', RECEIVER, '', '', '', '', '46', 'CH0001');
    }
    const billingKey = JSON.stringify(claim.billingProvider ?? {});
    const subscriberKey = JSON.stringify([claim.subscriber, claim.patient, claim.payer]);
    if (previous === undefined || billingKey !== previousBilling) {
      writeBillingProvider(w, (claim.billingProvider as Json | undefined) ?? {});
      billingHl = w.hl;
      writeSubscriber(w, claim, billingHl);
    } else if (subscriberKey !== previousSubscriber) {
      writeSubscriber(w, claim, billingHl);
    }
    writeClaim(w, claim);
    inTransaction++;
    previous = claim;
    previousBilling = billingKey;
    previousSubscriber = subscriberKey;
    if (w.pending >= 4096) yield w.take();
  }
  if (header) {
    closeTransaction();
    w.put('GE', transactions, control);
    w.put('IEA', '1', control.padStart(9, '0'));
  }
  if (w.pending > 0) yield w.take();
}

/** The whole interchange as one string. */
export function write837(claims: Iterable<Json>, options: X12WriteOptions = {}): string {
  return [...x12Interchange(claims, options)].join('');
}

/**
 * A claim as reading its 837 gives it back: ICD codes without their dot, an empty text
 * value as no value at all (null), and the code set stated.
 */
export function as837Carries(claim: Json): Json {
  const carried = JSON.parse(JSON.stringify(claim), (_key, value: unknown) => (value === '' ? null : value)) as Json;
  return {
    ...carried,
    diagnoses: ((carried.diagnoses as unknown[] | undefined) ?? []).map((d) => (typeof d === 'string' ? d.replace('.', '') : d)),
    diagnosisCodeSet: carried.diagnosisCodeSet ?? 'icd10',
  };
}
