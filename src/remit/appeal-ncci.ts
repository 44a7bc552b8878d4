/**
 * The NCCI procedure-to-procedure pairs behind a bundling denial (CARC 97): each denied
 * line's code against every other code the remittance shows on the same date, looked up in
 * the edit table in force on that date. A letter cites the edit and its modifier indicator,
 * or that no edit pairs the codes, as the table says; without a table it cites nothing.
 */
import type { PtpTable, ReferenceData } from '../reference/types.js';
import type { CodeList } from '../rules/lists.js';
import type { PtpCheck } from './appeal-types.js';
import { isDenial } from './denials.js';
import type { ExplainedRemit } from './types.js';

export interface PtpSource {
  /** the edit table in force on a date, or undefined when none is loaded */
  ptp(date: string): { version: string; table: PtpTable } | undefined;
  /** whether a modifier is NCCI-associated (the rule set's list ncci-ptp-modifiers) */
  isNcciModifier(modifier: string): boolean;
}

export function ptpChecksFor(remit: ExplainedRemit, source: PtpSource): PtpCheck[] {
  const checks: PtpCheck[] = [];
  for (const line of remit.lines) {
    const bundled = line.adjustments.some((a) => a.carc === '97' && isDenial(a, remit.status.code));
    if (!bundled || line.procedureCode === null || line.serviceDate === null) continue;
    const inForce = source.ptp(line.serviceDate);
    if (inForce === undefined) continue;
    for (const other of remit.lines) {
      if (other === line || other.procedureCode === null || other.procedureCode === line.procedureCode || other.serviceDate !== line.serviceDate) continue;
      const date = line.serviceDate;
      const live = (e: ReturnType<PtpTable['get']>) => (e !== undefined && (e.deleted === null || e.deleted >= date) ? e : undefined);
      const edit = live(inForce.table.get(line.procedureCode, other.procedureCode)) ?? live(inForce.table.get(other.procedureCode, line.procedureCode));
      const ncciModifiers = [...new Set([...line.modifiers, ...other.modifiers].filter((m) => source.isNcciModifier(m)))];
      checks.push({
        line: line.line,
        column1: edit?.column1 ?? other.procedureCode,
        column2: edit?.column2 ?? line.procedureCode,
        modifierIndicator: edit?.modifierIndicator ?? null,
        rationale: edit?.rationale ?? null,
        version: inForce.version,
        ncciModifiers,
      });
    }
  }
  return checks;
}

/** The loaded edit tables and the rule set's NCCI-associated modifiers, as the lookup reads them. */
export function ptpSourceOf(reference: Pick<ReferenceData, 'ptp'>, lists: ReadonlyMap<string, CodeList>): PtpSource {
  const modifiers = lists.get('ncci-ptp-modifiers');
  return {
    ptp: (date) => {
      const found = reference.ptp(date);
      return found === undefined ? undefined : { version: found.version.label, table: found.table };
    },
    isNcciModifier: (modifier) => modifiers?.has(modifier) ?? false,
  };
}
