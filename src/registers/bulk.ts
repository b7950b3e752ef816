import { CompiledQuery, type Insertable } from 'kysely';
import { SqliteWorkerExecutor } from './bulk-worker-client.js';
import type { KofuDatabase } from './database.js';
import type { Database } from './schema.js';

type TableName = keyof Database;
type Row = Record<string, unknown>;

// Table order respects foreign keys: parents are flushed before children.
const ORDER: TableName[] = [
  'municipalities',
  'households',
  'residents',
  'resident_events',
  'issuance_restrictions',
  'koseki',
  'koseki_members',
  'fuhyo_addresses',
  'inkan_registrations',
  'tax_records',
  'card_links',
  'honseki_registrations',
];

/**
 * Bulk loader: buffers rows and writes them as multi-row INSERTs compiled by kysely (one
 * SQL text for both dialects). On SQLite the compiled statement is prepared once per
 * (table, batch size) and run on the raw connection inside big transactions.
 */
export class BulkWriter {
  private readonly buffers = new Map<TableName, Row[]>();
  private readonly columns = new Map<TableName, string[]>();
  private readonly sqlCache = new Map<string, string>();
  private readonly stmtCache = new Map<string, { run(...params: unknown[]): unknown }>();
  private rowsWritten = 0;

  constructor(
    private readonly kdb: KofuDatabase,
    private readonly batchRows = 400,
    /** Where compiled batches go instead of this connection (a SQLite writer thread). */
    private readonly executor?: { submit(batches: [string, unknown[]][]): Promise<void> },
  ) {}

  get written(): number {
    return this.rowsWritten;
  }

  add<T extends TableName>(table: T, row: Insertable<Database[T]>): void {
    let buf = this.buffers.get(table);
    if (!buf) {
      buf = [];
      this.buffers.set(table, buf);
      if (!this.columns.has(table)) this.columns.set(table, Object.keys(row));
    }
    buf.push(row as Row);
  }

  /** Writes every buffered row (in one transaction per call). */
  async flush(): Promise<void> {
    const tables = ORDER.filter((t) => (this.buffers.get(t)?.length ?? 0) > 0);
    if (tables.length === 0) return;
    if (this.executor) {
      const all: [string, unknown[]][] = [];
      for (const t of tables) all.push(...this.batches(t));
      for (const t of tables) this.buffers.set(t, []);
      await this.executor.submit(all);
      return;
    }
    if (this.kdb.dialect === 'sqlite' && this.kdb.sqlite) {
      const raw = this.kdb.sqlite;
      raw.transaction(() => {
        for (const t of tables) this.flushTableSqlite(t);
      })();
    } else {
      await this.kdb.db.transaction().execute(async (trx) => {
        for (const t of tables) {
          for (const [sqlText, params] of this.batches(t))
            await trx.executeQuery(CompiledQuery.raw(sqlText, params));
        }
      });
    }
    for (const t of tables) this.buffers.set(t, []);
  }

  private flushTableSqlite(table: TableName): void {
    const raw = this.kdb.sqlite!;
    for (const [sqlText, params] of this.batches(table)) {
      let stmt = this.stmtCache.get(sqlText);
      if (!stmt) {
        stmt = raw.prepare(sqlText);
        this.stmtCache.set(sqlText, stmt);
      }
      stmt.run(...params);
    }
  }

  private *batches(table: TableName): Generator<[string, unknown[]]> {
    const rows = this.buffers.get(table) ?? [];
    const cols = this.columns.get(table) ?? [];
    for (let i = 0; i < rows.length; i += this.batchRows) {
      const chunk = rows.slice(i, i + this.batchRows);
      const params: unknown[] = [];
      for (const r of chunk) for (const c of cols) params.push(r[c] ?? null);
      this.rowsWritten += chunk.length;
      yield [this.sqlFor(table, cols, chunk.length), params];
    }
  }

  private sqlFor(table: TableName, cols: string[], n: number): string {
    const key = `${table}:${n}`;
    let text = this.sqlCache.get(key);
    if (!text) {
      const dummy = Object.fromEntries(cols.map((c) => [c, null]));
      const rows = Array.from({ length: n }, () => dummy);
      // Any table's rows, shaped by `cols`: kysely cannot type a table chosen at run time.
      const values = rows as unknown as Insertable<Database[typeof table]>[];
      text = this.kdb.db
        .insertInto(table)
        .values(values as never)
        .compile().sql;
      this.sqlCache.set(key, text);
    }
    return text;
  }
}

/**
 * Runs a bulk load: on SQLite with synchronous=OFF and foreign-key checks off for the
 * duration (restored afterwards) and, with `parallel`, the writes on a worker thread so that
 * generating rows and writing them overlap; on PostgreSQL unchanged.
 */
export const withBulkLoad = async <T>(
  kdb: KofuDatabase,
  fn: (w: BulkWriter) => Promise<T>,
  opts: { parallel?: boolean } = {},
): Promise<T> => {
  const raw = kdb.sqlite;
  if (kdb.dialect !== 'sqlite' || !raw) {
    const writer = new BulkWriter(kdb);
    const out = await fn(writer);
    await writer.flush();
    return out;
  }
  if (opts.parallel) {
    const executor = new SqliteWorkerExecutor(raw.name);
    const writer = new BulkWriter(kdb, 400, executor);
    try {
      const out = await fn(writer);
      await writer.flush();
      return out;
    } finally {
      await executor.close();
    }
  }
  const writer = new BulkWriter(kdb);
  const sync = raw.pragma('synchronous', { simple: true });
  raw.pragma('synchronous = OFF');
  raw.pragma('foreign_keys = OFF');
  try {
    const out = await fn(writer);
    await writer.flush();
    return out;
  } finally {
    raw.pragma(`synchronous = ${Number(sync)}`);
    raw.pragma('foreign_keys = ON');
  }
};
