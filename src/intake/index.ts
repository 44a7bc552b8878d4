/** The one intake every door calls, and the result of a claim as read. */
export { Intake, refuseUnusable, unusableCode, type FileOptions, type IntakeOptions, type Intaken, type KnownClaim } from './intake.js';
export { type BatchResult, type ResultSource } from './scrub-read.js';
