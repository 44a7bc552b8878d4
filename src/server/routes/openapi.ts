/** `GET /api/openapi.json`: the OpenAPI 3.1 description of this interface, generated from the contract's schemas. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Router } from 'express';
import { PACKAGE_ROOT } from '../../config/paths.js';
import { openApiDocument, type OpenApiDocument } from '../../contract/openapi.js';

/** The package's version, which the document carries as the interface's. */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
}

export function openApiRoutes(): Router {
  const router = express.Router();
  // built on first ask and kept: it depends on nothing that changes while the service runs
  let document: OpenApiDocument | undefined;
  router.get('/api/openapi.json', (_req, res) => {
    document ??= openApiDocument(packageVersion());
    res.json(document);
  });
  return router;
}
