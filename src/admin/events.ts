import { randomUUID } from 'node:crypto';
import { addDays } from '../domain/japan-time.js';
import {
  juminhyoCodeCheckDigit,
  kojinBangoCheckDigit,
  listCardLinksOfResident,
  recordStatusChange,
  recordTenkyo,
  type StatusChange,
} from '../registers/index.js';
import { nextCounter, residentAction, runAction } from './action.js';
import { revokeForDeath } from './cards.js';
import type { AdminDeps } from './context.js';
import { done, fail, invalid } from './errors.js';
import { date, text } from './input.js';
import type { Staff } from './staff.js';

// 住民異動: events that change issuability at once (the kiosk re-reads the registers).

export interface TennyuInput {
  name: string;
  kana: string;
  birthDate: string;
  sex: '男' | '女';
  address: string;
  previousAddress: string;
  occurredOn?: string;
  honseki?: string;
  hittosha?: string;
}

/** 転入: a new resident and household; the card works from the next day (ADDRESS_CHANGED_TODAY). */
export const recordTennyu = (deps: AdminDeps, staff: Staff, input: TennyuInput) =>
  runAction(deps, staff, 'resident.tennyu', async ({ trx, today }) => {
    const name = text(input.name, 'name', 60);
    const kana = text(input.kana, 'kana', 60);
    const address = text(input.address, 'address');
    const previous = text(input.previousAddress, 'previousAddress');
    const birth = date(input.birthDate, 'birthDate', today);
    const occurred = date(input.occurredOn ?? today, 'occurredOn', today);
    for (const c of [name, kana, address, previous, birth, occurred]) if (!c.ok) return c;
    if (input.sex !== '男' && input.sex !== '女') return invalid('sex', '男 or 女');
    if (!kana.ok || !/^[\u30a0-\u30ff\u3000 ]+$/.test(kana.value)) return invalid('kana', 'katakana');
    const honseki = input.honseki ? text(input.honseki, 'honseki') : undefined;
    const hittosha = input.hittosha ? text(input.hittosha, 'hittosha', 60) : undefined;
    if (honseki && !honseki.ok) return honseki;
    if (hittosha && !hittosha.ok) return hittosha;
    if (!name.ok || !address.ok || !previous.ok || !birth.ok || !occurred.ok)
      return invalid('input', 'unreachable');
    const seq = await nextCounter(trx, `admin:resident:${staff.municipalityCode}`);
    const id = `res-${staff.municipalityCode}-${String(seq).padStart(6, '0')}`;
    const householdId = `hh-${staff.municipalityCode}-${String(seq).padStart(6, '0')}`;
    const jc = `8${staff.municipalityCode.slice(0, 3)}${String(seq).padStart(6, '0')}`;
    const kb = `8${staff.municipalityCode.slice(0, 4)}${String(seq).padStart(6, '0')}`;
    await trx
      .insertInto('households')
      .values({
        id: householdId,
        municipality_code: staff.municipalityCode,
        address: address.value,
        setainushi_id: id,
      })
      .execute();
    const honsekiText = honseki?.ok ? honseki.value : null;
    const own = await trx
      .selectFrom('municipalities')
      .select(['prefecture', 'print_name'])
      .where('code', '=', staff.municipalityCode)
      .executeTakeFirst();
    await trx
      .insertInto('residents')
      .values({
        id,
        municipality_code: staff.municipalityCode,
        household_id: householdId,
        name: name.value,
        kana: kana.value,
        birth_date: birth.value,
        sex: input.sex,
        relationship: '世帯主',
        address: address.value,
        juminhyo_code: `${jc}${juminhyoCodeCheckDigit(jc)}`,
        kojin_bango: `${kb}${kojinBangoCheckDigit(kb)}`,
        honseki: honsekiText,
        hittosha: hittosha?.ok ? hittosha.value : null,
        honseki_code:
          honsekiText && own && honsekiText.startsWith(own.prefecture + own.print_name)
            ? staff.municipalityCode
            : null,
        status: 'active',
        became_resident_on: occurred.value,
        address_since: occurred.value,
        previous_address: previous.value,
        notified_on: today,
        address_changed_on: today,
      })
      .execute();
    await trx
      .insertInto('resident_events')
      .values({
        id: randomUUID(),
        resident_id: id,
        kind: '転入',
        occurred_on: occurred.value,
        processed_on: today,
        detail: `${previous.value}から転入`,
      })
      .execute();
    return done({
      value: { residentId: id, householdId, usableFrom: addDays(today, 1) },
      refs: { resident: id, household: householdId },
    });
  });

/** 転居 within the town: the whole household's address; usable again from the next day. */
export const recordTenkyoOf = (
  deps: AdminDeps,
  staff: Staff,
  residentId: string,
  input: { address: string; occurredOn?: string },
) =>
  residentAction(deps, staff, 'resident.tenkyo', residentId, async ({ trx, today, resident }) => {
    const address = text(input.address, 'address');
    const occurred = date(input.occurredOn ?? today, 'occurredOn', today);
    if (!address.ok) return address;
    if (!occurred.ok) return occurred;
    if (resident.status !== 'active') return fail('conflict', { field: 'status', detail: resident.status });
    if (address.value === resident.address) return invalid('address', 'same as the current address');
    await recordTenkyo(trx, resident.household_id, {
      address: address.value,
      occurredOn: occurred.value,
      processedOn: today,
    });
    return done({
      value: { usableFrom: addDays(today, 1) },
      refs: { resident: resident.id, household: resident.household_id },
    });
  });

const ALLOWED_FROM: Record<StatusChange, readonly string[]> = {
  moving_out: ['active'],
  moved_out: ['active', 'moving_out'],
  deceased: ['active', 'moving_out'],
  removed: ['active', 'moving_out'],
};
const ACTION_OF: Record<StatusChange, string> = {
  moving_out: 'resident.tenshutsuYotei',
  moved_out: 'resident.tenshutsu',
  deceased: 'resident.shibou',
  removed: 'resident.shokkenShojo',
};

/** 転出予定 / 転出 / 死亡 / 職権消除: group A refused from this moment; on 死亡 the card is revoked too. */
export const recordStatus = (
  deps: AdminDeps,
  staff: Staff,
  residentId: string,
  status: StatusChange,
  input: { occurredOn?: string; detail?: string },
) =>
  residentAction(deps, staff, ACTION_OF[status], residentId, async ({ trx, today, resident }) => {
    // 転出予定 names the planned moving day, which may be ahead.
    const latest = status === 'moving_out' ? addDays(today, 365) : today;
    const occurred = date(input.occurredOn ?? today, 'occurredOn', latest);
    if (!occurred.ok) return occurred;
    const detail = input.detail ? text(input.detail, 'detail') : undefined;
    if (detail && !detail.ok) return detail;
    if (!ALLOWED_FROM[status].includes(resident.status))
      return fail('conflict', { field: 'status', detail: resident.status });
    await recordStatusChange(trx, resident.id, {
      status,
      occurredOn: occurred.value,
      processedOn: today,
      ...(detail?.ok ? { detail: detail.value } : {}),
    });
    // Last: the CA is outside the transaction; if it fails, the register change rolls back.
    const revoked =
      status === 'deceased'
        ? await revokeForDeath(deps, await listCardLinksOfResident(trx, resident.id))
        : [];
    return done({ value: { status, revokedSerials: revoked }, refs: { resident: resident.id, revoked } });
  });
