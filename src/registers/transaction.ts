import { type Kysely, sql } from 'kysely';
import type { KofuDatabase } from './database.js';
import type { Database } from './schema.js';

/** A handle usable inside a transaction (a kysely Transaction or a pinned connection). */
export type Tx = Kysely<Database>;

const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected
const MAX_ATTEMPTS = 20;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface TransactionOptions {
  /**
   * PostgreSQL: take the audit chain's lock before the snapshot, because `fn` appends to the
   * audit chain (appendAudit). Without it the first attempt runs without the lock, and only a
   * retry after a serialization failure takes it. No effect on SQLite.
   */
  lockAuditChain?: boolean;
}

/**
 * Runs `fn` in one transaction that sees a consistent snapshot. SQLite: BEGIN IMMEDIATE on
 * the single connection (writers serialised). PostgreSQL: REPEATABLE READ, retried on
 * serialization failures, so `fn` must be safe to run again.
 *
 * Every audited action appends to one hash chain whose head is one row (`audit_head`): under
 * concurrency, REPEATABLE READ transactions that update it abort each other. So a retry (and
 * every attempt with `lockAuditChain`) first takes `LOCK TABLE audit_head IN SHARE ROW
 * EXCLUSIVE MODE`, which conflicts with itself and with any writer of the head but not with
 * plain reads, before its snapshot is taken (PostgreSQL freezes a REPEATABLE READ snapshot at
 * the first query, and LOCK is not one): it waits for the chain instead of aborting, so an
 * audited transaction runs at most twice for the chain's sake. The lock ends with the
 * transaction.
 */
export const withTransaction = async <T>(
  kdb: KofuDatabase,
  fn: (trx: Tx) => Promise<T>,
  opts: TransactionOptions = {},
): Promise<T> => {
  if (kdb.dialect === 'sqlite') {
    return kdb.db.connection().execute(async (conn) => {
      await sql`BEGIN IMMEDIATE`.execute(conn);
      try {
        const result = await fn(conn);
        await sql`COMMIT`.execute(conn);
        return result;
      } catch (e) {
        // SQLite may already have rolled back (e.g. on SQLITE_FULL); the first error matters.
        await sql`ROLLBACK`.execute(conn).catch(() => undefined);
        throw e;
      }
    });
  }
  for (let attempt = 1; ; attempt++) {
    const lock = opts.lockAuditChain === true || attempt > 1;
    try {
      return await kdb.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          if (lock) await sql`LOCK TABLE audit_head IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
          return fn(trx);
        });
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (typeof code !== 'string' || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw e;
      // The next attempt waits for the chain's lock anyway; back off only when that was not enough.
      if (attempt > 1) await sleep(Math.random() * Math.min(50, 2 * attempt));
    }
  }
};

/**
 * A short read-committed writer transaction for serial counters and the audit chain head,
 * where waiting for a row lock and then reading the newest value is what we want.
 */
export const withWriterTransaction = async <T>(
  kdb: KofuDatabase,
  fn: (trx: Tx) => Promise<T>,
): Promise<T> => {
  if (kdb.dialect === 'sqlite') return withTransaction(kdb, fn);
  return kdb.db.transaction().setIsolationLevel('read committed').execute(fn);
};
