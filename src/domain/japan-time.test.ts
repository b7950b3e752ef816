import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  addDays,
  japanDate,
  japanInstant,
  japanParts,
  parseJapanIso,
  toJapanIso,
  weekdayOf,
} from './japan-time.js';

test('an instant shortly after midnight in Japan is still the previous day in UTC', () => {
  const at = new Date('2026-11-24T15:30:00Z');
  assert.equal(japanDate(at), '2026-11-25');
  assert.equal(japanParts(at).minuteOfDay, 30);
  assert.equal(toJapanIso(at), '2026-11-25T00:30:00+09:00');
});

test('ISO without an offset is Japan time; with an offset it is honoured', () => {
  assert.equal(parseJapanIso('2026-11-25T08:30')?.toISOString(), '2026-11-24T23:30:00.000Z');
  assert.equal(parseJapanIso('2026-11-25')?.toISOString(), '2026-11-24T15:00:00.000Z');
  assert.equal(parseJapanIso('2026-11-25T08:30:00Z')?.toISOString(), '2026-11-25T08:30:00.000Z');
  assert.equal(parseJapanIso('2026-11-25T08:30:00-05:00')?.toISOString(), '2026-11-25T13:30:00.000Z');
  for (const bad of [
    '',
    'yesterday',
    '2026-02-30',
    '2026-13-01T00:00',
    '2026-11-25T24:00',
    '2026-11-25T08:60',
  ]) {
    assert.equal(parseJapanIso(bad), undefined, bad);
  }
});

test('calendar arithmetic across month and year ends', () => {
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(addDays('2028-03-01', -1), '2028-02-29');
  assert.equal(weekdayOf('2026-11-25'), 3);
  assert.equal(japanInstant('2026-11-25', 1440).toISOString(), japanInstant('2026-11-26').toISOString());
});

test('toJapanIso and parseJapanIso round-trip any instant', () => {
  fc.assert(
    fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), (ms) => {
      const at = new Date(ms);
      assert.equal(parseJapanIso(toJapanIso(at))?.getTime(), ms);
    }),
  );
});
