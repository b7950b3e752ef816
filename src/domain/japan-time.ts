// Japan has had no daylight saving since 1951, so Japan time is UTC+9 by arithmetic,
// independent of the machine's TZ.

/** A clock: every rule asks it for "now"; tests and `--now` pass a fixed one. */
export interface Clock {
  now(): Date;
}

/** A calendar date in Japan, `YYYY-MM-DD`. */
export type PlainDate = string;

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

export const systemClock: Clock = { now: () => new Date() };

/** A clock frozen at one instant. */
export const fixedClock = (at: Date): Clock => ({ now: () => new Date(at.getTime()) });

/** A clock that starts at `start` and advances with real time (for `serve --now`). */
export const offsetClock = (start: Date, real: Clock = systemClock): Clock => {
  const delta = start.getTime() - real.now().getTime();
  return { now: () => new Date(real.now().getTime() + delta) };
};

/** Wall-clock fields of an instant in Japan time. */
export interface JapanParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** Minutes since 00:00 Japan time. */
  minuteOfDay: number;
}

/** The Japan-time wall clock of an instant. */
export const japanParts = (at: Date): JapanParts => {
  const shifted = new Date(at.getTime() + JST_OFFSET_MS);
  const hour = shifted.getUTCHours();
  const minute = shifted.getUTCMinutes();
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour,
    minute,
    second: shifted.getUTCSeconds(),
    weekday: shifted.getUTCDay(),
    minuteOfDay: hour * 60 + minute,
  };
};

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The Japan calendar date of an instant. */
export const japanDate = (at: Date): PlainDate => {
  const p = japanParts(at);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
};

/** The instant of a Japan wall-clock time (minuteOfDay may exceed 1440 to roll over). */
export const japanInstant = (date: PlainDate, minuteOfDay = 0): Date => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, 0, minuteOfDay) - JST_OFFSET_MS);
};

/** ISO 8601 with the +09:00 offset, e.g. 2026-11-25T08:30:00+09:00. */
export const toJapanIso = (at: Date): string => {
  const p = japanParts(at);
  const ms = at.getTime() % 1000;
  const frac = ms === 0 ? '' : `.${pad(Math.abs(ms), 3)}`;
  return `${japanDate(at)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${frac}+09:00`;
};

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses ISO 8601; a time without an offset is Japan time (SPEC §12). Undefined if invalid. */
export const parseJapanIso = (text: string): Date | undefined => {
  const m = ISO_RE.exec(text.trim());
  if (!m) return undefined;
  const [, ys, mos, ds, hs = '0', mis = '0', ss = '0', fs = '0', zone] = m;
  const y = Number(ys);
  const mo = Number(mos);
  const d = Number(ds);
  const h = Number(hs);
  const mi = Number(mis);
  const s = Number(ss);
  const ms = Number(fs.padEnd(3, '0'));
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  let offsetMin = 9 * 60;
  if (zone === 'Z') offsetMin = 0;
  else if (zone) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMin * 60_000);
};

export const isPlainDate = (text: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(Number(m[1]), mo);
};

export const daysInMonth = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/** `date` plus `days` calendar days. */
export const addDays = (date: PlainDate, days: number): PlainDate =>
  japanDate(new Date(japanInstant(date).getTime() + days * 86_400_000));

/** Day of week of a Japan date, 0 = Sunday. */
export const weekdayOf = (date: PlainDate): number => japanParts(japanInstant(date)).weekday;
