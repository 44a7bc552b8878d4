/** Accounts from the page, for admins: the same changes `scrubjay users` makes, audited the same way. */
import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { ROLES, type AccountView } from '../../access/index.js';
import { audit } from '../audit.js';
import { userOf } from '../authenticate.js';
import type { ServiceContext } from '../context.js';
import { readParams } from '../http-errors.js';

const newAccount = z.object({
  username: z.string().max(200),
  role: z.string().max(40),
  password: z.string().max(4096),
});

const accountChange = z
  .object({
    role: z.enum(ROLES).optional(),
    state: z.enum(['active', 'disabled']).optional(),
    password: z.string().max(4096).optional(),
  })
  .refine((b) => b.role !== undefined || b.state !== undefined || b.password !== undefined, 'give a role, a state or a password');

const BODY_LIMIT = '16kb';

export function accountRoutes(context: ServiceContext): Router {
  const router = express.Router();
  const { accounts } = context.access;

  router.get('/api/accounts', (_req, res) => {
    res.json({ accounts: accounts.list() });
  });

  router.post('/api/accounts', express.json({ limit: BODY_LIMIT }), async (req: Request, res) => {
    const body = readParams(newAccount, req.body ?? {}, 'body');
    const account = await accounts.add({ username: body.username, role: body.role, password: body.password });
    await audit(context, { user: userOf(res), action: 'user-change', target: [account.username], address: req.ip ?? 'unknown', detail: `added with role ${account.role}` });
    res.status(201).json(account);
  });

  router.patch('/api/accounts/:username', express.json({ limit: BODY_LIMIT }), async (req: Request<{ username: string }>, res) => {
    const body = readParams(accountChange, req.body ?? {}, 'body');
    const name = req.params.username;
    const said: string[] = [];
    // the body names at least one change, and each answers the account as it leaves it
    let account: AccountView | undefined;
    if (body.role !== undefined) {
      account = await accounts.setRole(name, body.role);
      said.push(`role set to ${body.role}`);
    }
    if (body.password !== undefined) {
      account = await accounts.resetPassword(name, body.password);
      said.push('password reset; its sessions ended');
    }
    if (body.state === 'disabled') {
      account = await accounts.disable(name);
      said.push('disabled; its sessions ended');
    } else if (body.state === 'active') {
      account = await accounts.enable(name);
      said.push('enabled');
    }
    await audit(context, { user: userOf(res), action: 'user-change', target: [account!.username], address: req.ip ?? 'unknown', detail: said.join('; ') });
    res.json(account);
  });

  return router;
}
