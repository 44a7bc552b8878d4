/**
 * The types the page's modules are checked against (`npm run typecheck`), taken from the
 * schemas the service is typed with and its OpenAPI description is written from. Only the
 * type checker reads this file; the browser never loads it.
 */
export type { Claim, ClaimInput, ClaimLine } from '../../src/contract/claim.js';
export type { BatchResult, ClaimStatus, Finding, ScrubResult, Severity } from '../../src/contract/result.js';
export type { ErrorBody } from '../../src/contract/problem.js';
export type { DenialGroup, MissedReport } from '../../src/contract/report.js';
export type {
  BatchSummary,
  ChatTurn,
  CodeList,
  CodeMeaning,
  Health,
  HistoryPage,
  HistoryRecord,
  PageExamples,
  ReadClaim,
  RulesStatus,
  ScrubRecord,
  ScrubSummary,
  TextScrub,
} from '../../src/contract/service.js';
export type { Correction, CorrectionRequest } from '../../src/contract/correction.js';
