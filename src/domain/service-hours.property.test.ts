import assert from 'node:assert/strict';
import { test } from 'node:test';
import holidayJp from '@holiday-jp/holiday_jp';
import fc from 'fast-check';
import { CATALOGUE, CERTIFICATE_CODES, type CertificateCode } from './catalogue.js';
import type { CalendarSettings } from './eligibility-input.js';
import { parseJapanIso, toJapanIso } from './japan-time.js';
import type { TerminalKind } from './request.js';
import { serviceAvailability } from './service-hours.js';

// An independent oracle of SPEC §4, written straight from the rules, minute arithmetic on UTC+9.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const holidays = holidayJp.holidays as unknown as Record<string, unknown>;

const oracleOpen = (
  cert: CertificateCode,
  terminal: TerminalKind,
  t: number,
  cal: CalendarSettings,
): boolean => {
  const j = new Date(t + 9 * HOUR);
  const date = j.toISOString().slice(0, 10);
  const md = date.slice(5);
  const minute = j.getUTCHours() * 60 + j.getUTCMinutes();
  const weekday = j.getUTCDay() >= 1 && j.getUTCDay() <= 5;
  const holiday = date in holidays;
  const inOffice = minute >= 510 && minute < 1035;
  if ((cert === 'shotoku' || cert === 'kazei') && md >= '06-01' && md <= cal.taxSwitchoverEnd) return false;
  if (terminal === 'townhall' && !(weekday && !holiday && !(md >= '12-29' || md <= '01-03') && inOffice))
    return false;
  const groupOpen =
    CATALOGUE[cert].group === 'A'
      ? minute >= 390 && minute < 1380
      : weekday && !holiday && !(md >= '12-28' || md <= '01-05') && inOffice;
  if (!groupOpen) return false;
  return !cal.maintenance.some((w) => {
    const s = parseJapanIso(w.start)!.getTime();
    const e = parseJapanIso(w.end)!.getTime();
    return s <= t && t < e;
  });
};

const FROM = Date.UTC(2025, 0, 1) - 9 * HOUR;
const TO = Date.UTC(2036, 0, 1) - 9 * HOUR - 1;
const BOUNDARY_MINUTES = [390, 510, 1035, 1380];

// Random instants, some within a second of an opening or closing minute, some around June.
const instant = fc.oneof(
  fc.integer({ min: FROM, max: TO }),
  fc
    .tuple(
      fc.integer({ min: 0, max: Math.floor((TO - FROM) / DAY) }),
      fc.constantFrom(...BOUNDARY_MINUTES),
      fc.integer({ min: -1000, max: 1000 }),
    )
    .map(([d, m, ms]) => FROM + d * DAY + m * 60_000 + ms),
  // Around the June tax switch-over.
  fc
    .tuple(fc.integer({ min: 2025, max: 2035 }), fc.integer({ min: 0, max: 40 * DAY }))
    .map(([y, ms]) => Date.UTC(y, 4, 25) - 9 * HOUR + ms),
);

// Zero to three maintenance windows around the instant, from minutes to two days long.
const maintenanceNear = (t: number) =>
  fc.array(
    fc
      .tuple(fc.integer({ min: -2 * 24 * 60, max: 4 * 24 * 60 }), fc.integer({ min: 1, max: 2 * 24 * 60 }))
      .map(([offset, length]) => {
        const start = Math.floor(t / 60_000) * 60_000 + offset * 60_000;
        return {
          start: toJapanIso(new Date(start)),
          end: toJapanIso(new Date(start + length * 60_000)),
          scope: 'center',
        };
      }),
    { maxLength: 3 },
  );

const scenario = instant.chain((t) =>
  fc.record({
    t: fc.constant(t),
    maintenance: maintenanceNear(t),
    taxSwitchoverEnd: fc.constantFrom('06-15', '06-19', '06-30'),
  }),
);

/** Instants between `from` and `to` where an opening could hide: every opening minute and window end. */
const candidates = (from: number, to: number, cal: CalendarSettings): number[] => {
  const out: number[] = [];
  const firstDay = Math.floor((from + 9 * HOUR) / DAY) * DAY - 9 * HOUR;
  for (let day = firstDay; day < to; day += DAY) {
    for (const m of BOUNDARY_MINUTES) out.push(day + m * 60_000, day + m * 60_000 - 1);
  }
  for (const w of cal.maintenance)
    out.push(parseJapanIso(w.end)!.getTime(), parseJapanIso(w.start)!.getTime());
  return out.filter((c) => c >= from && c < to);
};

for (const cert of CERTIFICATE_CODES) {
  for (const terminal of ['store', 'townhall'] as const) {
    test(`${cert} at a ${terminal}: availability matches the rules; nextOpen is the first open instant`, () => {
      fc.assert(
        fc.property(scenario, ({ t, maintenance, taxSwitchoverEnd }) => {
          const calendar = { maintenance, taxSwitchoverEnd };
          const a = serviceAvailability({ cert, terminal, at: new Date(t), calendar });
          assert.equal(a.available, oracleOpen(cert, terminal, t, calendar), toJapanIso(new Date(t)));
          if (a.available) return;
          const next = parseJapanIso(a.nextOpen)!.getTime();
          assert.ok(next > t);
          assert.deepEqual(serviceAvailability({ cert, terminal, at: new Date(next), calendar }), {
            available: true,
          });
          assert.equal(oracleOpen(cert, terminal, next, calendar), true);
          assert.equal(oracleOpen(cert, terminal, next - 1, calendar), false);
          for (const c of candidates(t, next, calendar))
            assert.equal(
              oracleOpen(cert, terminal, c, calendar),
              false,
              `open at ${toJapanIso(new Date(c))}`,
            );
          // Any closed instant in the gap reports the same next opening.
          for (const f of [0.25, 0.5, 0.75]) {
            const mid = Math.floor(t + (next - t) * f);
            const m = serviceAvailability({ cert, terminal, at: new Date(mid), calendar });
            assert.ok(!m.available && m.nextOpen === a.nextOpen, toJapanIso(new Date(mid)));
          }
        }),
        { numRuns: 60 },
      );
    });
  }
}
