export type {
  CodeMatch, SearchCodes, CodeSearchResult, HcpcsCodeEntry, HcpcsModifierEntry, HcpcsTable, IcdEntry, IcdTable, InForce, MceAgeGroup, MceEntry, MceTable, MueEntry,
  MueTable, PosEntry, PosTable, PtpEdit, PtpTable, ReferenceData, ReferenceKind, TableVersion, UndescribedCodes,
} from './types.js';
export { REFERENCE_KINDS, isReferenceKind } from './types.js';
export { ReferenceArgumentError, ReferenceFetchError, ReferenceFormatError, ReferenceStoreError } from './errors.js';
export { importTable, listTables, parseTable, type ImportOptions } from './import.js';
export { openReferenceData } from './reference-data.js';
export { fetchTable, officialUrl, OFFICIAL_SOURCES, type FetchOptions } from './fetch.js';
export { UNDATED_EFFECTIVE } from './versions.js';
export { DEFAULT_MAX_INFLATED_BYTES } from './text/source.js';
export { DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT } from './search.js';
