/**
 * Message, explanation and fix templates: plain text with `{{fact.path}}` holes, e.g.
 * `{{line.procedureCode}}` or `{{filing.deadline}}`. Holes are resolved against the
 * facts of the item the rule fired on and rendered for a biller to read.
 */
import { display } from '../claim/display.js';
import { parsePath, resolveSegments, type PathSegment } from './path.js';

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
    const dot = reference.search(/[.[]/);
    const fact = dot === -1 ? reference : reference.slice(0, dot);
    const segments = /^[A-Za-z_]\w*$/.test(fact) ? parsePath(`$${dot === -1 ? '' : reference.slice(dot)}`) : null;
    if (segments === null) {
      malformed.push(reference);
      parts.push(match[0]);
    } else {
      const hole = { fact, segments, source: reference };
      holes.push(hole);
      parts.push(hole);
    }
    last = index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return { parts, holes, malformed };
}

export function renderTemplate(template: Template, facts: Readonly<Record<string, unknown>>): string {
  let out = '';
  for (const part of template.parts) {
    out += typeof part === 'string' ? part : display(resolveSegments(facts[part.fact], part.segments));
  }
  return out;
}

