import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTable, openReferenceData } from './src/reference/index.js';
const dir = mkdtempSync(join(tmpdir(), 'cs-'));
await importTable(dir, 'icd10cm', '/work/shared/corpus/icd10cm/FY2026/icd10cm-order-2026.txt');
const icd = openReferenceData(dir).icd10cm('2026-01-01')!;
for (const q of ['diabetes', 'type 2 diabetes mellitus without complications', 'fracture femur', 'zzzzqqq', 'E11.9', 'pain']) {
  const cpu: number[] = []; const wall: number[] = [];
  let r;
  for (let i = 0; i < 30; i++) {
    const c = process.cpuUsage(); const t = process.hrtime.bigint();
    r = icd.table.search(q, 50);
    wall.push(Number(process.hrtime.bigint() - t) / 1e6);
    const d = process.cpuUsage(c); cpu.push((d.user + d.system) / 1000);
  }
  cpu.sort((a, b) => a - b); wall.sort((a, b) => a - b);
  console.log(JSON.stringify(q).padEnd(50), 'total', String(r!.total).padStart(5), 'cpu median', cpu[15]!.toFixed(1), 'wall median', wall[15]!.toFixed(1), 'wall min', wall[0]!.toFixed(1), 'first', wall.length && '');
}
