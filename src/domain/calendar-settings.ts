import type { CalendarSettings, MaintenanceWindow } from './eligibility-input.js';
import { parseJapanIso, toJapanIso } from './japan-time.js';
import { ok, type Result, refuse } from './refusal.js';

// Settings come from the admin console or a config file: check them once, so the calendar may trust them.

const invalid = (field: string, detail: string) => refuse('INVALID_REQUEST', { field, detail });

/** Longest accepted maintenance window; anything longer is a typo, not maintenance. */
export const MAX_MAINTENANCE_DAYS = 31;

/** Validates calendar settings (switch-over end in June, maintenance windows as ISO instants, end after start). */
export const validateCalendarSettings = (input: unknown): Result<CalendarSettings> => {
  if (typeof input !== 'object' || input === null) return invalid('calendar', 'must be an object');
  const { maintenance, taxSwitchoverEnd } = input as Record<string, unknown>;
  const day = typeof taxSwitchoverEnd === 'string' ? /^06-(\d{2})$/.exec(taxSwitchoverEnd) : null;
  if (!day || Number(day[1]) < 1 || Number(day[1]) > 30)
    return invalid('taxSwitchoverEnd', 'must be a day in June, MM-DD (06-01 to 06-30)');
  if (!Array.isArray(maintenance)) return invalid('maintenance', 'must be an array');
  const windows: MaintenanceWindow[] = [];
  for (const [i, w] of maintenance.entries()) {
    const field = `maintenance[${i}]`;
    if (typeof w !== 'object' || w === null) return invalid(field, 'must be an object');
    const { start, end, scope, note } = w as Record<string, unknown>;
    const s = typeof start === 'string' ? parseJapanIso(start) : undefined;
    const e = typeof end === 'string' ? parseJapanIso(end) : undefined;
    if (!s || !e) return invalid(field, 'start and end must be ISO date-times');
    if (e <= s) return invalid(field, 'end must be after start');
    if (e.getTime() - s.getTime() > MAX_MAINTENANCE_DAYS * 86_400_000)
      return invalid(field, `longer than ${MAX_MAINTENANCE_DAYS} days`);
    if (typeof scope !== 'string' || scope.length === 0)
      return invalid(field, 'scope must be "center" or a municipality code');
    if (note !== undefined && typeof note !== 'string') return invalid(field, 'note must be text');
    windows.push({
      start: toJapanIso(s),
      end: toJapanIso(e),
      scope,
      ...(note === undefined ? {} : { note }),
    });
  }
  return ok({ maintenance: windows, taxSwitchoverEnd: taxSwitchoverEnd as string });
};
