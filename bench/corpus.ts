/** The official tables of the public corpus a loaded benchmark imports: the same ones the tests import. */
export { importCorpusTables } from '../test/corpus/corpus-tables.js';
