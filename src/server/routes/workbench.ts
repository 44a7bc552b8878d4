/**
 * The rules workbench over HTTP: the rule files, drafts checked whole, the preview of a draft
 * over the stored history, publishing with a reason, the versions with their diffs and
 * restore, and the views compliance staff browse. Every route needs `rules:write` (the route
 * table says so); each change is audited with who made it and why.
 */
import express, { type Request, type Response, type Router } from 'express';
import type { User } from '../../access/index.js';
import { DraftRequestSchema, PreviewRequestSchema, ReasonSchema } from '../../contract/workbench.js';
import { ScrubjayError, errorBody } from '../../errors.js';
import type { LoadedRule } from '../../rules/rule.js';
import { RulesConflictError, type RulesHistory } from '../../ruleset/history/history.js';
import { firesOnMoreThanHalf, neverFired, previewImpact, ruleFiring, ruleStats } from '../../workbench/index.js';
import { audit } from '../audit.js';
import { userOf } from '../authenticate.js';
import type { ServiceContext } from '../context.js';
import { readParams, sendError } from '../http-errors.js';
import { z } from 'zod';

/** Where a user's own sockets hear of their preview's progress. */
export type UserNotifier = (username: string, event: string, payload: unknown) => void;

/** a draft carries whole rule files; the shipped set is a few hundred kilobytes in all */
const DRAFT_BODY_LIMIT = 8 * 1024 * 1024;
const SMALL_BODY_LIMIT = 64 * 1024;
const BROWSE_DAYS = 30;
const INSIGHT_DAYS = 90;
const MAX_DAYS = 3660;

const daysQuery = (fallback: number) =>
  z.object({
    days: z
      .string()
      .regex(/^\d+$/, 'must be a whole number of days')
      .transform(Number)
      .pipe(z.number().int().min(1, 'must be at least 1').max(MAX_DAYS, `must be at most ${MAX_DAYS}`))
      .optional()
      .transform((days) => days ?? fallback),
  });

export function workbenchRoutes(context: ServiceContext, notify: UserNotifier): Router {
  const router = express.Router();
  const history = (): RulesHistory => context.history;
  const address = (req: Request): string => req.ip ?? 'unknown';
  const author = (user: User) => ({ name: user.username, role: user.role });

  /** A publish or restore, audited either way: the rules changing is what the audit trail is for, and so is a refused attempt. */
  const changeRules = async (res: Response, req: Request, what: 'publish' | 'restore', target: string, work: (user: User, reason: string) => Promise<{ version: string; hash: string }>): Promise<void> => {
    const user = userOf(res);
    const { reason } = readParams(ReasonSchema, req.body, 'body');
    try {
      const { version, hash } = await work(user, reason);
      await audit(context, { user, action: what === 'publish' ? 'rules-publish' : 'rules-restore', target: [version, hash], address: address(req), detail: reason });
      res.json({ version, hash });
    } catch (error) {
      if (error instanceof ScrubjayError) {
        await audit(context, { user, action: 'rules-rejected', target: [target, error.code], address: address(req), detail: `${what}: ${error.message}` });
      }
      if (error instanceof RulesConflictError) {
        // the contract's 409 names the files that changed since the draft's base
        res.status(409).json({ ...errorBody(error), files: [...error.files], inForce: error.inForce });
        return;
      }
      throw error;
    }
  };

  router.get('/api/rules/files', async (_req, res) => {
    res.json(await history().files());
  });

  router.get('/api/rules/files/*path', async (req: Request<{ path: string[] }>, res) => {
    const text = await history().fileText(req.params.path.join('/'));
    res.type('text/plain; charset=utf-8').send(text);
  });

  router.post('/api/rules/drafts', express.json({ limit: DRAFT_BODY_LIMIT }), async (req, res) => {
    const body = readParams(DraftRequestSchema, req.body, 'body');
    const report = await history().draft(body);
    res.status(201).json(report);
  });

  router.post('/api/rules/drafts/:id/preview', express.json({ limit: SMALL_BODY_LIMIT }), async (req: Request<{ id: string }>, res) => {
    const user = userOf(res);
    const { limit } = readParams(PreviewRequestSchema, req.body ?? {}, 'body');
    const draftId = req.params.id;
    const draft = await history().draftRuleSet(draftId);
    if (!draft) {
      sendError(res, 'SJ_RULES_CHANGE_REFUSED', 'the draft does not load (see its problems), so there is nothing to preview');
      return;
    }
    // a request that goes away stops the pass: nobody is waiting for it any more
    const stop = new AbortController();
    res.on('close', () => stop.abort(new Error('the request was closed')));
    const started = performance.now();
    const preview = await previewImpact({
      store: context.store,
      inForce: context.rules.current(),
      draft,
      reference: context.reference,
      ...(limit !== undefined ? { limit } : {}),
      signal: stop.signal,
      onProgress: (done, total) => notify(user.username, 'workbench:preview-progress', { draftId, done, total }),
    });
    res.json({ ...preview, ms: Math.round(performance.now() - started) });
  });

  router.post('/api/rules/drafts/:id/publish', express.json({ limit: SMALL_BODY_LIMIT }), async (req: Request<{ id: string }>, res) => {
    const draftId = req.params.id;
    await changeRules(res, req, 'publish', draftId, (user, reason) => history().publish({ draftId, author: author(user), reason }));
  });

  router.get('/api/rules/versions', async (_req, res) => {
    res.json(await history().versions());
  });

  router.get('/api/rules/versions/:version/diff', async (req: Request<{ version: string }>, res) => {
    res.type('text/plain; charset=utf-8').send(await history().diff(req.params.version));
  });

  router.post('/api/rules/versions/:version/restore', express.json({ limit: SMALL_BODY_LIMIT }), async (req: Request<{ version: string }>, res) => {
    const version = req.params.version;
    await changeRules(res, req, 'restore', version, (user, reason) => history().restore(version, { author: author(user), reason }));
  });

  router.get('/api/workbench/rules', async (req, res) => {
    const { days } = readParams(daysQuery(BROWSE_DAYS), { days: req.query.days });
    const { ruleSet } = context.rules.current();
    const stats = await ruleStats(context.store, { now: new Date(), days });
    const firing = new Map(ruleFiring(ruleSet, stats).map((f) => [f.ruleId, f]));
    const fileOf = new Map((await history().files()).flatMap((file) => file.rules.map((id) => [id, file.path] as const)));
    res.json({
      rulesetVersion: ruleSet.version,
      rulesetHash: ruleSet.hash,
      since: stats.since,
      days,
      scrubs: stats.scrubs,
      rules: ruleSet.rules.map((rule) => ({ ...browsed(rule, fileOf.get(rule.id) ?? rule.source.file), fired: firing.get(rule.id)?.scrubs ?? 0, share: firing.get(rule.id)?.share ?? 0 })),
    });
  });

  router.get('/api/workbench/insights', async (req, res) => {
    const { days } = readParams(daysQuery(INSIGHT_DAYS), { days: req.query.days });
    const { ruleSet, byId } = context.rules.current();
    const stats = await ruleStats(context.store, { now: new Date(), days });
    const title = (id: string): string => byId.get(id)?.rule.title ?? id;
    res.json({
      since: stats.since,
      days,
      scrubs: stats.scrubs,
      neverFired: neverFired(ruleSet, stats).map((ruleId) => ({ ruleId, title: title(ruleId) })),
      overHalf: firesOnMoreThanHalf(ruleSet, stats).map((f) => ({ ruleId: f.ruleId, title: title(f.ruleId), scrubs: f.scrubs, share: f.share })),
    });
  });

  return router;
}

/** What the workbench shows of a rule besides its counts: where it is written and what it leans on. */
function browsed(rule: LoadedRule, file: string) {
  return {
    id: rule.id,
    title: rule.title,
    category: rule.category,
    severity: rule.severity,
    carc: rule.carc ?? null,
    scope: rule.scope,
    appliesTo: rule.appliesTo ?? null,
    references: rule.references,
    lists: listsOf(rule.conditions),
    tests: rule.tests.map((t) => t.name),
    source: { file, line: rule.source.line },
  };
}

const LIST_OPERATORS = new Set(['inList', 'notInList']);

/** The named code lists a rule's conditions use, in the order first used. */
function listsOf(condition: unknown, found: string[] = []): string[] {
  if (Array.isArray(condition)) {
    for (const part of condition) listsOf(part, found);
  } else if (condition !== null && typeof condition === 'object') {
    const c = condition as Record<string, unknown>;
    if (typeof c.operator === 'string' && LIST_OPERATORS.has(c.operator) && typeof c.value === 'string' && !found.includes(c.value)) found.push(c.value);
    for (const key of ['all', 'any', 'not']) if (key in c) listsOf(c[key], found);
  }
  return found;
}
