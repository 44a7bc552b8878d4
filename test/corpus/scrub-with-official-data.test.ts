import { describeScrubWithOfficialTables } from '../reference/official-data-cases.js';
import { importCorpusTables } from './corpus-tables.js';

// the same findings as on the excerpts, with every table whole (the PTP one: 2.5 million pairs)
describeScrubWithOfficialTables('the full official tables of the corpus', (dir) => importCorpusTables(dir));
