import type { PlainDate } from './japan-time.js';

// Era start dates (the first day of each era). 元年 is the first year.
const ERAS = [
  { name: '令和', nameEn: 'Reiwa', start: '2019-05-01', year: 2019 },
  { name: '平成', nameEn: 'Heisei', start: '1989-01-08', year: 1989 },
  { name: '昭和', nameEn: 'Showa', start: '1926-12-25', year: 1926 },
  { name: '大正', nameEn: 'Taisho', start: '1912-07-30', year: 1912 },
  { name: '明治', nameEn: 'Meiji', start: '1868-01-25', year: 1868 },
] as const;

export interface Wareki {
  era: string;
  eraEn: string;
  /** 1 for 元年. */
  year: number;
  month: number;
  day: number;
}

/** The Japanese-era date of a calendar date (明治 onwards). */
export const toWareki = (date: PlainDate): Wareki => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const era = ERAS.find((e) => date >= e.start) ?? ERAS[ERAS.length - 1]!;
  return { era: era.name, eraEn: era.nameEn, year: y - era.year + 1, month: m, day: d };
};

/** 令和8年11月25日 (元年 for the first year); `{ digits: 'kanji' }` is not needed by any certificate. */
export const formatWareki = (date: PlainDate): string => {
  const w = toWareki(date);
  return `${w.era}${w.year === 1 ? '元' : w.year}年${w.month}月${w.day}日`;
};

/** 令和8年度: the fiscal year that starts in April of `fiscalYear`. */
export const formatWarekiFiscalYear = (fiscalYear: number): string => {
  const w = toWareki(`${fiscalYear}-04-01`);
  return `${w.era}${w.year === 1 ? '元' : w.year}年度`;
};

/** 令和7年 for a calendar year (its era as of December 31). */
export const formatWarekiYear = (year: number): string => {
  const w = toWareki(`${year}-12-31`);
  return `${w.era}${w.year === 1 ? '元' : w.year}年`;
};
