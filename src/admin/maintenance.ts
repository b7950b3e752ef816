import { randomUUID } from 'node:crypto';
import { validateCalendarSettings } from '../domain/calendar-settings.js';
import { toJapanIso } from '../domain/japan-time.js';
import { findMunicipality, withTransaction } from '../registers/index.js';
import { runAction } from './action.js';
import type { AdminDeps } from './context.js';
import { done, fail, invalid } from './errors.js';
import type { Staff } from './staff.js';

// Maintenance windows and the June tax switch-over end of the staff member's municipality.

export const listMaintenanceOf = (deps: AdminDeps, staff: Staff) =>
  withTransaction(deps.kdb, async (trx) => {
    const m = await findMunicipality(trx, staff.municipalityCode);
    const from = toJapanIso(new Date(deps.clock.now().getTime() - 30 * 86_400_000));
    const windows = await trx
      .selectFrom('maintenance_windows')
      .selectAll()
      .where('scope', 'in', ['center', staff.municipalityCode])
      .where('end_at', '>', from)
      .orderBy('start_at')
      .execute();
    return done({
      municipality: { code: staff.municipalityCode, name: m?.name ?? staff.municipalityCode },
      taxSwitchoverEnd: m?.tax_switchover_end ?? '06-30',
      windows: windows.map((w) => ({
        id: w.id,
        scope: w.scope,
        start: w.start_at,
        end: w.end_at,
        note: w.note,
        editable: w.scope === staff.municipalityCode,
      })),
    });
  });

/** Adds a window of this municipality, checked by the domain's calendar-settings validation. */
export const addMaintenanceWindow = (
  deps: AdminDeps,
  staff: Staff,
  input: { start: string; end: string; note?: string },
) =>
  runAction(deps, staff, 'maintenance.add', async ({ trx, now }) => {
    const m = await findMunicipality(trx, staff.municipalityCode);
    const v = validateCalendarSettings({
      taxSwitchoverEnd: m?.tax_switchover_end ?? '06-30',
      maintenance: [
        {
          start: input.start,
          end: input.end,
          scope: staff.municipalityCode,
          ...(input.note ? { note: input.note } : {}),
        },
      ],
    });
    if (!v.ok)
      return invalid(
        v.error.field === 'maintenance[0]' ? 'window' : (v.error.field ?? 'window'),
        v.error.detail ?? 'invalid',
      );
    const w = v.value.maintenance[0]!;
    if (new Date(w.end).getTime() <= now.getTime()) return invalid('end', 'the window is already over');
    if ((w.note ?? '').length > 200) return invalid('note', 'at most 200 characters');
    const id = randomUUID();
    await trx
      .insertInto('maintenance_windows')
      .values({ id, scope: staff.municipalityCode, start_at: w.start, end_at: w.end, note: w.note ?? null })
      .execute();
    return done({
      value: { id, start: w.start, end: w.end },
      refs: { window: id, scope: staff.municipalityCode },
    });
  });

export const removeMaintenanceWindow = (deps: AdminDeps, staff: Staff, id: string) =>
  runAction(deps, staff, 'maintenance.remove', async ({ trx }) => {
    const w = await trx.selectFrom('maintenance_windows').selectAll().where('id', '=', id).executeTakeFirst();
    if (!w || w.scope !== staff.municipalityCode) return fail('not_found', { field: 'windowId' });
    await trx.deleteFrom('maintenance_windows').where('id', '=', id).execute();
    return done({ value: { id }, refs: { window: id } });
  });

export const setTaxSwitchoverEnd = (deps: AdminDeps, staff: Staff, input: { taxSwitchoverEnd: string }) =>
  runAction(deps, staff, 'maintenance.switchover', async ({ trx }) => {
    const v = validateCalendarSettings({ taxSwitchoverEnd: input.taxSwitchoverEnd, maintenance: [] });
    if (!v.ok) return invalid('taxSwitchoverEnd', v.error.detail ?? 'a day in June');
    await trx
      .updateTable('municipalities')
      .set({ tax_switchover_end: v.value.taxSwitchoverEnd })
      .where('code', '=', staff.municipalityCode)
      .execute();
    return done({
      value: { taxSwitchoverEnd: v.value.taxSwitchoverEnd },
      refs: { municipality: staff.municipalityCode, taxSwitchoverEnd: v.value.taxSwitchoverEnd },
    });
  });
