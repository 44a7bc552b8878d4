/**
 * The 837P writer: claims in the contract's shape → one 005010X222A1 interchange, as a
 * practice system sends it. One transaction set (ST..SE) per submission date, since BHT04
 * carries it; within one, a billing provider loop per run of claims from that provider and
 * a subscriber loop per run of claims of one subscriber, payer and patient. Every count in
 * the trailers (SE01, GE01, IEA01) is counted as the segments are written.
 *
 * A value the file cannot carry (a separator character inside it, a date that is no date,
 * a replacement claim without the claim it replaces) throws `SJ_X12_UNWRITABLE_VALUE`
 * naming the claim and the field; `write837` then returns nothing, not part of a file.
 */
import { ScrubjayError } from '../../../errors.js';
import type { ClaimInput } from '../../../contract/claim.js';
import { isIsoDate } from '../../dates.js';
import { text } from '../../normalize.js';
import { billingKey, subscriberKey, writeBillingProvider, writeClaim, writeSubscriber } from './claim-loops.js';
import { GUIDE_VERSION, separatorsOf, type Write837Options } from './options.js';
import { CONTROL, SegmentWriter } from './segment-writer.js';

export { GUIDE_VERSION, type Write837Options } from './options.js';

const ISA_ID_WIDTH = 15;

function refuseOption(name: string, value: string, why: string): never {
  throw new ScrubjayError('SJ_ARGUMENT_INVALID', `${name} ${JSON.stringify(value)} ${why}`, { path: name });
}

function interchangeId(name: string, value: string, forbidden: string[]): string {
  if (value.length === 0 || value.length > ISA_ID_WIDTH) refuseOption(name, value, `must be 1 to ${ISA_ID_WIDTH} characters (it fills a fixed-width ISA field)`);
  if (forbidden.some((s) => value.includes(s)) || CONTROL.test(value)) refuseOption(name, value, 'holds a separator or control character');
  return value;
}

function stamp(now: Date): { date: string; time: string } {
  const iso = now.toISOString();
  return { date: iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10), time: iso.slice(11, 13) + iso.slice(14, 16) };
}

/** The submission date of each claim, the default for those without one. */
function submissionOf(claim: ClaimInput, fallback: string): string {
  const t = text(claim.submissionDate);
  return t === null ? fallback : t;
}

/** The interchange in pieces as it is written, so a large export need not be held whole. */
export function* write837Pieces(claims: readonly ClaimInput[], options: Write837Options = {}): Generator<string> {
  const separators = separatorsOf(options);
  const forbidden = [separators.element, separators.component, separators.repetition, separators.segment];
  const distinct = new Set(forbidden);
  if (distinct.size !== 4 || forbidden.some((s) => s.length !== 1)) throw new ScrubjayError('SJ_ARGUMENT_INVALID', 'the element, component, repetition and segment separators must be four different single characters');
  const sender = interchangeId('sender id', options.senderId ?? 'SCRUBJAY', forbidden);
  const receiver = interchangeId('receiver id', options.receiverId ?? 'RECEIVER', forbidden);
  const control = options.controlNumber ?? 1;
  if (!Number.isInteger(control) || control < 1 || control > 999_999_999) refuseOption('control number', String(control), 'must be a whole number from 1 to 999999999');
  const now = options.now ?? new Date();
  const { date, time } = stamp(now);
  const fallbackDate = options.submissionDate ?? `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;
  if (!isIsoDate(fallbackDate)) refuseOption('submission date', fallbackDate, 'is not a date written YYYY-MM-DD');
  const w = new SegmentWriter(separators);
  const isaControl = String(control).padStart(9, '0');

  const e = separators.element;
  w.raw(['ISA', '00', ''.padEnd(10), '00', ''.padEnd(10), 'ZZ', sender.padEnd(ISA_ID_WIDTH), 'ZZ', receiver.padEnd(ISA_ID_WIDTH), date.slice(2), time, separators.repetition, '00501', isaControl, '0', options.usage ?? 'P', separators.component].join(e));
  w.put('GS', 'HC', w.value(sender, 'sender id'), w.value(receiver, 'receiver id'), date, time, String(control), 'X', GUIDE_VERSION);

  // claims keep their order; a transaction set holds a run of one submission date
  let transactions = 0;
  let open: string | null = null;
  let hl = 0;
  let billingHl = 0;
  let lastBilling: string | null = null;
  let lastSubscriber: string | null = null;
  const closeTransaction = (): void => {
    if (open === null) return;
    w.put('SE', String(w.count + 1), String(transactions).padStart(4, '0'));
    open = null;
  };

  for (let index = 0; index < claims.length; index++) {
    const claim = claims[index] as ClaimInput;
    const claimId = text(claim.claimId);
    w.scope = { label: `claim ${index + 1}${claimId === null ? '' : ` (${JSON.stringify(claimId)})`}`, index };
    const submitted = submissionOf(claim, fallbackDate);
    if (!isIsoDate(submitted)) w.refuse('submissionDate', submitted, 'is not a date written YYYY-MM-DD');
    if (open !== submitted) {
      closeTransaction();
      transactions++;
      open = submitted;
      w.count = 0;
      hl = 0;
      lastBilling = null;
      lastSubscriber = null;
      const st = String(transactions).padStart(4, '0');
      // the header's values are the options', not the claim's
      const scope = w.scope;
      w.scope = null;
      w.put('ST', '837', st, GUIDE_VERSION);
      // BHT03: the batch number a 277CA names this transaction by (its 2200B TRN02)
      w.put('BHT', '0019', '00', `${control}-${st}`, submitted.replaceAll('-', ''), time, 'CH');
      w.put('NM1', '41', '2', w.value(options.submitterName ?? sender, 'submitter name'), '', '', '', '', '46', w.value(sender, 'sender id'));
      // the guide wants a way to reach the submitter; a telephone is written only when given, never made up
      const phone = options.contactPhone;
      w.put('PER', 'IC', w.value(options.contactName ?? 'BILLING', 'contact name'), phone === undefined ? '' : 'TE', phone === undefined ? '' : w.value(phone, 'contact phone'));
      w.put('NM1', '40', '2', w.value(options.receiverName ?? receiver, 'receiver name'), '', '', '', '', '46', w.value(receiver, 'receiver id'));
      w.scope = scope;
    }
    const billing = billingKey(claim);
    const subscriber = subscriberKey(claim);
    if (billing !== lastBilling) {
      hl++;
      billingHl = hl;
      writeBillingProvider(w, claim, hl);
      lastSubscriber = null;
    }
    if (subscriber !== lastSubscriber) hl = writeSubscriber(w, claim, hl + 1, billingHl);
    lastBilling = billing;
    lastSubscriber = subscriber;
    writeClaim(w, claim);
    if (w.pending >= 2048) yield w.take();
  }
  w.scope = null;
  closeTransaction();
  w.put('GE', String(transactions), String(control));
  w.put('IEA', '1', isaControl);
  yield w.take();
}

/** The whole interchange as one text. */
export function write837(claims: readonly ClaimInput[], options: Write837Options = {}): string {
  let out = '';
  for (const piece of write837Pieces(claims, options)) out += piece;
  return out;
}
