import { isPlainDate, japanDate, japanInstant, type PlainDate } from '../domain/japan-time.js';

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** The holder's birthday in `year`; a 29 February birthday falls on 28 February in common years. */
export const birthdayIn = (birthDate: PlainDate, year: number): PlainDate => {
  const [, m, d] = birthDate.split('-');
  const day = m === '02' && d === '29' && !isLeap(year) ? '28' : d;
  return `${String(year).padStart(4, '0')}-${m}-${day}`;
};

/** The 5th birthday strictly after the issue date (発行日後5回目の誕生日), the certificate's last valid day. */
export const fifthBirthdayAfter = (birthDate: PlainDate, issuedOn: PlainDate): PlainDate => {
  const year = Number(issuedOn.slice(0, 4));
  const first = birthdayIn(birthDate, year) > issuedOn ? year : year + 1;
  return birthdayIn(birthDate, first + 4);
};

/** The user certificate's notAfter: 23:59:59 Japan time on the 5th birthday after issue. */
export const certificateNotAfter = (birthDate: PlainDate, issuedAt: Date): Date => {
  if (!isPlainDate(birthDate)) throw new RangeError(`invalid birth date ${birthDate}`);
  const last = fifthBirthdayAfter(birthDate, japanDate(issuedAt));
  return new Date(japanInstant(last, 24 * 60).getTime() - 1000);
};
