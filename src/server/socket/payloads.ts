/**
 * The socket events' payloads. Clients are untrusted: every payload is checked here, and
 * one that does not fit is answered with an `error` event naming the field at fault, while
 * the socket stays usable.
 */
import { z } from 'zod';
import type { ErrorBody } from '../../contract/problem.js';
import type { Finding, ScrubResult } from '../../engine/finding.js';
import { ERROR_CODES, ScrubjayError, errorBody, type ErrorCode } from '../../errors.js';

export const MAX_CHAT_TEXT = 2000;
const MAX_ID = 200;

export const chatMessageSchema = z.object(
  {
    text: z
      .string({ error: 'text must be a string: the question' })
      .trim()
      .min(1, 'text is empty: ask a question')
      .max(MAX_CHAT_TEXT, `text is longer than ${MAX_CHAT_TEXT} characters`),
    /** a stored scrub: its history id, or a claim id scrubbed on this server (the newest scrub of it) */
    claimId: z.string({ error: 'claimId must be a string' }).trim().min(1, 'claimId is empty').max(MAX_ID, `claimId is longer than ${MAX_ID} characters`).nullish(),
    /** a claim in the contract's JSON shape, a FHIR Claim or ExplanationOfBenefit, or the text of an 837 with one claim; checked further when it is read */
    claim: z.unknown().optional(),
  },
  { error: 'chat:message needs an object: { text, claimId?, claim? }' },
);

export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** What the server answers a `chat:message` with: the contract's `{ text, findings?, suggestions? }` and, besides, which stored scrub the conversation is about. */
export interface ChatReply {
  text: string;
  findings?: Finding[];
  suggestions?: string[];
  /** the history id of the scrub the conversation is about; send it back as `claimId` to continue */
  scrubId?: string;
  /** the claim id of that scrub */
  claimId?: string | null;
  /** the scrub result, when the message brought a claim */
  result?: ScrubResult;
}

/**
 * The `error` event: the event it answers and the error body every boundary uses (`error`,
 * `code`, `field`: null when it is the payload as a whole). `message` repeats `error`: the
 * page and older clients read it.
 */
export interface SocketProblem extends ErrorBody {
  event: string;
  message: string;
}

export function socketProblem(event: string, code: ErrorCode, message: string = ERROR_CODES[code].message, field: string | null = null): SocketProblem {
  return { event, error: message, message, code, field };
}

/** An error raised on purpose while handling an event (a claim that cannot be read), with the field named as the event's payload names it. */
export function socketError(event: string, error: ScrubjayError, field: string | null): SocketProblem {
  return { event, ...errorBody(error), message: error.message, field };
}

/** The first problem zod found, as the field it concerns and a message. */
export function problemOf(event: string, error: z.ZodError): SocketProblem {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : null;
  return socketProblem(event, 'SJ_SOCKET_PAYLOAD', issue?.message ?? 'the payload is not valid', field);
}
