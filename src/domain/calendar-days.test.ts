import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  businessDaysAfter,
  findHolidayName,
  firstOfNextMonth,
  HOLIDAY_DATA_LAST_YEAR,
  isHoliday,
  isKosekiYearEnd,
  isOfficeOpenDay,
  latestFiscalYear,
} from './calendar-days.js';

test('the holiday data knows 国民の休日 and 振替休日 and covers 2025–2035', () => {
  assert.equal(isHoliday('2026-09-22'), true); // 国民の休日 between 敬老の日 and 秋分の日
  assert.equal(findHolidayName('2026-09-22')?.en, "Citizen's Holiday");
  assert.equal(isHoliday('2027-03-22'), true); // 振替休日 for 春分の日 on a Sunday
  assert.match(findHolidayName('2027-03-22')?.ja ?? '', /振替休日/);
  assert.equal(isHoliday('2026-11-23'), true);
  assert.equal(isHoliday('2026-11-25'), false);
  assert.ok(HOLIDAY_DATA_LAST_YEAR >= 2035, `holiday data ends in ${HOLIDAY_DATA_LAST_YEAR}`);
  for (let y = 2025; y <= 2035; y += 1) assert.equal(isHoliday(`${y}-01-01`), true, `${y}-01-01`);
});

test('開庁日: weekdays that are not holidays nor 12/29–1/3', () => {
  assert.equal(isOfficeOpenDay('2026-11-25'), true);
  assert.equal(isOfficeOpenDay('2026-11-28'), false); // Saturday
  assert.equal(isOfficeOpenDay('2026-11-23'), false); // holiday
  assert.equal(isOfficeOpenDay('2026-12-28'), true);
  assert.equal(isOfficeOpenDay('2026-12-29'), false);
  assert.equal(isOfficeOpenDay('2027-01-04'), true);
  assert.equal(isKosekiYearEnd('2027-12-27'), false);
  assert.equal(isKosekiYearEnd('2027-12-28'), true);
  assert.equal(isKosekiYearEnd('2027-01-05'), true);
  assert.equal(isKosekiYearEnd('2027-01-06'), false);
});

test('business days skip weekends, holidays and the year end', () => {
  assert.equal(businessDaysAfter('2026-11-25', 5), '2026-12-02');
  assert.equal(businessDaysAfter('2026-11-20', 1), '2026-11-24'); // Sat, Sun, 11/23 holiday
  assert.equal(businessDaysAfter('2026-12-25', 5), '2027-01-07'); // 12/28, 1/4, 1/5, 1/6, 1/7
  assert.equal(businessDaysAfter('2026-11-25', 0), '2026-11-25');
});

test('fiscal year of tax certificates switches on June 1; declarations count from the next month', () => {
  assert.equal(latestFiscalYear('2026-05-31'), 2025);
  assert.equal(latestFiscalYear('2026-06-01'), 2026);
  assert.equal(latestFiscalYear('2027-01-10'), 2026);
  assert.equal(firstOfNextMonth('2026-11-10'), '2026-12-01');
  assert.equal(firstOfNextMonth('2026-12-31'), '2027-01-01');
});
