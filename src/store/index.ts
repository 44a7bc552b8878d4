/** The claim store: what the service keeps between runs. */
export type * from './store.js';
export { openClaimStore, type EmbeddedClaimStore, type StoreStats } from './claim-store.js';
export { storeOptionsFromEnv, STORE_DEFAULTS, STORE_ENV, type StoreOptions } from './options.js';
export { storeFiles, type StoreFiles } from './layout.js';
