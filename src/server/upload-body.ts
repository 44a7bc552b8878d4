/**
 * The body of an upload (a claim file, an official table), read as it streams in: counted
 * against the most one upload may hold, and ended when nothing arrives for the idle limit,
 * so a stalled client cannot hold an upload slot. A refusal is a ScrubjayError (413, 408).
 */
import type { Request, Response } from 'express';
import { ScrubjayError } from '../errors.js';
import { withIdleLimit } from './idle-limit.js';

export interface UploadLimits {
  /** bytes one upload may hold */
  maxBytes: number;
  /** milliseconds without a byte after which the upload is stopped */
  idleMs: number;
}

/** The chunks of `req`, with `counted.bytes` kept up to date (for progress). */
export function uploadBody(req: Request, limits: UploadLimits, name: string, counted: { bytes: number } = { bytes: 0 }): AsyncGenerator<Buffer> {
  return withIdleLimit(countBytes(req, counted, limits.maxBytes, name), limits.idleMs, () => idleUpload(name, limits.idleMs));
}

/** The rest of a stalled upload is not waited for: the connection closes once the refusal is sent. */
export function closeAfterIdle(error: unknown, req: Request, res: Response): void {
  if (!(error instanceof ScrubjayError) || error.code !== 'SJ_HTTP_UPLOAD_IDLE') return;
  if (res.headersSent) {
    req.destroy();
    return;
  }
  res.setHeader('connection', 'close');
  res.once('finish', () => req.destroy());
}

export function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/** Past the limit the upload is refused (413) rather than read on. */
async function* countBytes(req: Request, counted: { bytes: number }, limit: number, name: string): AsyncGenerator<Buffer> {
  for await (const chunk of req as AsyncIterable<Buffer>) {
    counted.bytes += chunk.length;
    if (counted.bytes > limit) {
      throw new ScrubjayError('SJ_INPUT_TOO_LARGE', `${name} is larger than ${megabytes(limit)}, the most one upload may hold`, { file: name });
    }
    yield chunk;
  }
}

function idleUpload(name: string, idleMs: number): ScrubjayError {
  const wait = idleMs >= 1000 ? `${Math.round(idleMs / 1000)} s` : `${idleMs} ms`;
  return new ScrubjayError('SJ_HTTP_UPLOAD_IDLE', `${name}: nothing arrived for ${wait}, so the upload was stopped before its end and not read as a whole file; send it again`, { file: name });
}
