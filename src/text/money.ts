/** Amounts as a biller reads them in a sentence. */

/** `$1,234.50`; a negative amount keeps its sign in front. */
export function money(amount: number): string {
  const fixed = Math.abs(amount).toFixed(2);
  if (fixed.length <= 6) return amount < 0 ? `-$${fixed}` : `$${fixed}`;
  const [whole = '0', cents = '00'] = fixed.split('.');
  // thousands separators by hand: a formatter per call would cost more than the rest of an explanation
  let grouped = whole;
  for (let at = whole.length - 3; at > 0; at -= 3) grouped = `${grouped.slice(0, at)},${grouped.slice(at)}`;
  return `${amount < 0 ? '-' : ''}$${grouped}.${cents}`;
}
