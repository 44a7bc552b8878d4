/**
 * Builds the page's rule editor: CodeMirror, the YAML reader and the rule vocabulary, as
 * one browser module at web/dist/editor.js (served as /dist/editor.js). The rest of the page
 * is loaded as it is written; only the editor needs packages from node_modules.
 *
 *   node scripts/build-web.mjs
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const EDITOR_BUNDLE = join(ROOT, 'web', 'dist', 'editor.js');

/**
 * The operators a condition may use, read from the engine's own table so the editor offers
 * exactly what the linter accepts. The table module pulls in the regular-expression engine,
 * which the page does not need: it is evaluated here, at build time, and only the names go in.
 */
async function operatorVocabulary() {
  const built = await esbuild.build({
    stdin: {
      contents: "export { BUILT_IN_OPERATORS, customOperators } from './src/rules/operators.ts';",
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const code = built.outputFiles[0].text;
  const table = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return [...table.BUILT_IN_OPERATORS, ...table.customOperators(() => undefined)].map((op) => ({
    name: op.name,
    valueKind: op.valueKind,
    description: op.description,
  }));
}

export async function buildWeb() {
  mkdirSync(dirname(EDITOR_BUNDLE), { recursive: true });
  const operators = await operatorVocabulary();
  await esbuild.build({
    entryPoints: [join(ROOT, 'web', 'editor', 'editor.js')],
    outfile: EDITOR_BUNDLE,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    legalComments: 'linked',
    define: { SCRUBJAY_OPERATORS: JSON.stringify(operators) },
    logLevel: 'warning',
  });
  return EDITOR_BUNDLE;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildWeb();
}
