/**
 * Segments as text, with the interchange's separators. X12 has no escape character, so a
 * value holding a separator (or a control character) would end its element or segment
 * early and shift every field after it: such a value is refused, naming the claim and the
 * field, rather than written as a file that reads back as something else.
 */
import { ScrubjayError } from '../../../errors.js';
import type { Separators } from './options.js';

/** Characters no X12 element may hold: they would read as layout, not data. */
export const CONTROL = /[\u0000-\u001f\u007f]/;

/** Which claim is being written, for the refusal of one of its values. */
export interface WriteScope {
  /** `claim 2 ("C-1002")` */
  label: string;
  index: number;
}

/** One element: its text and, when it comes from the claim, the contract field it holds. */
export type Element = string | { value: string; field: string };

export class SegmentWriter {
  /** segments written since the count was last reset (ST..SE) */
  count = 0;
  private out: string[] = [];
  scope: WriteScope | null = null;
  private readonly forbidden: string[];

  constructor(readonly separators: Separators) {
    this.forbidden = [separators.element, separators.component, separators.repetition, separators.segment];
  }

  /** A value of the claim, checked for characters that cannot stand in an element. */
  value(value: string, field: string): Element {
    return { value, field };
  }

  /** A composite of checked parts; empty trailing components are dropped. */
  composite(parts: ReadonlyArray<Element>): Element {
    const texts = parts.map((p) => this.checked(p));
    let end = texts.length;
    while (end > 0 && texts[end - 1] === '') end--;
    return texts.slice(0, end).join(this.separators.component);
  }

  put(id: string, ...elements: Element[]): void {
    const texts = elements.map((e) => this.checked(e));
    // X12 drops trailing empty elements
    let end = texts.length;
    while (end > 0 && texts[end - 1] === '') end--;
    const body = end === 0 ? '' : this.separators.element + texts.slice(0, end).join(this.separators.element);
    this.raw(`${id}${body}`);
  }

  /** A segment already laid out (the fixed-width ISA). */
  raw(text: string): void {
    this.out.push(text + this.separators.segment + this.separators.lineBreak);
    this.count++;
  }

  take(): string {
    const text = this.out.join('');
    this.out = [];
    return text;
  }

  get pending(): number {
    return this.out.length;
  }

  private checked(element: Element): string {
    if (typeof element === 'string') return element;
    const { value, field } = element;
    for (const separator of this.forbidden) {
      if (value.includes(separator)) this.refuse(field, value, `holds ${JSON.stringify(separator)}, which this interchange uses as a separator`);
    }
    if (CONTROL.test(value)) this.refuse(field, value, 'holds a control character (a line break, tab or the like)');
    return value;
  }

  refuse(field: string, value: string, why: string): never {
    const scope = this.scope;
    // an empty value is named by its field alone
    const shown = value === '' ? '' : ` ${JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value)}`;
    const where = scope === null ? field : `${scope.label}: ${field}`;
    throw new ScrubjayError('SJ_X12_UNWRITABLE_VALUE', `${where}${shown} ${why}; it cannot be written into an 837`, { ...(scope !== null ? { claimIndex: scope.index } : {}), path: field });
  }
}
