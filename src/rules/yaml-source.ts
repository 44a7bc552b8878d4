/**
 * Reads a YAML file and keeps the way back from a value's path to its line and column,
 * so that every problem found later (schema, lint, failing test) can name `file:line:col`.
 */
import { readFileSync } from 'node:fs';
import { isMap, isNode, isScalar, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { ruleProblem, type RuleProblem } from './problems.js';

export type ValuePath = ReadonlyArray<string | number>;

export interface YamlDocument {
  value: unknown;
  /** line and column of the value at `path` (or of its nearest enclosing node) */
  position(path: ValuePath): { line: number; column: number };
  /**
   * line and column of the key that ends `path`, for a problem with the key itself (one
   * that should not be there): its value may start lines later. Falls back to `position`.
   */
  keyPosition(path: ValuePath): { line: number; column: number };
}

export interface YamlFile {
  file: string;
  documents: YamlDocument[];
  problems: RuleProblem[];
}

export function readYamlFile(path: string, displayName: string): YamlFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { file: displayName, documents: [], problems: [ruleProblem('SJ_RULES_UNREADABLE', { file: displayName, line: 1, column: 1 }, `cannot read file: ${(error as Error).message}`)] };
  }
  return parseYaml(text, displayName);
}

export function parseYaml(text: string, displayName: string): YamlFile {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: RuleProblem[] = [];
  const documents: YamlDocument[] = [];
  // an empty file parses to an EmptyStream: no documents, nothing wrong
  const docs = Array.isArray(parsed) ? parsed : [];
  for (const doc of docs) {
    for (const error of doc.errors) {
      const pos = lineCounter.linePos(error.pos[0]);
      problems.push(ruleProblem('SJ_RULES_YAML', { file: displayName, line: pos.line, column: pos.col }, `YAML: ${firstLine(error.message)}`));
    }
    if (doc.errors.length > 0) continue;
    if (doc.contents === null) continue;
    documents.push({
      value: doc.toJS({ maxAliasCount: 100 }),
      position: (path) => positionOf(doc, lineCounter, path),
      keyPosition: (path) => keyPositionOf(doc, lineCounter, path),
    });
  }
  return { file: displayName, documents, problems };
}

function positionOf(doc: Document, lineCounter: LineCounter, path: ValuePath): { line: number; column: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const pos = lineCounter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}

function keyPositionOf(doc: Document, lineCounter: LineCounter, path: ValuePath): { line: number; column: number } {
  if (path.length > 0) {
    const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
    const key = path[path.length - 1];
    const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
    if (pair && isNode(pair.key) && pair.key.range) {
      const pos = lineCounter.linePos(pair.key.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return positionOf(doc, lineCounter, path);
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
