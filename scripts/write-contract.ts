/** Writes the JSON Schemas of the claim and the result and the field reference from src/contract (`npm run schema`). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contractFiles } from '../src/contract/files.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const file of contractFiles()) {
  const path = join(root, file.path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, file.text);
}
