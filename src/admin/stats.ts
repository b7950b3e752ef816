import { centerView } from '../center/schema.js';
import { CERTIFICATE_CODES } from '../domain/catalogue.js';
import { addDays, isPlainDate, japanDate, japanInstant, toJapanIso } from '../domain/japan-time.js';
import { isIssuanceNumber, withTransaction } from '../registers/index.js';
import { auditStaff } from './audit.js';
import type { AdminDeps } from './context.js';
import { done, fail, invalid } from './errors.js';
import type { Staff } from './staff.js';

// Issuance statistics per day × certificate type × terminal kind, and the 固有番号 look-up.

export interface StatsRow {
  date: string;
  type: string;
  terminalKind: string;
  /** Certificates issued (one per copy). */
  count: number;
  fee: number;
}

const MAX_DAYS = 366;

const terminalKinds = async (deps: AdminDeps): Promise<Map<string, string>> => {
  try {
    const rows = await centerView(deps.kdb.db)
      .selectFrom('center_terminals')
      .select(['id', 'kind'])
      .execute();
    return new Map(rows.map((r) => [r.id, r.kind]));
  } catch {
    return new Map();
  }
};

export const issuanceStats = async (deps: AdminDeps, staff: Staff, q: { from?: string; to?: string }) => {
  const today = japanDate(deps.clock.now());
  const to = q.to ?? today;
  const from = q.from ?? addDays(to, -29);
  if (!isPlainDate(from)) return invalid('from', 'YYYY-MM-DD');
  if (!isPlainDate(to)) return invalid('to', 'YYYY-MM-DD');
  if (from > to) return invalid('from', 'not after to');
  if (addDays(from, MAX_DAYS) < to) return invalid('to', `at most ${MAX_DAYS} days`);
  const kinds = await terminalKinds(deps);
  // issued_at is ISO with +09:00, so Japan-date prefixes bound it; a UTC instant would too after conversion.
  const rows = await deps.kdb.db
    .selectFrom('issuance_records')
    .select(['type', 'issued_at', 'fee', 'terminal_id'])
    .where('municipality_code', '=', staff.municipalityCode)
    .where('issued_at', '>=', toJapanIso(japanInstant(addDays(from, -1))))
    .where('issued_at', '<', toJapanIso(japanInstant(addDays(to, 2))))
    .execute();
  const cells = new Map<string, StatsRow>();
  for (const r of rows) {
    const at = new Date(r.issued_at);
    if (Number.isNaN(at.getTime())) continue;
    const date = japanDate(at);
    if (date < from || date > to) continue;
    const terminalKind = kinds.get(r.terminal_id) ?? 'unknown';
    const key = `${date}|${r.type}|${terminalKind}`;
    const cell = cells.get(key) ?? { date, type: r.type, terminalKind, count: 0, fee: 0 };
    cell.count += 1;
    cell.fee += Number(r.fee);
    cells.set(key, cell);
  }
  const table = [...cells.values()].sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      CERTIFICATE_CODES.indexOf(a.type as never) - CERTIFICATE_CODES.indexOf(b.type as never) ||
      a.terminalKind.localeCompare(b.terminalKind),
  );
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  const chart = days.map((date) => {
    const byType: Record<string, number> = {};
    for (const c of table) if (c.date === date) byType[c.type] = (byType[c.type] ?? 0) + c.count;
    return { date, byType, total: Object.values(byType).reduce((a, b) => a + b, 0) };
  });
  return done({
    from,
    to,
    table,
    chart,
    totals: { count: table.reduce((a, c) => a + c.count, 0), fee: table.reduce((a, c) => a + c.fee, 0) },
  });
};

/** The statistics table as CSV (UTF-8 with BOM, so spreadsheet software opens Japanese correctly). */
export const statsCsv = (table: StatsRow[]): string =>
  `\ufeffdate,type,terminal_kind,count,fee_yen\r\n${table.map((r) => `${r.date},${r.type},${r.terminalKind},${r.count},${r.fee}`).join('\r\n')}${table.length ? '\r\n' : ''}`;

/** Type, date, terminal and fee of one issued certificate; never its content or subject. */
export const lookupCertificate = async (deps: AdminDeps, staff: Staff, number: string) => {
  const n = number.trim();
  if (!isIssuanceNumber(n))
    return invalid('number', 'a 固有番号 such as 284815-2026-00000042-3 (check digit)');
  const kinds = await terminalKinds(deps);
  return withTransaction(deps.kdb, async (trx) => {
    const r = await trx
      .selectFrom('issuance_records')
      .select(['number', 'type', 'municipality_code', 'issued_at', 'fee', 'terminal_id', 'copy', 'copies'])
      .where('number', '=', n)
      .executeTakeFirst();
    await auditStaff(trx, deps.clock.now(), staff.id, 'certificate.lookup', { number: n, found: !!r });
    if (!r || r.municipality_code !== staff.municipalityCode) return fail('not_found', { field: 'number' });
    const kind = kinds.get(r.terminal_id) ?? 'unknown';
    return done({
      number: r.number,
      type: r.type,
      issuedAt: r.issued_at,
      issuedOn: japanDate(new Date(r.issued_at)),
      terminalId: r.terminal_id,
      terminalKind: kind,
      fee: Number(r.fee),
      copy: r.copy,
      copies: r.copies,
    });
  });
};
