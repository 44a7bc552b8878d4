/** Header names vary between CMS releases and re-publishers; compare them on letters and digits only. */
export function normalizeHeader(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

export type HeaderSpec<K extends string> = Record<K, (normalized: string) => boolean>;

/**
 * Finds which column holds each named field. Every field is matched to the first column its
 * test accepts that no earlier field took. Returns null unless all `required` fields are found.
 */
export function matchHeader<K extends string>(
  cells: readonly string[],
  spec: HeaderSpec<K>,
  required: readonly K[],
): Partial<Record<K, number>> | null {
  const normalized = cells.map(normalizeHeader);
  const taken = new Set<number>();
  const found: Partial<Record<K, number>> = {};
  for (const field of Object.keys(spec) as K[]) {
    const test = spec[field];
    const index = normalized.findIndex((n, i) => !taken.has(i) && n !== '' && test(n));
    if (index !== -1) {
      taken.add(index);
      found[field] = index;
    }
  }
  for (const field of required) if (found[field] === undefined) return null;
  return found;
}
