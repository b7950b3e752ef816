import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays, japanDate, parseJapanIso } from '../domain/japan-time.js';
import { certificateNotAfter, fifthBirthdayAfter } from './validity.js';

describe('user certificate validity: until the 5th birthday after issue', () => {
  it('counts birthdays strictly after the issue date', () => {
    assert.equal(fifthBirthdayAfter('1980-06-15', '2026-11-25'), '2031-06-15');
    assert.equal(fifthBirthdayAfter('1980-12-01', '2026-11-25'), '2030-12-01');
    // Issued on the birthday itself: that birthday does not count.
    assert.equal(fifthBirthdayAfter('1980-11-25', '2026-11-25'), '2031-11-25');
    assert.equal(fifthBirthdayAfter('1980-11-26', '2026-11-25'), '2030-11-26');
  });

  it('puts a 29 February birthday on 28 February in common years, on the 29th in leap years', () => {
    assert.equal(fifthBirthdayAfter('2000-02-29', '2026-11-25'), '2031-02-28');
    assert.equal(fifthBirthdayAfter('2000-02-29', '2023-03-01'), '2028-02-29');
    assert.equal(fifthBirthdayAfter('2000-02-29', '2024-02-29'), '2029-02-28');
  });

  it('ends at 23:59:59 Japan time on that day', () => {
    const end = certificateNotAfter('1980-06-15', parseJapanIso('2026-11-25T23:30')!);
    assert.equal(end.toISOString(), '2031-06-15T14:59:59.000Z');
    // 00:30 on 26 November Japan time is still 25 November in UTC: Japan time decides.
    const early = certificateNotAfter('1980-11-26', parseJapanIso('2026-11-26T00:30')!);
    assert.equal(japanDate(early), '2031-11-26');
  });

  it('always lands on a birthday between 4 and 5 years after issue, never on or before it', () => {
    const dates = fc
      .date({
        min: new Date('1930-01-01T00:00:00Z'),
        max: new Date('2090-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => japanDate(d));
    fc.assert(
      fc.property(dates, dates, (birth, issued) => {
        const last = fifthBirthdayAfter(birth, issued);
        assert.ok(last > addDays(issued, 4 * 365 - 1) && last <= addDays(issued, 5 * 366));
        const md = birth.slice(5);
        assert.ok(last.slice(5) === md || (md === '02-29' && last.slice(5) === '02-28'));
      }),
    );
  });
});
