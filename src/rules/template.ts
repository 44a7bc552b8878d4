/**
 * Message, explanation and fix templates: plain text with `{{fact.path}}` holes, e.g.
 * `{{line.procedureCode}}` or `{{filing.deadline}}`. Holes are resolved against the
 * facts of the item the rule fired on and rendered for a biller to read.
 */
import { display } from '../claim/display.js';
import { ownPathSource, parseFactReference, type PathSegment } from './path.js';

export interface TemplateHole {
  fact: string;
  segments: PathSegment[];
  source: string;
}

type Part = string | TemplateHole;

export interface Template {
  parts: Part[];
  holes: TemplateHole[];
  /** holes whose reference is not of the `fact.field.field` form */
  malformed: string[];
}

const HOLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

export function parseTemplate(text: string): Template {
  const parts: Part[] = [];
  const holes: TemplateHole[] = [];
  const malformed: string[] = [];
  let last = 0;
  for (const match of text.matchAll(HOLE)) {
    const index = match.index ?? 0;
    if (index > last) parts.push(text.slice(last, index));
    const reference = match[1] ?? '';
    const parsed = parseFactReference(reference);
    if (parsed === null) {
      malformed.push(reference);
      parts.push(match[0]);
    } else {
      const hole = { ...parsed, source: reference };
      holes.push(hole);
      parts.push(hole);
    }
    last = index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return { parts, holes, malformed };
}

export type RenderedTemplate = (facts: Readonly<Record<string, unknown>>) => string;

/**
 * A template as one generated function: literal text and direct property reads (own
 * properties only, as `resolveSegments` reads them) joined in a single expression, since
 * a finding renders three templates. Text and names enter the source only as JSON string
 * literals.
 */
export function compileTemplate(template: Template): RenderedTemplate {
  const pieces = template.parts.map((part) => {
    if (typeof part === 'string') return JSON.stringify(part);
    return `D((t = f[${JSON.stringify(part.fact)}], ${ownPathSource(part.segments)}))`;
  });
  const body = pieces.length === 0 ? `''` : pieces.join(' + ');
  const factory = new Function('D', 'H', `return function render(f) { let t; return ${body}; };`) as (...args: unknown[]) => RenderedTemplate;
  return factory(display, Object.prototype.hasOwnProperty);
}
