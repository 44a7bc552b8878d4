/**
 * Readies a starting service for its first requests. Each table version loaded in the data
 * folder is read now rather than by the first claim that needs it, and the scrub path is
 * run over the shipped example claims until the JIT has compiled it, so the first billers
 * of the day do not wait on either.
 */
import type { Intake } from '../intake/index.js';
import { REFERENCE_KINDS, type ReferenceData, type ReferenceKind } from '../reference/index.js';
import { EXAMPLES_DIR, loadExampleClaims } from './examples.js';

/** Long enough for V8 to optimise the rules, short enough to leave start-up well under its budget. */
const WARM_UP_BUDGET_MS = 250;

export function warmUp(reference: ReferenceData, intake: () => Intake, examplesDir: string = EXAMPLES_DIR): void {
  for (const kind of REFERENCE_KINDS) {
    for (const version of reference.loaded(kind)) readVersion(reference, kind, version.effective);
  }
  // a package without example claims simply skips the JIT warm-up
  const claims = loadExampleClaims(examplesDir);
  if (claims.length === 0) return;
  // the path the doors take, the intake's, not the engine's alone
  const doors = intake();
  const until = performance.now() + WARM_UP_BUDGET_MS;
  while (performance.now() < until) {
    for (const claim of claims) doors.claim(claim, 'example claim');
  }
}

function readVersion(reference: ReferenceData, kind: ReferenceKind, date: string): void {
  switch (kind) {
    case 'icd10cm': reference.icd10cm(date); break;
    case 'hcpcs': reference.hcpcs(date); break;
    case 'ncci-ptp': reference.ptp(date); break;
    case 'mue': reference.mue(date); break;
    case 'mce': reference.mce(date); break;
    case 'pos': reference.pos(date); break;
    case 'pfs': reference.pfs(date); break;
    case 'ncci-aoc': reference.aoc(date); break;
  }
}
