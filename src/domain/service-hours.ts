import { isHoliday, isKosekiYearEnd, isOfficeOpenDay, isWeekend } from './calendar-days.js';
import { type CertificateCode, certificateType, type ServiceGroup } from './catalogue.js';
import type { CalendarSettings, MaintenanceWindow } from './eligibility-input.js';
import {
  addDays,
  japanDate,
  japanInstant,
  japanParts,
  type PlainDate,
  parseJapanIso,
  toJapanIso,
} from './japan-time.js';
import type { TerminalKind } from './request.js';

// The service calendar of SPEC §4. Every interval is half-open [start, end) in Japan time.

export { businessDaysAfter, isHoliday, isOfficeOpenDay, latestFiscalYear } from './calendar-days.js';

/** Group A: every day 06:30–23:00. */
export const GROUP_A_HOURS = { start: 6 * 60 + 30, end: 23 * 60 } as const;
/** Group B and the town-hall terminal: 08:30–17:15. */
export const OFFICE_HOURS = { start: 8 * 60 + 30, end: 17 * 60 + 15 } as const;

/**
 * Default settings. taxSwitchoverEnd is June 30: the seed says only "until 6月下旬", and closing
 * to the end of June never issues last year's figures after the new assessment; a town sets its real day.
 */
export const DEFAULT_CALENDAR_SETTINGS: CalendarSettings = { maintenance: [], taxSwitchoverEnd: '06-30' };

export type UnavailableReason = 'OUT_OF_HOURS' | 'MAINTENANCE' | 'TERMINAL_CLOSED' | 'TAX_SWITCHOVER';

export type Availability =
  | { available: true }
  | { available: false; reason: UnavailableReason; nextOpen: string };

export interface AvailabilityQuery {
  cert: CertificateCode;
  terminal: TerminalKind;
  at: Date;
  calendar: CalendarSettings;
  /** When given, only center-wide windows and this municipality's apply. */
  municipalityCode?: string;
}

/** An interval of instants, half-open [start, end), in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/** Why a whole day has no opening for a service (for staff calendars). */
export type DayClosure =
  | 'WEEKEND'
  | 'HOLIDAY'
  | 'YEAR_END'
  | 'OFFICE_CLOSED'
  | 'TAX_SWITCHOVER'
  | 'MAINTENANCE';

const TAX_CERTS: ReadonlySet<CertificateCode> = new Set(['shotoku', 'kazei']);
/** Farther than any real closure (the longest is the June switch-over); beyond it settings are wrong. */
const SEARCH_DAYS = 800;

/** Whether `date` falls in the June tax switch-over (June 1 through the setting, inclusive). */
export const isTaxSwitchover = (date: PlainDate, calendar: CalendarSettings): boolean => {
  if (!/^\d{2}-\d{2}$/.test(calendar.taxSwitchoverEnd))
    throw new Error(`calendar.taxSwitchoverEnd is not MM-DD: ${calendar.taxSwitchoverEnd}`);
  const md = date.slice(5);
  return md >= '06-01' && md <= calendar.taxSwitchoverEnd;
};

/** The maintenance windows that apply, as instants. */
const maintenanceIntervals = (calendar: CalendarSettings, municipalityCode?: string): Interval[] =>
  calendar.maintenance
    .filter((w) => municipalityCode === undefined || w.scope === 'center' || w.scope === municipalityCode)
    .map(parseWindow)
    .filter((i) => i.end > i.start);

const parseWindow = (w: MaintenanceWindow): Interval => {
  const start = parseJapanIso(w.start);
  const end = parseJapanIso(w.end);
  if (!start || !end) throw new Error(`maintenance window is not ISO: ${w.start} – ${w.end}`);
  return { start: start.getTime(), end: end.getTime() };
};

/** Before maintenance: the minutes of `date` the service is open, or why it is closed all day. */
const baseWindow = (
  group: ServiceGroup,
  tax: boolean,
  terminal: TerminalKind,
  date: PlainDate,
  calendar: CalendarSettings,
): { start: number; end: number } | { closure: DayClosure } => {
  if (tax && isTaxSwitchover(date, calendar)) return { closure: 'TAX_SWITCHOVER' };
  if (terminal === 'townhall' && !isOfficeOpenDay(date)) {
    return { closure: isWeekend(date) ? 'WEEKEND' : isHoliday(date) ? 'HOLIDAY' : 'OFFICE_CLOSED' };
  }
  if (group === 'A') return terminal === 'townhall' ? OFFICE_HOURS : GROUP_A_HOURS;
  if (isWeekend(date)) return { closure: 'WEEKEND' };
  if (isHoliday(date)) return { closure: 'HOLIDAY' };
  if (isKosekiYearEnd(date)) return { closure: 'YEAR_END' };
  return OFFICE_HOURS;
};

/** Removes the maintenance windows from an interval. */
const subtract = (open: Interval, windows: Interval[]): Interval[] => {
  let parts = [open];
  for (const w of windows) {
    parts = parts.flatMap((p) => {
      if (w.end <= p.start || w.start >= p.end) return [p];
      const left = w.start > p.start ? [{ start: p.start, end: w.start }] : [];
      const right = w.end < p.end ? [{ start: w.end, end: p.end }] : [];
      return [...left, ...right];
    });
  }
  return parts;
};

export interface DayPlan {
  date: PlainDate;
  /** Open intervals after maintenance, in order. */
  open: Interval[];
  /** Set when `open` is empty. */
  closure?: DayClosure;
}

/** When a certificate can be requested on one Japan date at one kind of terminal. */
export const dayPlan = (
  q: Omit<AvailabilityQuery, 'at'> & { date: PlainDate },
  windows = maintenanceIntervals(q.calendar, q.municipalityCode),
): DayPlan => {
  const type = certificateType(q.cert);
  const base = baseWindow(type.group, TAX_CERTS.has(q.cert), q.terminal, q.date, q.calendar);
  if ('closure' in base) return { date: q.date, open: [], closure: base.closure };
  const interval = {
    start: japanInstant(q.date, base.start).getTime(),
    end: japanInstant(q.date, base.end).getTime(),
  };
  const open = subtract(interval, windows);
  return open.length ? { date: q.date, open } : { date: q.date, open, closure: 'MAINTENANCE' };
};

/** The reason a closed instant is closed: switch-over, then terminal, then hours, then maintenance. */
const reasonAt = (q: AvailabilityQuery): UnavailableReason => {
  const date = japanDate(q.at);
  const minute = japanParts(q.at).minuteOfDay;
  if (TAX_CERTS.has(q.cert) && isTaxSwitchover(date, q.calendar)) return 'TAX_SWITCHOVER';
  const inOffice = minute >= OFFICE_HOURS.start && minute < OFFICE_HOURS.end;
  if (q.terminal === 'townhall' && !(isOfficeOpenDay(date) && inOffice)) return 'TERMINAL_CLOSED';
  const base = baseWindow(certificateType(q.cert).group, false, q.terminal, date, q.calendar);
  if ('closure' in base || minute < base.start || minute >= base.end) return 'OUT_OF_HOURS';
  return 'MAINTENANCE';
};

/** Whether a certificate can be requested at an instant and, if not, why and when it next can. */
export const serviceAvailability = (q: AvailabilityQuery): Availability => {
  const t = q.at.getTime();
  if (Number.isNaN(t)) throw new Error('serviceAvailability: invalid Date (parse input before asking)');
  const windows = maintenanceIntervals(q.calendar, q.municipalityCode);
  let date = japanDate(q.at);
  for (let i = 0; i < SEARCH_DAYS; i += 1) {
    for (const o of dayPlan({ ...q, date }, windows).open) {
      if (o.start <= t && t < o.end) return { available: true };
      if (o.start > t)
        return { available: false, reason: reasonAt(q), nextOpen: toJapanIso(new Date(o.start)) };
    }
    date = addDays(date, 1);
  }
  throw new Error(
    `no opening within ${SEARCH_DAYS} days of ${toJapanIso(q.at)}: calendar settings are wrong`,
  );
};

/** The first instant at or after `at` when the certificate can be requested (ISO +09:00). */
export const firstOpenAtOrAfter = (q: AvailabilityQuery): string => {
  const a = serviceAvailability(q);
  return a.available ? toJapanIso(q.at) : a.nextOpen;
};
