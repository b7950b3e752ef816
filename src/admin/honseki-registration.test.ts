import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { businessDaysAfter } from '../domain/calendar-days.js';
import { addDays } from '../domain/japan-time.js';
import { businessDaysBetween, normalizeStated } from './honseki-registration.js';

describe('the waiting time of a 本籍地 application', () => {
  it('counts 開庁日 only: a Friday application has waited 0 days on Sunday, 1 on Monday', () => {
    assert.equal(businessDaysBetween('2026-11-27', '2026-11-29'), 0);
    assert.equal(businessDaysBetween('2026-11-27', '2026-11-30'), 1);
    // 12/29–1/3 and 成人の日 (2027-01-11) do not count.
    assert.equal(businessDaysBetween('2026-12-28', '2027-01-11'), 5);
    assert.equal(businessDaysBetween('2026-12-28', '2027-01-12'), 6);
  });

  it('the expected completion is exactly 5 business days of waiting, whatever the day applied', () => {
    const day = fc.integer({ min: 0, max: 365 * 10 }).map((n) => addDays('2026-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 30 }), (d, n) => {
        const end = businessDaysAfter(d, n);
        assert.equal(businessDaysBetween(d, end), n);
        assert.equal(businessDaysBetween(d, addDays(end, -1)), Math.max(0, n - 1));
      }),
    );
  });
});

describe('stated 本籍 and 筆頭者', () => {
  it('treats full-width and half-width spaces and digits alike', () => {
    assert.equal(normalizeStated('  上郡　太郎 '), '上郡 太郎');
    assert.equal(normalizeStated('大持２７８番地'), '大持278番地');
    assert.equal(normalizeStated('𠮷田　優子'), '𠮷田 優子');
  });
});
