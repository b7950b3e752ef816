import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type KofuDatabase, openDatabase } from './database.js';

/** Opens a fresh database for tests; `close()` also deletes it. */
export type TestDatabaseFactory = () => Promise<KofuDatabase>;

/** A fresh SQLite file in a temporary directory. */
export const sqliteTestDatabase: TestDatabaseFactory = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kofu-reg-'));
  const kdb = await openDatabase({ dataDir: dir, url: '' });
  return {
    ...kdb,
    close: async () => {
      await kdb.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** The PostgreSQL server of KOFU_TEST_DATABASE_URL, or undefined when unset. */
export const pgTestUrl = (): string | undefined => process.env.KOFU_TEST_DATABASE_URL || undefined;

/** A fresh schema `t_<random>` on the test server, dropped on close. */
export const postgresTestDatabase =
  (url: string, poolSize = 10): TestDatabaseFactory =>
  async () => {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const kdb = await openDatabase({ url, schema, poolSize });
    return {
      ...kdb,
      close: async () => {
        await kdb.close();
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        try {
          await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        } finally {
          await admin.end();
        }
      },
    };
  };

export const PG_SKIP_MESSAGE =
  'KOFU_TEST_DATABASE_URL is not set: PostgreSQL contract tests skipped (CI sets it)';
