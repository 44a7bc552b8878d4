// @ts-check
/**
 * The amounts in a finding about a charge, written as money: the rule texts print the
 * claim's figures as plain numbers ("Total charge 230 does not equal … 240"), and the page
 * shows every charge as $230.00. Only numbers that are one of the claim's own charge
 * amounts change, so a line number or a count in the same sentence stays as it is.
 */
import { money } from './dom.js';

/**
 * The claim's charge amounts: the total, each line's charge, and the lines' sum as the
 * rules count it (a line without a charge as zero).
 * @param {unknown} claim
 * @returns {number[]}
 */
export function chargeAmounts(claim) {
  if (claim === null || typeof claim !== 'object' || Array.isArray(claim)) return [];
  const { totalCharge, lines } = /** @type {Record<string, any>} */ (claim);
  /** @type {number[]} */
  const amounts = [];
  let cents = 0;
  for (const line of Array.isArray(lines) ? lines : []) {
    const charge = line !== null && typeof line === 'object' ? line.charge : undefined;
    if (typeof charge === 'number' && Number.isFinite(charge)) {
      amounts.push(charge);
      cents += Math.round(charge * 100);
    }
  }
  amounts.push(cents / 100);
  if (typeof totalCharge === 'number' && Number.isFinite(totalCharge)) amounts.push(totalCharge);
  return amounts;
}

/**
 * @param {string} text
 * @param {number[]} amounts
 * @returns {string}
 */
export function moneyInText(text, amounts) {
  // a number on its own: not part of a date, an id (74-1234567), a code or an amount already written as money
  return text.replace(/(?<![\w.$,\-/])\d+(?:\.\d+)?(?![\w\-/]|[.,]\d)/g, (figure) => (amounts.includes(Number(figure)) ? money(Number(figure)) : figure));
}

/**
 * Whether a finding is about a charge, by the field it names.
 * @param {string | null} path
 */
export function isChargePath(path) {
  return path === 'totalCharge' || /^lines\[\d+\]\.charge$/.test(path ?? '');
}
