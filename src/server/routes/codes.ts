/** What a CARC or RARC means, from the code catalog of the rules in use, and the page's example claims. */
import express, { type Request, type Router } from 'express';
import { normalizeCarc, type CodeKind } from '../../rules/codes.js';
import type { ServiceContext } from '../context.js';
import { sendError } from '../http-errors.js';

export function codesRoutes(context: ServiceContext): Router {
  const router = express.Router();

  for (const kind of ['carc', 'rarc'] as const satisfies readonly CodeKind[]) {
    router.get(`/api/codes/${kind}`, (_req, res) => {
      const catalog = context.codes();
      res.json({ kind, codes: catalog.entries(kind), references: catalog.references(kind) });
    });

    router.get(`/api/codes/${kind}/:code`, (req: Request<{ code: string }>, res) => {
      const catalog = context.codes();
      const code = kind === 'carc' ? normalizeCarc(req.params.code) : req.params.code.trim().toUpperCase();
      const meaning = kind === 'carc' ? catalog.carc(code) : catalog.rarc(code);
      if (meaning === undefined) {
        sendError(res, 'SJ_HTTP_NOT_FOUND', `${kind.toUpperCase()} "${code.slice(0, 20)}" is not in the code catalog`, 'code');
        return;
      }
      res.json({ kind, code, meaning });
    });
  }

  router.get('/api/examples', (_req, res) => {
    res.json({ examples: context.examples });
  });

  return router;
}
