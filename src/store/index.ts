/** The claim store: what the service keeps between runs. */
export type * from './store.js';
export { openClaimStore, type EmbeddedClaimStore, type StoreStats } from './claim-store.js';
export { storeOptionsFromEnv, STORE_DEFAULTS, STORE_ENV, type StoreOptions } from './options.js';
export { storeFiles, type StoreFiles } from './layout.js';
export { appendAudit, auditPaths } from './audit-append.js';
export { verifyAuditChain, type AuditProblem, type AuditProblemKind, type AuditVerification } from './audit-verify.js';
export { hashOf, canonicalEntry, GENESIS_HASH, AUDIT_ACTIONS } from './audit-chain.js';
export type { AuditPaths } from './audit-writer.js';
