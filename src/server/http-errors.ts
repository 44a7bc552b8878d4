/**
 * JSON errors for the REST API: a message a person can act on and the field at fault,
 * never a stack trace. Query strings are untrusted input like bodies, so they are read
 * through zod schemas and a bad one names its parameter.
 */
import type { Response } from 'express';
import type { z } from 'zod';
import { ScrubjayError } from '../errors.js';

/** The error body's catalog code for an answer that no ScrubjayError stands behind, by its status. */
const STATUS_CODES: Readonly<Record<number, string>> = {
  400: 'SJ_REQUEST_INVALID',
  403: 'SJ_ORIGIN_REFUSED',
  404: 'SJ_NOT_FOUND',
  413: 'SJ_INPUT_TOO_LARGE',
  429: 'SJ_TOO_MANY_REQUESTS',
  500: 'SJ_INTERNAL',
  503: 'SJ_UNAVAILABLE',
};

export function sendError(res: Response, status: number, message: string, field: string | null = null, code = STATUS_CODES[status] ?? 'SJ_REQUEST_FAILED'): void {
  res.status(status).json({ error: message, code, field });
}

/** Parses request parameters, or throws a ScrubjayError naming the first parameter at fault (answered 400). */
export function readParams<T>(schema: z.ZodType<T>, params: unknown, what = 'query'): T {
  const parsed = schema.safeParse(params);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') || null;
  throw new ScrubjayError('ARGUMENT_INVALID', `${what} parameter ${field ?? ''}: ${issue?.message ?? 'not valid'}`.replace('parameter :', 'parameters:'), field ? { path: field } : {});
}
