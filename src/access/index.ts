/** Accounts, passwords, sessions and what each role may do. */
export { Access, type AccessOptions, type SignInOutcome, type User } from './access.js';
export { Accounts, normalUsername, checkRole, checkPassword, type AccountView } from './accounts.js';
export { accountFiles, type Account, type AccountFiles } from './account-file.js';
export { ROLES, PERMISSIONS, can, isRole, permissionsOf, type Permission, type Role } from './roles.js';
export { MIN_PASSWORD_LENGTH } from './passwords.js';
export { DEFAULT_SESSION_TIMES, type SessionTimes } from './sessions.js';
export { DEFAULT_THROTTLE, type ThrottleLimits } from './throttle.js';
