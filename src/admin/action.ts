import { japanDate } from '../domain/japan-time.js';
import { advanceCounter, type Resident, type Tx, withTransaction } from '../registers/index.js';
import { type AuditRefs, auditStaff } from './audit.js';
import type { AdminDeps } from './context.js';
import { type AdminError, type AdminResult, notFound } from './errors.js';
import { findOwnResident } from './residents.js';
import type { Staff } from './staff.js';

// One console action = one transaction with its audit entry: a failure after a write rolls
// everything back, so nothing is ever half-written.

class Rollback extends Error {
  constructor(readonly error: AdminError) {
    super(error.reason ?? error.code);
  }
}

export interface ActionScope {
  trx: Tx;
  now: Date;
  /** Japan date of now: the processing date of register events. */
  today: string;
}

/** Runs `fn` in one transaction; its refs are audited under `action` if it succeeds. */
export const runAction = async <T>(
  deps: AdminDeps,
  staff: Staff,
  action: string,
  fn: (s: ActionScope) => Promise<AdminResult<{ value: T; refs: AuditRefs }>>,
): Promise<AdminResult<T>> => {
  try {
    return await withTransaction(deps.kdb, async (trx) => {
      const now = deps.clock.now();
      const r = await fn({ trx, now, today: japanDate(now) });
      if (!r.ok) throw new Rollback(r.error);
      await auditStaff(trx, now, staff.id, action, r.value.refs);
      return { ok: true as const, value: r.value.value };
    });
  } catch (e) {
    if (e instanceof Rollback) return { ok: false, error: e.error };
    throw e;
  }
};

/** runAction on one resident of the staff member's town. */
export const residentAction = <T>(
  deps: AdminDeps,
  staff: Staff,
  action: string,
  residentId: string,
  fn: (s: ActionScope & { resident: Resident }) => Promise<AdminResult<{ value: T; refs: AuditRefs }>>,
): Promise<AdminResult<T>> =>
  runAction(deps, staff, action, async (s) => {
    const resident = await findOwnResident(s.trx, staff, residentId);
    if (!resident) return notFound('residentId');
    return fn({ ...s, resident });
  });

/** Next value of a named counter inside the running transaction. */
export const nextCounter = (trx: Tx, name: string): Promise<number> => advanceCounter(trx, name, 1);
