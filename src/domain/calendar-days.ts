import holidayJp from '@holiday-jp/holiday_jp';
import { addDays, type PlainDate, weekdayOf } from './japan-time.js';

// Facts about whole Japan calendar days: holidays, office days, year-end, fiscal years.

interface HolidayEntry {
  name: string;
  name_en: string;
}
// Keyed by YYYY-MM-DD; includes 振替休日 and 国民の休日 ("休日").
const HOLIDAYS = holidayJp.holidays as unknown as Readonly<Record<string, HolidayEntry | undefined>>;

/** Last year the holiday data set covers (data beyond it would make every weekday a working day). */
export const HOLIDAY_DATA_LAST_YEAR: number = Math.max(
  ...Object.keys(HOLIDAYS).map((d) => Number(d.slice(0, 4))),
);

/** A Japanese national holiday, including 振替休日 and 国民の休日. */
export const isHoliday = (date: PlainDate): boolean => HOLIDAYS[date] !== undefined;

/** The holiday's Japanese and English name, undefined on ordinary days. */
export const findHolidayName = (date: PlainDate): { ja: string; en: string } | undefined => {
  const h = HOLIDAYS[date];
  return h ? { ja: h.name, en: h.name_en } : undefined;
};

/** Saturday or Sunday. */
export const isWeekend = (date: PlainDate): boolean => {
  const w = weekdayOf(date);
  return w === 0 || w === 6;
};

const monthDay = (date: PlainDate): string => date.slice(5);

/** 12/29–1/3: the town hall's 年末年始 closing (開庁日 excludes it). */
export const isOfficeYearEnd = (date: PlainDate): boolean => {
  const md = monthDay(date);
  return md >= '12-29' || md <= '01-03';
};

/** 12/28–1/5: no group B (戸籍, 附票) certificates at all (seed). */
export const isKosekiYearEnd = (date: PlainDate): boolean => {
  const md = monthDay(date);
  return md >= '12-28' || md <= '01-05';
};

/** A 開庁日: weekday, not a national holiday, not 12/29–1/3. */
export const isOfficeOpenDay = (date: PlainDate): boolean =>
  !isWeekend(date) && !isHoliday(date) && !isOfficeYearEnd(date);

/** The n-th 開庁日 after `date` (date itself not counted): e.g. a registration's expected completion. */
export const businessDaysAfter = (date: PlainDate, n: number): PlainDate => {
  let d = date;
  let left = Math.max(0, Math.floor(n));
  while (left > 0) {
    d = addDays(d, 1);
    if (isOfficeOpenDay(d)) left -= 1;
  }
  return d;
};

/**
 * The newest fiscal year (年度) of 所得・課税 certificates on `date`: the year switches in June,
 * when the new 住民税 is assessed (during the switch-over nothing is issued at all).
 */
export const latestFiscalYear = (date: PlainDate): number => {
  const year = Number(date.slice(0, 4));
  return monthDay(date) >= '06-01' ? year : year - 1;
};

/** The first day of the month after `date` (a tax declaration's content is issuable from then). */
export const firstOfNextMonth = (date: PlainDate): PlainDate => {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-01`;
};
