import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateCalendarSettings } from './calendar-settings.js';

test('calendar settings: June switch-over day, well-formed maintenance windows', () => {
  const good = validateCalendarSettings({
    taxSwitchoverEnd: '06-19',
    maintenance: [{ start: '2026-11-25T01:00', end: '2026-11-25T05:00', scope: 'center', note: 'J-LIS' }],
  });
  assert.deepEqual(good, {
    ok: true,
    value: {
      taxSwitchoverEnd: '06-19',
      maintenance: [
        {
          start: '2026-11-25T01:00:00+09:00',
          end: '2026-11-25T05:00:00+09:00',
          scope: 'center',
          note: 'J-LIS',
        },
      ],
    },
  });
  const field = (v: unknown) => {
    const r = validateCalendarSettings(v);
    return r.ok ? undefined : r.error.field;
  };
  assert.equal(field(null), 'calendar');
  assert.equal(field({ taxSwitchoverEnd: '07-10', maintenance: [] }), 'taxSwitchoverEnd');
  assert.equal(field({ taxSwitchoverEnd: '06-31', maintenance: [] }), 'taxSwitchoverEnd');
  assert.equal(field({ taxSwitchoverEnd: '06-30' }), 'maintenance');
  const w = (start: string, end: string, scope = 'center') => ({
    taxSwitchoverEnd: '06-30',
    maintenance: [{ start, end, scope }],
  });
  assert.equal(field(w('2026-11-25T05:00', '2026-11-25T01:00')), 'maintenance[0]');
  assert.equal(field(w('tomorrow', '2026-11-25T01:00')), 'maintenance[0]');
  assert.equal(field(w('2026-01-01', '2026-03-01')), 'maintenance[0]');
  assert.equal(field(w('2026-11-25T01:00', '2026-11-25T05:00', '')), 'maintenance[0]');
});
