// @ts-check
/**
 * Reading and writing a claim's fields by their contract path (`lines[2].modifiers`,
 * `billingProvider.address.zip`), the same paths findings name. Writes never change the
 * claim given: they answer a copy, so the form can compare what it holds with what was
 * scrubbed.
 */

/** @typedef {Record<string, any>} ClaimObject a claim as the page holds it: JSON, its values unchecked */

/**
 * `lines[2].modifiers` → ['lines', 2, 'modifiers'].
 * @param {string} path
 * @returns {Array<string | number>}
 */
export function pathSegments(path) {
  /** @type {Array<string | number>} */
  const segments = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) throw new Error(`not a claim path: ${path}`);
    if (match[1]) segments.push(match[1]);
    for (const index of (match[2] ?? '').matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

/**
 * @param {unknown} claim
 * @param {string} path
 * @returns {unknown} undefined when the path leads nowhere
 */
export function getPath(claim, path) {
  /** @type {any} */
  let at = claim;
  for (const segment of pathSegments(path)) {
    if (at === null || typeof at !== 'object') return undefined;
    at = at[segment];
  }
  return at;
}

/**
 * A copy of the claim with the value at `path`, making the objects and arrays on the way
 * (a patient block that was null becomes an object). `undefined` takes the field out.
 * @param {ClaimObject} claim
 * @param {string} path
 * @param {unknown} value
 * @returns {ClaimObject}
 */
export function setPath(claim, path, value) {
  const copy = structuredClone(claim);
  const segments = pathSegments(path);
  /** @type {any} */
  let at = copy;
  segments.forEach((segment, i) => {
    if (i === segments.length - 1) {
      if (value === undefined && !Array.isArray(at)) delete at[segment];
      else at[segment] = value;
      return;
    }
    const next = segments[i + 1];
    if (at[segment] === null || typeof at[segment] !== 'object') at[segment] = typeof next === 'number' ? [] : {};
    at = at[segment];
  });
  return copy;
}

/**
 * The control to show for a finding's path among the paths the form has controls for:
 * the path itself, else its first control inside it (`lines[1].modifiers` →
 * `lines[1].modifiers[0]`), else the nearest control above it.
 * @param {string} path
 * @param {string[]} available in the form's order
 * @returns {string | null}
 */
export function controlPathFor(path, available) {
  /** @param {string} at */
  const near = (at) => available.find((candidate) => candidate === at) ?? available.find((candidate) => candidate.startsWith(`${at}.`) || candidate.startsWith(`${at}[`));
  let at = path;
  while (at !== '') {
    const found = near(at);
    if (found) return found;
    at = at.slice(0, Math.max(at.lastIndexOf('.'), at.lastIndexOf('['), 0));
  }
  return null;
}

/**
 * The claim the text holds when it is one claim in JSON (an object with a lines array);
 * null for anything else (X12, FHIR, several claims, text that does not parse).
 * @param {string} text
 * @returns {ClaimObject | null}
 */
export function claimFromText(text) {
  if (!text.trim().startsWith('{')) return null;
  try {
    const value = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Array.isArray(value.lines)) return null;
    // a FHIR Claim is an object too, but it has a resourceType and no contract lines
    if ('resourceType' in value) return null;
    return value;
  } catch {
    return null;
  }
}

/** @param {ClaimObject} claim */
export function claimText(claim) {
  return JSON.stringify(claim, null, 2);
}
