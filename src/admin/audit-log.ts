import { type SqlBool, sql } from 'kysely';
import { addDays, isPlainDate, japanInstant } from '../domain/japan-time.js';
import { verifyAuditChain } from '../registers/audit.js';
import type { AdminDeps } from './context.js';
import { done, invalid } from './errors.js';

// The audit log, searchable, and the check of its hash chain.

export interface AuditQuery {
  actor?: string;
  action?: string;
  /** A reference (resident ID, serial, 固有番号 …) contained in the entry's refs. */
  ref?: string;
  from?: string;
  to?: string;
  beforeSeq?: number;
  limit?: number;
}

const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export const searchAudit = async (deps: AdminDeps, q: AuditQuery) => {
  for (const [k, v] of Object.entries({ actor: q.actor, action: q.action, ref: q.ref }))
    if (v !== undefined && v.length > 100) return invalid(k, 'too long');
  if (q.from && !isPlainDate(q.from)) return invalid('from', 'YYYY-MM-DD');
  if (q.to && !isPlainDate(q.to)) return invalid('to', 'YYYY-MM-DD');
  const limit = Math.min(Math.max(q.limit ?? 100, 1), 500);
  let query = deps.kdb.db.selectFrom('audit_log').selectAll();
  const like = (col: 'actor' | 'action' | 'refs', pattern: string) =>
    sql<SqlBool>`${sql.ref(col)} like ${pattern} escape '\\'`;
  if (q.actor) query = query.where(like('actor', `%${likeEscape(q.actor)}%`));
  if (q.action) query = query.where(like('action', `${likeEscape(q.action)}%`));
  if (q.ref) query = query.where(like('refs', `%${likeEscape(q.ref)}%`));
  if (q.from) query = query.where('at', '>=', japanInstant(q.from).toISOString());
  if (q.to) query = query.where('at', '<', japanInstant(addDays(q.to, 1)).toISOString());
  if (q.beforeSeq !== undefined) query = query.where('seq', '<', q.beforeSeq);
  const rows = await query.orderBy('seq', 'desc').limit(limit).execute();
  return done({
    entries: rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      actor: r.actor,
      action: r.action,
      refs: JSON.parse(r.refs) as unknown,
      hash: r.hash,
    })),
  });
};

export const checkAuditChain = async (deps: AdminDeps) => done(await verifyAuditChain(deps.kdb));
