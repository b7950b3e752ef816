import { residentAction } from './action.js';
import { currentCardLink, resetPinOfCard } from './cards.js';
import type { AdminDeps } from './context.js';
import { done } from './errors.js';
import type { Staff } from './staff.js';

/** 暗証番号初期化再設定: the card is at the counter, the holder types the new PIN. */
export const resetResidentPin = (
  deps: AdminDeps,
  staff: Staff,
  residentId: string,
  input: { newPin: string },
) =>
  residentAction(deps, staff, 'card.resetPin', residentId, async ({ trx, resident }) => {
    const link = await currentCardLink(trx, resident.id);
    const r = await resetPinOfCard(deps, link, typeof input.newPin === 'string' ? input.newPin : '');
    if (!r.ok) return r;
    // The PIN is never audited, only the serial whose counter was reset.
    return done({
      value: { serial: r.value.serial, pin: r.value.pin },
      refs: { resident: resident.id, serial: r.value.serial },
    });
  });
