/**
 * The folders directly under src/ are the layers of the program, and imports only go down:
 * a claim is read, its facts gathered, the rules run over them, and what they find is
 * explained, stored and shown. A folder that imports one above it, or two folders that
 * import each other, make every change on one side a change on the other; these checks
 * name the import that does it as `file:line`.
 */
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, importsOfFile, typeScriptFiles } from './support/imports.js';
import { REPO_ROOT } from './support/paths.js';

const SRC = resolve(REPO_ROOT, 'src');

/**
 * Lowest first. A folder may import folders in its own row or a lower one. A file directly
 * in src/ counts as a folder of its name (`errors.ts` is `errors`). Every folder of src/
 * must have a row, so a new one is placed on purpose.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['contract'], // the shapes other programs read (problems, error bodies)
  ['errors', 'text', 'config', 'watch'], // the error catalog, English lists, where things live, watching an edited folder
  ['claim'], // the claim model and its readers
  ['payers'], // payer profiles and the filing window, over claim dates
  ['reference'], // official code sets and edit tables
  ['rules'], // the rule format: it reads payer profiles and checks rule tests' code-set entries
  ['engine'], // scrubbing a claim with a prepared rule set
  ['ruleset'], // the rule set in use: loaded, prepared, tested with its own cases, reloaded on edits
  ['training'], // practice claims planted from the rules' own tests, scored against the scrub, and a trainee's progress
  ['batch'], // files of claims through the engine
  ['intake'], // taking claims in from every door
  ['assistant'], // the chat: answers from findings, rules, code sets and payers
  ['store'], // scrubbed claims kept, with their history
  ['remit'], // what the payer said after the claim was sent: remittances and acknowledgments
  ['access'], // accounts, passwords, sessions and what each role may do
  ['workbench'], // a rule change's effect on the stored history
  ['server'], // the web service
  ['cli'], // the command, which also starts the server
];

/** test/ and bench/ are not shipped with the package, and web/ is the page's own browser code. */
const NOT_SHIPPED = ['test', 'bench', 'web'];

interface Import {
  /** `src/rules/lint.ts:15` */
  at: string;
  specifier: string;
  from: string;
  /** the top-level folder of src/ it reaches, when it reaches one */
  to?: string;
  /** the resolved path, for relative specifiers */
  target?: string;
}

/** The layer name of a path below src/: its first folder, or a top-level file's name. */
function unitOf(path: string): string {
  const parts = relative(SRC, path).split(sep);
  return parts.length === 1 ? parts[0]!.replace(/\.[cm]?[jt]s$/, '') : parts[0]!;
}

/** True for `root` itself and anything inside it. */
function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function srcImports(): Import[] {
  return typeScriptFiles(SRC).flatMap((file) =>
    importsOfFile(file).map(({ specifier, line }) => {
      const at = `${relative(REPO_ROOT, file).split(sep).join('/')}:${line}`;
      if (!specifier.startsWith('.')) return { at, specifier, from: unitOf(file) };
      const target = resolve(dirname(file), specifier);
      return { at, specifier, from: unitOf(file), target, ...(isWithin(SRC, target) && target !== SRC ? { to: unitOf(target) } : {}) };
    }),
  );
}

/** Imports between different folders, grouped by folder and then by the folder they reach. */
function folderGraph(imports: Import[]): Map<string, Map<string, Import[]>> {
  const graph = new Map<string, Map<string, Import[]>>();
  for (const imp of imports) {
    if (imp.to === undefined || imp.to === imp.from) continue;
    const out = graph.get(imp.from) ?? new Map<string, Import[]>();
    graph.set(imp.from, out);
    out.set(imp.to, [...(out.get(imp.to) ?? []), imp]);
  }
  return graph;
}

/** Groups of folders that reach each other (strongly connected, more than one folder), by Tarjan's method. */
function loops(graph: Map<string, Map<string, Import[]>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (stack.includes(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = member === node ? undefined : stack.pop()) group.push(member);
    if (group.length > 1) found.push(group.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

/** Each loop in words, with every import inside it (each lies on a way back to where it starts). */
function describeLoop(group: string[], graph: Map<string, Map<string, Import[]>>): string {
  const edges = group.flatMap((from) =>
    group
      .filter((to) => graph.get(from)?.has(to))
      .map((to) => `  ${from} → ${to}: ${graph.get(from)!.get(to)!.map((imp) => imp.at).join(', ')}`),
  );
  return [`${group.join(', ')} import each other:`, ...edges].join('\n');
}

function rankOf(unit: string): number | undefined {
  const rank = LAYERS.findIndex((row) => row.includes(unit));
  return rank < 0 ? undefined : rank;
}

describe('the import reader these checks rely on', () => {
  it('sees type-only, re-exported, side-effect, split and dynamic imports, and skips comments', () => {
    const text = [
      "import type { A } from './a.js';", // 1
      'import {', // 2
      '  b,', // 3
      "} from '../b.js';", // 4
      "export * from './c.js';", // 5
      "export type { D } from './d.js';", // 6
      "import './e.js';", // 7
      "// import { f } from './not-an-import.js';", // 8
      "const g = await import('./g.js');", // 9
      "let h: import('./h.js').H;", // 10
      "const s = \"import x from './in-a-string.js'\";", // 11
    ].join('\n');
    expect(importsOf('example.ts', text)).toEqual([
      { specifier: './a.js', line: 1 },
      { specifier: '../b.js', line: 4 },
      { specifier: './c.js', line: 5 },
      { specifier: './d.js', line: 6 },
      { specifier: './e.js', line: 7 },
      { specifier: './g.js', line: 9 },
      { specifier: './h.js', line: 10 },
    ]);
  });
});

describe('the folders of src/', () => {
  const imports = srcImports();
  const graph = folderGraph(imports);

  it('are read: the scrubbing path is among the imports found', () => {
    // guards the checks below against passing because nothing was read
    expect(graph.get('engine')?.has('rules')).toBe(true);
    expect(graph.get('server')?.has('engine')).toBe(true);
  });

  it('never import each other, directly or through other folders', () => {
    expect(loops(graph).map((group) => describeLoop(group, graph))).toEqual([]);
  });

  it('each have a place in the layer order', () => {
    const units = new Set(typeScriptFiles(SRC).map(unitOf));
    expect([...units].filter((unit) => rankOf(unit) === undefined).sort()).toEqual([]);
  });

  it('import only their own layer or a lower one', () => {
    const upward = imports
      // a folder without a row fails the check above; it is not judged here
      .filter((imp) => imp.to !== undefined && (rankOf(imp.to) ?? -1) > (rankOf(imp.from) ?? Infinity))
      .map((imp) => `${imp.at} imports ${imp.specifier}: ${imp.from} is below ${imp.to}`);
    expect(upward).toEqual([]);
  });

  it('import nothing from test/, bench/ or web/', () => {
    const outside = imports
      .filter((imp) => imp.target !== undefined && NOT_SHIPPED.some((folder) => isWithin(resolve(REPO_ROOT, folder), imp.target!)))
      .map((imp) => `${imp.at} imports ${imp.specifier}`);
    expect(outside).toEqual([]);
  });
});
