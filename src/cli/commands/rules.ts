import type { Command } from 'commander';
import { findHolidayName, isOfficeOpenDay } from '../../domain/calendar-days.js';
import {
  CATALOGUE,
  CERTIFICATE_CODES,
  type CertificateCode,
  isCertificateCode,
} from '../../domain/catalogue.js';
import type { CalendarSettings, MaintenanceWindow } from '../../domain/eligibility-input.js';
import { daysInMonth, parseJapanIso, systemClock, toJapanIso, weekdayOf } from '../../domain/japan-time.js';
import { formatJapaneseDateTime, refusalMessage } from '../../domain/messages.js';
import type { TerminalKind } from '../../domain/request.js';
import {
  type DayClosure,
  type DayPlan,
  DEFAULT_CALENDAR_SETTINGS,
  dayPlan,
  serviceAvailability,
} from '../../domain/service-hours.js';
import { EXIT_REFUSED, printJson, UsageError } from '../io.js';
import type { CommandContext } from './index.js';

// `kofu rules …`: the service calendar of SPEC §4 from the command line (no database needed).

const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;

export const parseTerminal = (value: unknown, option = '--terminal'): TerminalKind => {
  if (value === 'store' || value === 'townhall') return value;
  if (value === undefined) throw new UsageError(`${option}: required, store or townhall`);
  throw new UsageError(`${option}: must be store or townhall: ${JSON.stringify(value)}`);
};

export const parseInstant = (value: unknown, option: string): Date => {
  const at = typeof value === 'string' ? parseJapanIso(value) : undefined;
  if (!at) throw new UsageError(`${option}: not an ISO date-time: ${JSON.stringify(value)}`);
  return at;
};

const parseCert = (value: unknown): CertificateCode => {
  if (isCertificateCode(value)) return value;
  if (value === undefined) throw new UsageError(`--cert: required, one of ${CERTIFICATE_CODES.join(', ')}`);
  throw new UsageError(
    `--cert: unknown certificate ${JSON.stringify(value)} (${CERTIFICATE_CODES.join(', ')})`,
  );
};

const parseMonth = (value: unknown): { year: number; month: number } => {
  const m = typeof value === 'string' ? /^(\d{4})-(\d{2})$/.exec(value) : null;
  const month = Number(m?.[2]);
  if (!m || month < 1 || month > 12) throw new UsageError(`--month: not YYYY-MM: ${JSON.stringify(value)}`);
  return { year: Number(m[1]), month };
};

/** Calendar settings from `--switchover-end MM-DD` and repeated `--maintenance START/END`. */
const parseCalendar = (opts: { switchoverEnd?: string; maintenance?: string[] }): CalendarSettings => {
  const end = opts.switchoverEnd ?? DEFAULT_CALENDAR_SETTINGS.taxSwitchoverEnd;
  const day = /^06-(\d{2})$/.exec(end);
  if (!day || Number(day[1]) < 1 || Number(day[1]) > 30)
    throw new UsageError(`--switchover-end: not a June day MM-DD: ${JSON.stringify(end)}`);
  const maintenance: MaintenanceWindow[] = (opts.maintenance ?? []).map((text) => {
    const [s, e, extra] = text.split('/');
    const start = s === undefined ? undefined : parseJapanIso(s);
    const stop = e === undefined ? undefined : parseJapanIso(e);
    if (!start || !stop || extra !== undefined || stop <= start)
      throw new UsageError(`--maintenance: not START/END ISO date-times: ${JSON.stringify(text)}`);
    return { start: toJapanIso(start), end: toJapanIso(stop), scope: 'center' };
  });
  return { maintenance, taxSwitchoverEnd: end };
};

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

const CLOSURE_JA: Record<DayClosure, string> = {
  WEEKEND: '土日',
  HOLIDAY: '祝日',
  YEAR_END: '年末年始',
  OFFICE_CLOSED: '年末年始 閉庁',
  TAX_SWITCHOVER: '年度切替',
  MAINTENANCE: '保守',
};

// East Asian wide characters take two columns in a terminal.
const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u;
/** Pads to a terminal width, counting wide (CJK) characters as two columns. */
export const pad = (text: string, columns: number): string => {
  const width = [...text].reduce((w, ch) => w + (WIDE.test(ch) ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(1, columns - width));
};

const hhmm = (ms: number): string => toJapanIso(new Date(ms)).slice(11, 16);

/** One service's day as text: "06:30–23:00" or "閉 日曜". */
const describe = (plan: DayPlan, date: string): string => {
  if (plan.open.length) return plan.open.map((o) => `${hhmm(o.start)}–${hhmm(o.end)}`).join(', ');
  const why =
    plan.closure === 'WEEKEND' ? `${WEEKDAYS[weekdayOf(date)]}曜` : CLOSURE_JA[plan.closure ?? 'MAINTENANCE'];
  return `閉 ${why}`;
};

/** The services shown per day: group A, the tax certificates (June switch-over), group B. */
const COLUMNS = [
  { key: 'groupA', cert: 'juminhyo', title: 'A 住民票・記載事項・印鑑' },
  { key: 'tax', cert: 'shotoku', title: '所得・課税' },
  { key: 'groupB', cert: 'koseki', title: 'B 戸籍・附票' },
] as const;

export interface CalendarDay {
  date: string;
  weekday: string;
  holiday?: string;
  officeOpen: boolean;
  groupA: { open: [string, string][]; closed?: DayClosure };
  tax: { open: [string, string][]; closed?: DayClosure };
  groupB: { open: [string, string][]; closed?: DayClosure };
}

/** The month's days with each service's open intervals (Japan time) or why it is closed. */
export const monthCalendar = (
  year: number,
  month: number,
  terminal: TerminalKind,
  calendar: CalendarSettings,
): CalendarDay[] => {
  const days: CalendarDay[] = [];
  for (let d = 1; d <= daysInMonth(year, month); d += 1) {
    const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const holiday = findHolidayName(date)?.ja;
    const day = {
      date,
      weekday: WEEKDAYS[weekdayOf(date)]!,
      officeOpen: isOfficeOpenDay(date),
    } as CalendarDay;
    if (holiday) day.holiday = holiday;
    for (const c of COLUMNS) {
      const plan = dayPlan({ cert: c.cert, terminal, date, calendar });
      day[c.key] = {
        open: plan.open.map((o) => [hhmm(o.start), hhmm(o.end)]),
        ...(plan.closure && !plan.open.length ? { closed: plan.closure } : {}),
      };
    }
    days.push(day);
  }
  return days;
};

/** A readable month view for town-hall staff. */
export const renderMonth = (
  year: number,
  month: number,
  terminal: TerminalKind,
  calendar: CalendarSettings,
) => {
  const label = terminal === 'store' ? 'store terminals (コンビニ)' : 'the town-hall terminal (役場)';
  const lines = [
    `${year}年${month}月 — when certificates can be requested at ${label}, Japan time, [start–end)`,
    `${pad('day', 12)}${COLUMNS.map((c) => pad(c.title, 26)).join('')}`,
  ];
  for (const c of monthCalendar(year, month, terminal, calendar)) {
    const cells = COLUMNS.map((col) => {
      const plan = dayPlan({ cert: col.cert, terminal, date: c.date, calendar });
      return pad(describe(plan, c.date), 26);
    });
    const day = `${c.date.slice(5).replace('-', '/')}（${c.weekday}）`;
    lines.push(`${pad(day, 12)}${cells.join('')}${c.holiday ?? ''}`.trimEnd());
  }
  lines.push(
    '閉 = closed. 祝日 includes 振替休日 and 国民の休日; group B also stops 12/28–1/5, the town hall 12/29–1/3.',
  );
  return lines.join('\n');
};

interface CalendarOpts {
  switchoverEnd?: string;
  maintenance?: string[];
  json?: boolean;
}

/** Registers `kofu rules availability` and `kofu rules calendar`. */
export const registerRules = (program: Command, ctx: CommandContext): void => {
  const rules = program
    .command('rules')
    .description('the service calendar and rules of SPEC §4 (no data needed)');
  const extra = (c: Command) =>
    c
      .option(
        '--switchover-end <MM-DD>',
        'last day of the June tax switch-over',
        DEFAULT_CALENDAR_SETTINGS.taxSwitchoverEnd,
      )
      .option('--maintenance <START/END>', 'a maintenance window, ISO date-times (repeatable)', collect);

  extra(
    rules
      .command('availability')
      .description(
        'whether a certificate can be requested at an instant; exit 0 if available, 1 if not, 2 on bad usage',
      )
      .option('--cert <code>', `certificate: ${CERTIFICATE_CODES.join(', ')}`)
      .option('--terminal <kind>', 'store or townhall')
      .option('--at <iso>', 'instant, ISO 8601; without an offset it is Japan time (default: now)')
      .option('--json', 'print {"available":bool,"reason"?:CODE,"nextOpen"?:ISO}'),
  ).action((opts: CalendarOpts & { cert?: string; terminal?: string; at?: string }) => {
    const cert = parseCert(opts.cert);
    const terminal = parseTerminal(opts.terminal);
    const at = opts.at === undefined ? systemClock.now() : parseInstant(opts.at, '--at');
    const calendar = parseCalendar(opts);
    const a = serviceAvailability({ cert, terminal, at, calendar });
    if (!a.available) ctx.setExit(EXIT_REFUSED);
    if (opts.json) {
      printJson(
        ctx.io,
        a.available ? { available: true } : { available: false, reason: a.reason, nextOpen: a.nextOpen },
      );
      return;
    }
    const head = `${cert} (${CATALOGUE[cert].nameJa}) at a ${terminal} terminal, ${toJapanIso(at)}:`;
    if (a.available) ctx.io.out(`${head} available`);
    else {
      ctx.io.out(
        `${head} not available — ${a.reason}; next opening ${a.nextOpen} (${formatJapaneseDateTime(a.nextOpen)})`,
      );
      ctx.io.out(refusalMessage({ code: a.reason, nextOpen: a.nextOpen }, 'ja'));
    }
  });

  extra(
    rules
      .command('calendar')
      .description('a month view for staff: when group A, the tax certificates and group B are open')
      .option('--month <YYYY-MM>', 'the month (default: this month, Japan time)')
      .option('--terminal <kind>', 'store or townhall', 'store')
      .option('--json', 'print {"month","terminal","days":[…]}'),
  ).action((opts: CalendarOpts & { month?: string; terminal?: string }) => {
    const { year, month } = parseMonth(opts.month ?? toJapanIso(systemClock.now()).slice(0, 7));
    const terminal = parseTerminal(opts.terminal);
    const calendar = parseCalendar(opts);
    if (opts.json) {
      const days = monthCalendar(year, month, terminal, calendar);
      printJson(ctx.io, { month: `${year}-${String(month).padStart(2, '0')}`, terminal, days });
    } else ctx.io.out(renderMonth(year, month, terminal, calendar));
  });
};
