import { ok, type Result, refuse } from '../domain/refusal.js';
import { withTransaction } from '../registers/transaction.js';
import type { OrderRecovery } from './api-types.js';
import { auditIn, terminalActor } from './audit.js';
import type { CenterContext } from './context.js';
import { refundOrder } from './issue.js';
import type { OrderRow } from './orders.js';
import { centerView } from './schema.js';
import type { Terminal } from './terminals.js';

// Kiosk recovery: a kiosk that still holds a resident's cash for an order (it crashed, or the
// center did not answer in time) asks the center to settle that order. Terminal-scoped: the
// order must belong to the calling terminal; no session is needed, because the resident's
// transaction is over. Each step is a conditional UPDATE, so a retry or a second instance
// settles the order once; an issuing attempt whose lease is fenced out can no longer commit.

const REASON = 'kiosk_recovery';
const unknownOrder = () => refuse('INVALID_REQUEST', { field: 'orderId', detail: 'unknown order' });

const findOrder = (ctx: CenterContext, orderId: string) =>
  centerView(ctx.kdb.db).selectFrom('center_orders').selectAll().where('id', '=', orderId).executeTakeFirst();

const answer = (ctx: CenterContext, o: OrderRow, retryAfterMs?: number): OrderRecovery => ({
  orderId: o.id,
  state: o.state,
  totalYen: o.total_yen,
  paidYen: o.paid_yen,
  changeYen: o.change_yen,
  refundYen: o.refund_yen,
  ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  ...(o.state === 'issued'
    ? {
        reprintUntil: new Date(
          Date.parse(o.issued_at ?? o.updated_at) + ctx.settings.reprintWindowMs,
        ).toISOString(),
      }
    : {}),
});

/** Cancels an unpaid order (cash inserted, payment never reported) for recovery. */
const cancelUnpaid = async (ctx: CenterContext, o: OrderRow): Promise<boolean> => {
  const now = ctx.clock.now();
  const iso = now.toISOString();
  return withTransaction(ctx.kdb, async (tx) => {
    const r = await centerView(tx)
      .updateTable('center_orders')
      .set({ state: 'cancelled', updated_at: iso, closed_at: iso, close_reason: REASON })
      .where('id', '=', o.id)
      .where('state', '=', 'awaiting_payment')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await auditIn(tx, now, terminalActor(o.terminal_id), 'order.cancelled', {
      order: o.id,
      refundYen: 0,
      reason: REASON,
    });
    return true;
  });
};

/**
 * Settles an order of this terminal for a kiosk recovering its escrow: unpaid → cancelled,
 * paid → refunded, issuing with an expired lease → refunded (the attempt is fenced out),
 * issuing with a live lease → answered as is with retryAfterMs; issued, completed, refunded
 * and cancelled are answered as they stand. Idempotent.
 */
export const recoverOrder = async (
  ctx: CenterContext,
  terminal: Terminal,
  orderId: string,
): Promise<Result<OrderRecovery>> => {
  for (let round = 0; round < 5; round++) {
    const o = await findOrder(ctx, orderId);
    // Another terminal's order is answered exactly like a missing one.
    if (!o || o.terminal_id !== terminal.id) return unknownOrder();
    switch (o.state) {
      case 'issued':
      case 'completed':
      case 'refunded':
      case 'cancelled':
        return ok(answer(ctx, o));
      case 'awaiting_payment':
        await cancelUnpaid(ctx, o);
        break;
      case 'paid':
        await refundOrder(ctx, o, 'paid', undefined, REASON);
        break;
      case 'issuing': {
        const started = o.issue_started_at ? Date.parse(o.issue_started_at) : 0;
        const left = started + ctx.settings.issueLeaseMs - ctx.clock.now().getTime();
        if (left > 0) return ok(answer(ctx, o, Math.min(Math.max(left, 100), 5_000)));
        await refundOrder(ctx, o, 'issuing', o.issue_attempt, REASON);
        break;
      }
    }
    // Read again: this or a concurrent transition decided the order's state.
  }
  const o = await findOrder(ctx, orderId);
  return o ? ok(answer(ctx, o, 1_000)) : unknownOrder();
};
