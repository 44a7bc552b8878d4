// @ts-check
/**
 * Building the page from data. Everything a user or a claim file supplies goes in as text
 * nodes, never as markup, so a claim holding `<img onerror=…>` shows those characters and
 * runs nothing.
 */

/**
 * Creates an element. `props` sets attributes (`class`, `id`, `aria-*`, `data-*`, …) and
 * boolean properties (`hidden`, `disabled`); children are nodes or strings (as text).
 * @param {string} tag
 * @param {Record<string, string | number | boolean | null | undefined>} [props]
 * @param {...(Node | string | number | null | undefined | false)} children
 * @returns {HTMLElement}
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    // as attributes, so `disabled` works on any element that has it, not only where it is also a property
    if (name === 'hidden' || name === 'disabled') element.toggleAttribute(name, Boolean(value));
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/**
 * @param {Element} parent
 * @param {Array<Node | string | number | null | undefined | false>} children
 */
export function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** @param {Element} element */
export function clear(element) {
  element.replaceChildren();
}

/**
 * @param {string} id
 * @returns {HTMLElement}
 */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element;
}

/**
 * Shows a message in an error box, or hides the box when the message is empty.
 * @param {HTMLElement} box
 * @param {string} message
 * @param {string | null} [code] the error catalog code of the failure, kept in `data-code`
 */
export function showError(box, message, code = null) {
  box.textContent = message;
  box.hidden = message === '';
  // the code stays with the message, for support and for scripts driving the page
  if (code) box.dataset.code = code;
  else delete box.dataset.code;
}

const numberFormat = new Intl.NumberFormat('en-US');
const moneyFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** @param {number} n */
export function count(n) {
  return numberFormat.format(n);
}

/** @param {unknown} n */
export function money(n) {
  return typeof n === 'number' && Number.isFinite(n) ? moneyFormat.format(n) : '—';
}

/**
 * A plain reading of any claim value: claims are untrusted and may hold anything.
 * @param {unknown} value
 * @returns {string}
 */
export function plain(value) {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value.length > 200 ? `${value.slice(0, 199)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(plain).join(', ');
  return '(not readable)';
}

/** @param {string} iso */
export function when(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** @param {number} n @param {string} one @param {string} [many] */
export function plural(n, one, many = `${one}s`) {
  return `${count(n)} ${n === 1 ? one : many}`;
}
