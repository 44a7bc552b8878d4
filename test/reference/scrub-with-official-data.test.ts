import { importFixtureTables } from '../support/fixture-tables.js';
import { describeScrubWithOfficialTables } from './official-data-cases.js';

describeScrubWithOfficialTables('excerpts of the official tables', importFixtureTables);
