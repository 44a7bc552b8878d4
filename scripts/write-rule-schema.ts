/** Writes rules/rule.schema.json from the schema the loader validates with (`npm run schema`). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHIPPED_RULES_DIR } from '../src/config/paths.js';
import { ruleSchema } from '../src/rules/schema.js';

writeFileSync(join(SHIPPED_RULES_DIR, 'rule.schema.json'), `${JSON.stringify(ruleSchema, null, 2)}\n`);
