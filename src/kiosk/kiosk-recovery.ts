import type { CenterApi } from './center-api.js';
import type { CashBox, Denomination } from './devices/cash-box.js';

// Kiosk recovery: cash still in escrow (`cashBox.pending()`) after a crash, or after a
// transaction that ended without the center's word, is settled by the center's word only:
// refunded/cancelled → handed back (to the return tray, noted); issued/completed → the fee is
// kept and the change paid out; still open → asked again next time. The center first, then
// the cash box: a crash between them is repaired by the next run (both steps are idempotent).

export type RecoveryAction = 'refunded' | 'kept' | 'held';

export interface RecoveredOrder {
  orderId: string;
  action: RecoveryAction;
  /** The order's state at the center (absent when the center did not answer). */
  centerState?: string;
  /** Pieces handed back (refunded) or paid out as change (kept). */
  pieces: Denomination[];
  detail?: string;
}

export interface RecoveryReport {
  orders: RecoveredOrder[];
  /** Orders whose cash is still held: ask again later. */
  held: number;
}

const REFUND_NOTE = 'recovery: refunded by the center; handed back to the return tray';
const KEEP_NOTE = 'recovery: issued at the center; fee kept, change to the return tray';

/** Settles every order whose cash the box still holds, by asking the center about each. */
export const recoverEscrow = async (deps: { api: CenterApi; cashBox: CashBox }): Promise<RecoveryReport> => {
  const orders: RecoveredOrder[] = [];
  for (const h of deps.cashBox.pending()) {
    const r = await deps.api.recover(h.orderId);
    if (!r.ok) {
      // The center does not know the order for this terminal: nothing was charged.
      if (r.error.status === 400 && r.error.detail === 'unknown order') {
        const back = deps.cashBox.refund(h.orderId, `${REFUND_NOTE} (unknown to the center)`);
        orders.push({
          orderId: h.orderId,
          action: back.ok ? 'refunded' : 'held',
          pieces: back.ok ? back.value : [],
          detail: 'unknown order',
        });
        continue;
      }
      orders.push({ orderId: h.orderId, action: 'held', pieces: [], detail: r.error.code });
      continue;
    }
    const { state, totalYen } = r.value;
    if (state === 'refunded' || state === 'cancelled') {
      const back = deps.cashBox.refund(h.orderId, REFUND_NOTE);
      orders.push({
        orderId: h.orderId,
        action: back.ok ? 'refunded' : 'held',
        centerState: state,
        pieces: back.ok ? back.value : [],
        ...(back.ok ? {} : { detail: back.error.detail }),
      });
    } else if (state === 'issued' || state === 'completed') {
      const change = deps.cashBox.settle(h.orderId, totalYen, KEEP_NOTE);
      orders.push({
        orderId: h.orderId,
        action: change.ok ? 'kept' : 'held',
        centerState: state,
        pieces: change.ok ? change.value : [],
        detail: change.ok
          ? r.value.reprintUntil
            ? `reprintable until ${r.value.reprintUntil}`
            : 'printed'
          : change.error.detail,
      });
    } else {
      orders.push({ orderId: h.orderId, action: 'held', centerState: state, pieces: [] });
    }
  }
  return { orders, held: orders.filter((o) => o.action === 'held').length };
};
