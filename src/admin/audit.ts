import { appendAudit } from '../registers/audit.js';
import type { Tx } from '../registers/transaction.js';

// Console audit entries: the actor is the staff user; refs are IDs, codes and counts only.

export type AuditRefs = Record<string, string | number | boolean | string[] | undefined>;

export const staffActor = (userId: string): string => `staff:${userId}`;

/** Appends an entry inside the action's own transaction, so the action and its trace commit together. */
export const auditStaff = (trx: Tx, at: Date, userId: string, action: string, refs: AuditRefs = {}) =>
  appendAudit(trx, {
    at: at.toISOString(),
    actor: staffActor(userId),
    action,
    refs: Object.fromEntries(Object.entries(refs).filter(([, v]) => v !== undefined)),
  });
