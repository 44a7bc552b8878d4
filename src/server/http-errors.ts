/**
 * JSON errors for the REST API: one body for every refusal (`ErrorBody`: a message a person
 * can act on, the catalog code a program can branch on, the field at fault), never a stack
 * trace. Query strings are untrusted input like bodies, so they are read through zod
 * schemas and a bad one names its parameter.
 */
import type { Response } from 'express';
import type { z } from 'zod';
import type { ErrorBody } from '../contract/problem.js';
import { ERROR_CODES, ScrubjayError, errorBody, statusOf, type ErrorCode } from '../errors.js';

/** Answers a refusal of the HTTP layer's own; the status is the code's, unless the error at hand knows better (a parser's 415). */
export function sendError(res: Response, code: ErrorCode, message: string = ERROR_CODES[code].message, field: string | null = null, status: number = statusOf(code)): void {
  const body: ErrorBody = { error: message, code, field };
  res.status(status).json(body);
}

/** Answers an error raised on purpose somewhere below the routes, with its code's status. */
export function sendScrubjayError(res: Response, error: ScrubjayError): void {
  res.status(error.status).json(errorBody(error));
}

/** Parses request parameters, or throws a ScrubjayError naming the first parameter at fault (answered 400). */
export function readParams<T>(schema: z.ZodType<T>, params: unknown, what = 'query'): T {
  const parsed = schema.safeParse(params);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') || null;
  throw new ScrubjayError('SJ_ARGUMENT_INVALID', `${what} parameter ${field ?? ''}: ${issue?.message ?? 'not valid'}`.replace('parameter :', 'parameters:'), field ? { path: field } : {});
}
