/**
 * Every module a TypeScript file names: `import` and `export … from` (type-only ones too,
 * since they tie the folders together just as much), side-effect imports, `import()` calls
 * and `import('…')` types. Read with the compiler's own parser, so comments, strings and
 * imports split over several lines cannot fool it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export interface ImportSite {
  /** the module as written (`../engine/scrub.js`, `zod`) */
  specifier: string;
  /** 1-based line of the specifier */
  line: number;
}

export function importsOf(fileName: string, text: string): ImportSite[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const sites: ImportSite[] = [];
  const record = (literal: ts.Node | undefined): void => {
    if (literal === undefined || !ts.isStringLiteralLike(literal)) return;
    sites.push({ specifier: literal.text, line: source.getLineAndCharacterOfPosition(literal.getStart(source)).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) record(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) record(node.moduleReference.expression);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) record(node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) record(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

/** The `.ts` files below `dir`, as absolute paths, in a stable order. */
export function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => join(dir, name));
}

export function importsOfFile(file: string): ImportSite[] {
  return importsOf(file, readFileSync(file, 'utf8'));
}
