import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CertificateCode } from './catalogue.js';
import type { CalendarSettings } from './eligibility-input.js';
import { parseJapanIso } from './japan-time.js';
import type { TerminalKind } from './request.js';
import { DEFAULT_CALENDAR_SETTINGS, dayPlan, serviceAvailability } from './service-hours.js';

type Row = [CertificateCode, TerminalKind, string, string | true, string?];

const at = (iso: string): Date => {
  const d = parseJapanIso(iso);
  assert.ok(d, iso);
  return d;
};

/** Each row: cert, terminal, Japan time, then `true` (open) or the reason and nextOpen. */
const check = (
  rows: Row[],
  calendar: CalendarSettings = DEFAULT_CALENDAR_SETTINGS,
  municipalityCode?: string,
) => {
  for (const [cert, terminal, when, reason, nextOpen] of rows) {
    const q = { cert, terminal, at: at(when), calendar, ...(municipalityCode ? { municipalityCode } : {}) };
    const a = serviceAvailability(q);
    const label = `${cert} ${terminal} ${when}`;
    if (reason === true) assert.deepEqual(a, { available: true }, label);
    else assert.deepEqual(a, { available: false, reason, nextOpen: `${nextOpen}:00+09:00` }, label);
  }
};

test('group A: 06:29 closed, 06:30 open, 22:59 open, 23:00 closed (2026-11-25 is a Wednesday)', () => {
  check([
    ['juminhyo', 'store', '2026-11-25T06:29:59.999', 'OUT_OF_HOURS', '2026-11-25T06:30'],
    ['juminhyo', 'store', '2026-11-25T06:29', 'OUT_OF_HOURS', '2026-11-25T06:30'],
    ['juminhyo', 'store', '2026-11-25T06:30', true],
    ['kisai', 'store', '2026-11-25T22:59', true],
    ['inkan', 'store', '2026-11-25T22:59:59.999', true],
    ['shotoku', 'store', '2026-11-25T23:00', 'OUT_OF_HOURS', '2026-11-26T06:30'],
    ['kazei', 'store', '2026-11-25T00:00', 'OUT_OF_HOURS', '2026-11-25T06:30'],
  ]);
});

test('group A is open every day, weekends, holidays and New Year included', () => {
  check([
    ['juminhyo', 'store', '2026-11-28T12:00', true], // Saturday
    ['juminhyo', 'store', '2026-11-23T12:00', true], // 勤労感謝の日
    ['inkan', 'store', '2027-01-01T06:30', true],
    ['kisai', 'store', '2026-12-31T22:00', true],
  ]);
});

test('group B: 08:29 closed, 08:30 open, 17:14 open, 17:15 closed', () => {
  check([
    ['koseki', 'store', '2026-11-25T08:29', 'OUT_OF_HOURS', '2026-11-25T08:30'],
    ['koseki', 'store', '2026-11-25T08:30', true],
    ['fuhyo', 'store', '2026-11-25T17:14', true],
    ['fuhyo', 'store', '2026-11-25T17:15', 'OUT_OF_HOURS', '2026-11-26T08:30'],
    ['koseki', 'store', '2026-11-27T17:15', 'OUT_OF_HOURS', '2026-11-30T08:30'], // Friday → Monday
  ]);
});

test('group B is closed on Saturdays, Sundays and every kind of national holiday', () => {
  check([
    ['koseki', 'store', '2026-11-28T23:30', 'OUT_OF_HOURS', '2026-11-30T08:30'], // Saturday night
    ['koseki', 'store', '2026-11-29T10:00', 'OUT_OF_HOURS', '2026-11-30T08:30'], // Sunday
    ['koseki', 'store', '2026-11-23T10:00', 'OUT_OF_HOURS', '2026-11-24T08:30'], // 勤労感謝の日 (Monday)
    ['fuhyo', 'store', '2026-09-22T10:00', 'OUT_OF_HOURS', '2026-09-24T08:30'], // 国民の休日, then 秋分の日
    ['koseki', 'store', '2026-09-18T17:15', 'OUT_OF_HOURS', '2026-09-24T08:30'], // Fri before the Silver Week
    ['koseki', 'store', '2027-03-22T10:00', 'OUT_OF_HOURS', '2027-03-23T08:30'], // 振替休日
    ['fuhyo', 'store', '2026-05-06T10:00', 'OUT_OF_HOURS', '2026-05-07T08:30'], // 振替休日 after 5/3 (Sunday)
    ['koseki', 'store', '2026-09-21T08:30', 'OUT_OF_HOURS', '2026-09-24T08:30'], // 敬老の日
  ]);
});

test('group B year end: 12/27 open, 12/28–1/5 closed, 1/6 open', () => {
  check([
    ['koseki', 'store', '2027-12-27T17:14', true], // Monday
    ['koseki', 'store', '2027-12-28T08:30', 'OUT_OF_HOURS', '2028-01-06T08:30'],
    ['fuhyo', 'store', '2027-01-05T10:00', 'OUT_OF_HOURS', '2027-01-06T08:30'],
    ['fuhyo', 'store', '2027-01-06T08:30', true],
    ['koseki', 'store', '2026-12-25T17:15', 'OUT_OF_HOURS', '2027-01-06T08:30'],
  ]);
});

test('town hall terminal: office days 08:30–17:15 only, whatever the group', () => {
  check([
    ['juminhyo', 'townhall', '2026-11-25T08:29', 'TERMINAL_CLOSED', '2026-11-25T08:30'],
    ['juminhyo', 'townhall', '2026-11-25T08:30', true],
    ['inkan', 'townhall', '2026-11-25T17:14', true],
    ['inkan', 'townhall', '2026-11-25T17:15', 'TERMINAL_CLOSED', '2026-11-26T08:30'],
    ['juminhyo', 'townhall', '2026-11-28T10:00', 'TERMINAL_CLOSED', '2026-11-30T08:30'], // Saturday
    ['koseki', 'townhall', '2026-11-28T10:00', 'TERMINAL_CLOSED', '2026-11-30T08:30'],
    ['kisai', 'townhall', '2026-11-23T10:00', 'TERMINAL_CLOSED', '2026-11-24T08:30'], // holiday
    // 12/28 the office is open (group A works, group B does not); 12/29–1/3 it is closed.
    ['juminhyo', 'townhall', '2026-12-28T10:00', true],
    ['koseki', 'townhall', '2026-12-28T10:00', 'OUT_OF_HOURS', '2027-01-06T08:30'],
    ['juminhyo', 'townhall', '2026-12-29T10:00', 'TERMINAL_CLOSED', '2027-01-04T08:30'],
    ['juminhyo', 'townhall', '2027-01-04T08:30', true],
    ['fuhyo', 'townhall', '2027-01-04T10:00', 'OUT_OF_HOURS', '2027-01-06T08:30'],
  ]);
});

test('maintenance blocks both groups; it can start and end in the middle of opening hours', () => {
  const calendar: CalendarSettings = {
    ...DEFAULT_CALENDAR_SETTINGS,
    maintenance: [
      { start: '2026-11-25T10:00', end: '2026-11-25T12:00', scope: 'center' },
      { start: '2026-11-26T22:00', end: '2026-11-27T09:00', scope: '282812' },
    ],
  };
  check(
    [
      ['juminhyo', 'store', '2026-11-25T09:59', true],
      ['juminhyo', 'store', '2026-11-25T10:00', 'MAINTENANCE', '2026-11-25T12:00'],
      ['koseki', 'store', '2026-11-25T11:59:59.999', 'MAINTENANCE', '2026-11-25T12:00'],
      ['koseki', 'store', '2026-11-25T12:00', true],
      ['juminhyo', 'store', '2026-11-26T21:59', true],
      ['juminhyo', 'store', '2026-11-26T22:00', 'MAINTENANCE', '2026-11-27T09:00'],
      ['juminhyo', 'store', '2026-11-26T23:30', 'OUT_OF_HOURS', '2026-11-27T09:00'],
      ['koseki', 'store', '2026-11-27T08:30', 'MAINTENANCE', '2026-11-27T09:00'],
      ['juminhyo', 'townhall', '2026-11-25T10:30', 'MAINTENANCE', '2026-11-25T12:00'],
    ],
    calendar,
  );
  // Another municipality's window does not apply when the municipality is named.
  check([['juminhyo', 'store', '2026-11-26T22:00', true]], calendar, '282081');
  check([['juminhyo', 'store', '2026-11-26T22:00', 'MAINTENANCE', '2026-11-27T09:00']], calendar, '282812');
});

test('a maintenance day covering the whole opening pushes nextOpen to the next day', () => {
  const calendar = {
    ...DEFAULT_CALENDAR_SETTINGS,
    maintenance: [{ start: '2026-11-26T00:00', end: '2026-11-27T00:00', scope: 'center' }],
  };
  check([['juminhyo', 'store', '2026-11-25T23:00', 'OUT_OF_HOURS', '2026-11-27T06:30']], calendar);
  assert.equal(
    dayPlan({ cert: 'juminhyo', terminal: 'store', date: '2026-11-26', calendar }).closure,
    'MAINTENANCE',
  );
});

test('June tax switch-over: from June 1 through the setting, inclusive; other certificates unaffected', () => {
  const calendar = { ...DEFAULT_CALENDAR_SETTINGS, taxSwitchoverEnd: '06-19' };
  check(
    [
      ['shotoku', 'store', '2026-05-31T22:59', true],
      ['shotoku', 'store', '2026-05-31T23:00', 'OUT_OF_HOURS', '2026-06-20T06:30'],
      ['kazei', 'store', '2026-06-01T12:00', 'TAX_SWITCHOVER', '2026-06-20T06:30'],
      ['kazei', 'store', '2026-06-19T22:59', 'TAX_SWITCHOVER', '2026-06-20T06:30'],
      ['kazei', 'store', '2026-06-20T06:30', true],
      ['kazei', 'townhall', '2026-06-10T10:00', 'TAX_SWITCHOVER', '2026-06-22T08:30'], // 6/20 is a Saturday
      ['juminhyo', 'store', '2026-06-10T10:00', true],
    ],
    calendar,
  );
  check([
    ['shotoku', 'store', '2026-06-30T12:00', 'TAX_SWITCHOVER', '2026-07-01T06:30'],
    ['shotoku', 'store', '2026-07-01T06:30', true],
  ]);
});
