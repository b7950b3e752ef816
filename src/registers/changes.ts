import { randomUUID } from 'node:crypto';
import type { Tx } from './transaction.js';

// Register changes made by town-hall staff (and by the demo and tests). Each takes the
// transaction it must run in; the caller decides its boundaries and audits it.

/** 印鑑登録廃止: the registration stops being certifiable from now on. */
export const abolishInkan = async (trx: Tx, residentId: string, on: string): Promise<number> => {
  const r = await trx
    .updateTable('inkan_registrations')
    .set({ abolished_on: on })
    .where('resident_id', '=', residentId)
    .where('abolished_on', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
};

/** Sets a 支援措置 (住民票) or 戸籍/附票 issuance restriction from `startsOn`. */
export const setRestriction = async (
  trx: Tx,
  r: { target: 'juminhyo' | 'koseki'; subjectId: string; startsOn: string; endsOn?: string; id?: string },
): Promise<string> => {
  const id = r.id ?? randomUUID();
  await trx
    .insertInto('issuance_restrictions')
    .values({
      id,
      target: r.target,
      subject_id: r.subjectId,
      starts_on: r.startsOn,
      ends_on: r.endsOn ?? null,
    })
    .execute();
  return id;
};

export type StatusChange = 'moving_out' | 'moved_out' | 'deceased' | 'removed';
const EVENT_KIND: Record<StatusChange, string> = {
  moving_out: '転出予定',
  moved_out: '転出',
  deceased: '死亡',
  removed: '職権消除',
};

/** 転出(予定), 死亡 or 職権消除: changes the status and records the dated event. */
export const recordStatusChange = async (
  trx: Tx,
  residentId: string,
  change: { status: StatusChange; occurredOn: string; processedOn: string; detail?: string; id?: string },
): Promise<void> => {
  await trx.updateTable('residents').set({ status: change.status }).where('id', '=', residentId).execute();
  await trx
    .insertInto('resident_events')
    .values({
      id: change.id ?? randomUUID(),
      resident_id: residentId,
      kind: EVENT_KIND[change.status],
      occurred_on: change.occurredOn,
      processed_on: change.processedOn,
      detail: change.detail ?? null,
    })
    .execute();
};

/** 転居 within the town: new address for the whole household, processed on `processedOn`. */
export const recordTenkyo = async (
  trx: Tx,
  householdId: string,
  change: { address: string; occurredOn: string; processedOn: string },
): Promise<void> => {
  const members = await trx
    .selectFrom('residents')
    .select(['id', 'address'])
    .where('household_id', '=', householdId)
    .execute();
  await trx
    .updateTable('households')
    .set({ address: change.address })
    .where('id', '=', householdId)
    .execute();
  for (const m of members) {
    await trx
      .updateTable('residents')
      .set({
        address: change.address,
        address_since: change.occurredOn,
        address_changed_on: change.processedOn,
      })
      .where('id', '=', m.id)
      .execute();
    await trx
      .insertInto('resident_events')
      .values({
        id: randomUUID(),
        resident_id: m.id,
        kind: '転居',
        occurred_on: change.occurredOn,
        processed_on: change.processedOn,
        detail: `${m.address}から転居`,
      })
      .execute();
  }
};

/** A renewed user certificate: links the new serial and marks the old one replaced. */
export const linkRenewedCard = async (
  trx: Tx,
  oldSerial: string,
  newSerial: string,
  issuedOn: string,
): Promise<void> => {
  const old = await trx
    .selectFrom('card_links')
    .selectAll()
    .where('serial', '=', oldSerial)
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('card_links')
    .values({
      serial: newSerial,
      resident_id: old.resident_id,
      municipality_code: old.municipality_code,
      issued_on: issuedOn,
      previous_serial: oldSerial,
      replaced_by: null,
    })
    .execute();
  await trx
    .updateTable('card_links')
    .set({ replaced_by: newSerial })
    .where('serial', '=', oldSerial)
    .execute();
};

/** Decides a pending 本籍地 registration (admin console). */
export const decideRegistration = async (
  trx: Tx,
  id: string,
  decision: { state: 'approved' | 'rejected'; on: string; kosekiMemberId?: string; reason?: string },
): Promise<boolean> => {
  const r = await trx
    .updateTable('honseki_registrations')
    .set({
      state: decision.state,
      decided_on: decision.on,
      reason: decision.reason ?? null,
      ...(decision.kosekiMemberId ? { koseki_member_id: decision.kosekiMemberId } : {}),
    })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
};

/** Sets or clears the 戸籍届出-in-process flag of a 戸籍. */
export const setKosekiPending = async (trx: Tx, kosekiId: string, pending: boolean): Promise<void> => {
  await trx
    .updateTable('koseki')
    .set({ notification_pending: pending ? 1 : 0 })
    .where('id', '=', kosekiId)
    .execute();
};
