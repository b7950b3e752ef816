import { appendAudit } from '../registers/audit.js';
import type { KofuDatabase } from '../registers/database.js';
import { type Tx, withWriterTransaction } from '../registers/transaction.js';

// Center audit entries: the actor is the terminal; refs are IDs, serials, codes and yen,
// never names or addresses.

export type AuditRefs = Record<string, string | number | boolean | string[] | undefined>;

const clean = (refs: AuditRefs): Record<string, unknown> =>
  Object.fromEntries(Object.entries(refs).filter(([, v]) => v !== undefined));

/** Appends an entry inside a running transaction. */
export const auditIn = (trx: Tx, at: Date, actor: string, action: string, refs: AuditRefs) =>
  appendAudit(trx, { at: at.toISOString(), actor, action, refs: clean(refs) });

/** Appends an entry in its own short transaction. */
export const auditNow = (kdb: KofuDatabase, at: Date, actor: string, action: string, refs: AuditRefs) =>
  withWriterTransaction(kdb, (trx) => auditIn(trx, at, actor, action, refs));

export const terminalActor = (terminalId: string): string => `terminal:${terminalId}`;
