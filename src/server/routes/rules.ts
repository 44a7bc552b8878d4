/** The rule set in force: the list, one rule, and whether the last edit of the files was accepted. */
import express, { type Request, type Router } from 'express';
import type { ServiceContext } from '../context.js';
import { sendError } from '../http-errors.js';
import { ruleDetail, ruleSummary, rulesStatusFor } from '../rule-views.js';
import { userOf } from '../authenticate.js';

export function rulesRoutes(context: ServiceContext): Router {
  const router = express.Router();

  router.get('/api/health', (_req, res) => {
    const { ruleSet } = context.rules.current();
    res.json({ status: 'ok', rulesetVersion: ruleSet.version, rules: ruleSet.rules.length, rulesState: context.rules.status().state });
  });

  router.get('/api/rules', (_req, res) => {
    const { ruleSet } = context.rules.current();
    res.json({ rulesetVersion: ruleSet.version, rules: ruleSet.rules.map(ruleSummary) });
  });

  // before `/api/rules/:id`, which would otherwise take "status" for a rule id
  router.get('/api/rules/status', (_req, res) => {
    res.json(rulesStatusFor(context.rules.status(), userOf(res).role));
  });

  router.get('/api/rules/:id', (req: Request<{ id: string }>, res) => {
    const rule = context.rules.current().byId.get(req.params.id);
    if (!rule) {
      sendError(res, 'SJ_HTTP_NOT_FOUND', `no rule with id "${req.params.id.slice(0, 100)}"`, 'id');
      return;
    }
    res.json(ruleDetail(rule.rule));
  });

  router.get('/api/data/status', (_req, res) => {
    res.json(context.referenceStatus());
  });

  return router;
}
