/**
 * `POST /api/data/import?kind=…`: an official table uploaded from the page, for admins. The
 * body goes to an owner-only file in the data folder first (a table can be hundreds of
 * megabytes), then the same import `scrubjay data import` runs reads it; the data folder's
 * watcher puts the new version in force as it does after a shell import.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { isIsoDate } from '../../claim/dates.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../../config/private-files.js';
import { ScrubjayError } from '../../errors.js';
import { importTable, REFERENCE_KINDS } from '../../reference/index.js';
import { audit } from '../audit.js';
import { userOf } from '../authenticate.js';
import type { ServiceContext } from '../context.js';
import { closeAfterIdle, uploadBody } from '../upload-body.js';
import { readParams } from '../http-errors.js';

const importQuery = z.object({
  kind: z.enum(REFERENCE_KINDS),
  effective: z.string().refine(isIsoDate, 'must be a date written YYYY-MM-DD').optional(),
  name: z.string().trim().min(1).max(200).regex(/^[^/\\]+$/, 'must be a file name, not a path').optional(),
});

export function dataImportRoutes(context: ServiceContext, dataDir: string): Router {
  const router = express.Router();
  let running = false;

  router.post('/api/data/import', async (req: Request, res) => {
    const query = readParams(importQuery, { kind: req.query.kind, effective: req.query.effective, name: req.query.name });
    if (running) {
      req.resume();
      throw new ScrubjayError('SJ_HTTP_BUSY', 'another table is being imported; try again when it has finished');
    }
    running = true;
    const dir = join(dataDir, 'uploads');
    const file = join(dir, `import-${randomBytes(8).toString('hex')}`);
    try {
      await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
      await pipeline(uploadBody(req, { maxBytes: context.limits.batchBytes, idleMs: context.limits.uploadIdleMs }, query.name ?? `the ${query.kind} file`), createWriteStream(file, { mode: PRIVATE_FILE_MODE }));
      const version = await importTable(dataDir, query.kind, file, { ...(query.effective ? { effective: query.effective } : {}), sourceName: query.name ?? `${query.kind} upload` });
      await audit(context, { user: userOf(res), action: 'data-import', target: [version.kind, version.effective], address: req.ip ?? 'unknown', detail: `${version.label}, ${version.rows} rows` });
      res.status(201).json(version);
    } catch (error) {
      closeAfterIdle(error, req, res);
      throw error;
    } finally {
      running = false;
      await rm(file, { force: true });
    }
  });

  return router;
}
