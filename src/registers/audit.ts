import { PostgresAdapter } from 'kysely';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import type { KofuDatabase } from './database.js';
import { type Tx, withWriterTransaction } from './transaction.js';

/** One audit entry as the caller gives it. `refs` holds IDs and codes, never personal data. */
export interface AuditInput {
  at: string;
  actor: string;
  action: string;
  refs: Record<string, unknown>;
}

export interface AuditEntry extends AuditInput {
  seq: number;
  prevHash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

/** hash = SHA-256(canonical JSON of {seq, at, actor, action, refs} + prev_hash). */
export const auditHash = (e: Omit<AuditEntry, 'hash' | 'prevHash'>, prevHash: string): string =>
  sha256Hex(
    canonicalJson({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, refs: e.refs }) + prevHash,
  );

/**
 * Appends one entry to the hash chain inside `trx`. A no-op UPDATE … RETURNING first locks
 * the chain head row and reads it (SQLite writers are serialised anyway); in a REPEATABLE
 * READ transaction a concurrent append makes it fail with a serialization error and retry
 * (withTransaction then takes the chain's lock first). On PostgreSQL the entry and the new
 * head are written by one statement, so the head is held for two round trips, not four.
 */
export const appendAudit = async (trx: Tx, entry: AuditInput): Promise<AuditEntry> => {
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb.ref('seq') }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const seq = Number(head.seq) + 1;
  const full = { seq, at: entry.at, actor: entry.actor, action: entry.action, refs: entry.refs };
  const hash = auditHash(full, head.hash);
  const row = { ...full, refs: canonicalJson(entry.refs), prev_hash: head.hash, hash };
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await trx
      .with('entry', (db) => db.insertInto('audit_log').values(row))
      .updateTable('audit_head')
      .set({ seq, hash })
      .where('id', '=', 1)
      .execute();
  } else {
    await trx.insertInto('audit_log').values(row).execute();
    await trx.updateTable('audit_head').set({ seq, hash }).where('id', '=', 1).execute();
  }
  return { ...full, prevHash: head.hash, hash };
};

/** Appends one entry in its own short transaction (the usual way under concurrency). */
export const appendAuditEntry = (kdb: KofuDatabase, entry: AuditInput): Promise<AuditEntry> =>
  withWriterTransaction(kdb, (trx) => appendAudit(trx, entry));

export type AuditVerification =
  | { ok: true; entries: number }
  | { ok: false; firstBrokenSeq: number; reason: string };

/** Recomputes the whole chain; reports the first entry whose link or hash is wrong. */
export const verifyAuditChain = async (kdb: KofuDatabase, batch = 5000): Promise<AuditVerification> => {
  let prev = GENESIS;
  let expected = 1;
  for (;;) {
    const rows = await kdb.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expected)
      .orderBy('seq')
      .limit(batch)
      .execute();
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expected)
        return { ok: false, firstBrokenSeq: expected, reason: `entry ${expected} is missing` };
      if (r.prev_hash !== prev) return { ok: false, firstBrokenSeq: seq, reason: 'prev_hash does not match' };
      let refs: Record<string, unknown>;
      try {
        refs = JSON.parse(r.refs) as Record<string, unknown>;
      } catch {
        return { ok: false, firstBrokenSeq: seq, reason: 'refs is not JSON' };
      }
      const hash = auditHash({ seq, at: r.at, actor: r.actor, action: r.action, refs }, prev);
      if (hash !== r.hash) return { ok: false, firstBrokenSeq: seq, reason: 'hash does not match the entry' };
      prev = r.hash;
      expected++;
    }
    if (rows.length < batch) break;
  }
  const head = await kdb.db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!head || Number(head.seq) !== expected - 1 || head.hash !== prev)
    return {
      ok: false,
      firstBrokenSeq: expected,
      reason: 'chain head does not match the last entry (truncated?)',
    };
  return { ok: true, entries: expected - 1 };
};
