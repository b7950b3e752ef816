import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
} from 'kysely';
import pg from 'pg';
import { MIGRATIONS } from './migrations/index.js';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

/** An open register database: the kysely handle, its dialect, and how to close it. */
export interface KofuDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
  close(): Promise<void>;
  /** SQLite only: the raw connection, for bulk loading with prepared statements. */
  sqlite?: SqliteDatabase.Database;
}

export interface OpenOptions {
  /** Directory of the SQLite file `kofu.sqlite` (default `DATA`). */
  dataDir?: string;
  /** A postgres:// URL; defaults to KOFU_DATABASE_URL when that is a postgres URL. */
  url?: string;
  /** PostgreSQL: the schema to use (search_path); created if missing. */
  schema?: string;
  /** Skip running migrations (default: run them). */
  migrate?: boolean;
  /** PostgreSQL pool size (default 20: requests that only read must not queue behind writers waiting for the audit chain). */
  poolSize?: number;
}

const isPostgresUrl = (url: string | undefined): url is string => !!url && /^postgres(ql)?:\/\//.test(url);

const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens (and migrates) the register database: PostgreSQL for a postgres URL, else SQLite. */
export const openDatabase = async (opts: OpenOptions = {}): Promise<KofuDatabase> => {
  const url = opts.url ?? process.env.KOFU_DATABASE_URL;
  const kdb = isPostgresUrl(url) ? await openPostgres(url, opts) : openSqlite(opts.dataDir ?? 'DATA');
  if (opts.migrate !== false)
    await migrate(kdb.db, kdb.dialect === 'postgres' ? await currentSchema(kdb.db) : undefined);
  return kdb;
};

const openSqlite = (dataDir: string): KofuDatabase => {
  mkdirSync(dataDir, { recursive: true });
  const raw = new SqliteDatabase(join(dataDir, 'kofu.sqlite'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('busy_timeout = 10000');
  raw.pragma('foreign_keys = ON');
  raw.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(raw) }) });
  return { db, dialect: 'sqlite', sqlite: raw, close: () => db.destroy() };
};

/** How many prepared statements the SQLite connection keeps (least recently used leave first). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The SQLite connection as kysely sees it, with a statement cache: kysely prepares the SQL of
 * every query it runs, which was ~14 % of the center's CPU under load; the same SQL text now
 * returns the same better-sqlite3 statement. A bounded LRU (`size` entries) keeps queries with
 * generated text (e.g. `IN (?, ?, …)` of varying length) from growing it without end. A cached
 * statement still iterating (kysely's `stream()`) is busy and cannot run again, so the caller
 * then gets a fresh, uncached statement. Closing the connection finalizes every statement.
 * Only kysely's queries go through this; `KofuDatabase.sqlite` is the raw connection.
 */
export const cachingStatements = (
  raw: SqliteDatabase.Database,
  size = STATEMENT_CACHE_SIZE,
): { prepare(sql: string): SqliteDatabase.Statement; close(): void } => {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    prepare(text: string) {
      const hit = cache.get(text);
      if (hit) {
        if (hit.busy) return raw.prepare(text);
        // Map keeps insertion order: re-inserting marks it most recently used.
        cache.delete(text);
        cache.set(text, hit);
        return hit;
      }
      const stmt = raw.prepare(text);
      cache.set(text, stmt);
      if (cache.size > size) cache.delete(cache.keys().next().value as string);
      return stmt;
    },
    close() {
      cache.clear();
      raw.close();
    },
  };
};

const openPostgres = async (url: string, opts: OpenOptions): Promise<KofuDatabase> => {
  const schema = opts.schema;
  if (schema !== undefined && !SCHEMA_RE.test(schema)) throw new Error(`bad schema name ${schema}`);
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 20,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
};

class ListProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const m of MIGRATIONS) out[m.name] = { up: m.up };
    return out;
  }
}

/** PostgreSQL: the schema new tables go to (first of the search_path). */
export const currentSchema = async (db: Kysely<Database>): Promise<string> => {
  const r = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return r.rows[0]?.schema ?? 'public';
};

/**
 * Runs every pending migration of src/registers/migrations, in order; throws on failure.
 * On PostgreSQL pass the schema: kysely otherwise sees its tables in any schema of the database.
 */
export const migrate = async (db: Kysely<Database>, schema?: string): Promise<void> => {
  const migrator = new Migrator({
    db,
    provider: new ListProvider(),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
};
