/**
 * Writing the audit trail from the HTTP and socket layers: who (the signed-in user and
 * role, or the user name tried), what, on which ids, from where. An entry that cannot be
 * written is logged by code; the request it records has already been answered or refused.
 */
import type { User } from '../access/index.js';
import type { AuditAction } from '../store/store.js';
import type { ServiceContext } from './context.js';
import { logStoreFailure } from './keep.js';


export interface AuditNote {
  /** the signed-in user, or for a failed sign-in the name that was tried */
  user: User | { username: string; role: null } | null;
  action: AuditAction;
  target?: string[];
  address: string;
  detail?: string;
}

export function audit(context: Pick<ServiceContext, 'store' | 'logger'>, note: AuditNote): Promise<void> {
  return context.store
    .audit({
      user: note.user?.username ?? null,
      role: note.user?.role ?? null,
      action: note.action,
      target: note.target ?? [],
      address: note.address,
      ...(note.detail !== undefined ? { detail: note.detail } : {}),
    })
    .then(
      () => undefined,
      (error: unknown) => logStoreFailure(context.logger, error, 'an audit entry could not be written'),
    );
}
