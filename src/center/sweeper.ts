import { withTransaction } from '../registers/transaction.js';
import { auditIn, terminalActor } from './audit.js';
import { purgeExpiredChallenges } from './challenge-store.js';
import type { CenterContext } from './context.js';
import { refundOrder } from './issue.js';
import { centerView } from './schema.js';
import { endSession } from './sessions.js';

// Recovery and erasure, run at start-up and then periodically by every instance (each
// step is a conditional UPDATE, so instances running it at once do no harm):
// - idle sessions end (unpaid orders cancelled, paid-not-issued refunded);
// - orders abandoned in 'paid' or 'issuing' (kiosk and center gone) are refunded;
// - documents not confirmed within the reprint window are deleted, the order closed.

export interface SweepResult {
  sessionsEnded: number;
  refunded: number;
  expiredDocuments: number;
}

export const sweep = async (ctx: CenterContext): Promise<SweepResult> => {
  const db = centerView(ctx.kdb.db);
  const now = ctx.clock.now();
  const at = (ms: number) => new Date(now.getTime() - ms).toISOString();
  await purgeExpiredChallenges(db, now);
  const idle = await db
    .selectFrom('center_sessions')
    .select('id')
    .where('state', '!=', 'ended')
    .where('last_seen_at', '<', at(ctx.settings.idleTimeoutMs))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('center_orders')
            .select('center_orders.id')
            .whereRef('center_orders.session_id', '=', 'center_sessions.id')
            .where('center_orders.state', 'in', ['paid', 'issuing', 'issued']),
        ),
      ),
    )
    .execute();
  let sessionsEnded = 0;
  for (const s of idle) if (await endSession(ctx, s.id, 'timeout')) sessionsEnded++;
  const abandoned = await db
    .selectFrom('center_orders')
    .selectAll()
    .where('state', 'in', ['paid', 'issuing'])
    .where('updated_at', '<', at(ctx.settings.abandonAfterMs))
    .execute();
  let refunded = 0;
  for (const o of abandoned) if (await refundOrder(ctx, o, o.state, o.issue_attempt, 'abandoned')) refunded++;
  const stale = await db
    .selectFrom('center_orders')
    .selectAll()
    .where('state', '=', 'issued')
    .where('issued_at', '<', at(ctx.settings.reprintWindowMs))
    .execute();
  let expiredDocuments = 0;
  for (const o of stale) {
    const iso = now.toISOString();
    const done = await withTransaction(ctx.kdb, async (tx) => {
      const cdb = centerView(tx);
      const r = await cdb
        .updateTable('center_orders')
        .set({ state: 'completed', updated_at: iso, closed_at: iso, close_reason: 'unconfirmed_expired' })
        .where('id', '=', o.id)
        .where('state', '=', 'issued')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await cdb
        .updateTable('center_documents')
        .set({ content: null, deleted_at: iso })
        .where('order_id', '=', o.id)
        .where('deleted_at', 'is', null)
        .execute();
      await auditIn(tx, now, terminalActor(o.terminal_id), 'order.expired', { order: o.id });
      return true;
    });
    if (done) expiredDocuments++;
  }
  if (sessionsEnded + refunded + expiredDocuments > 0)
    ctx.log.info({ sessionsEnded, refunded, expiredDocuments }, 'sweep');
  return { sessionsEnded, refunded, expiredDocuments };
};
