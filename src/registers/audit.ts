import { type CompiledQuery, PostgresAdapter } from 'kysely';
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
  const q = auditQueries(trx);
  const head = (await trx.executeQuery<{ seq: number | string; hash: string }>(q.head)).rows[0];
  if (!head) throw new Error('audit_head is missing');
  const seq = Number(head.seq) + 1;
  const full = { seq, at: entry.at, actor: entry.actor, action: entry.action, refs: entry.refs };
  const hash = auditHash(full, head.hash);
  const entryParams = [seq, entry.at, entry.actor, entry.action, canonicalJson(entry.refs), head.hash, hash];
  if (q.insertAndSetHead) {
    await trx.executeQuery(withParameters(q.insertAndSetHead, [...entryParams, seq, hash, 1]));
  } else {
    await trx.executeQuery(withParameters(q.insert, entryParams));
    await trx.executeQuery(withParameters(q.setHead, [seq, hash, 1]));
  }
  return { ...full, prevHash: head.hash, hash };
};

// The append's statements are the same every time: they are built by kysely once per dialect
// and then run with new parameters (building them was a measurable share of an append).
interface AuditQueries {
  head: CompiledQuery;
  insert: CompiledQuery;
  setHead: CompiledQuery;
  /** PostgreSQL: the entry and the new head in one statement (a data-modifying CTE). */
  insertAndSetHead?: CompiledQuery;
}

const compiledByAdapter = new Map<unknown, AuditQueries>();

const auditQueries = (trx: Tx): AuditQueries => {
  const adapter = trx.getExecutor().adapter;
  const known = compiledByAdapter.get(adapter.constructor);
  if (known) return known;
  // Placeholder values: only the SQL text and the order of the parameters are kept.
  const row = { seq: 0, at: '', actor: '', action: '', refs: '', prev_hash: '', hash: '' };
  const setHead = trx.updateTable('audit_head').set({ seq: 0, hash: '' }).where('id', '=', 1);
  const q: AuditQueries = {
    head: trx
      .updateTable('audit_head')
      .set((eb) => ({ seq: eb.ref('seq') }))
      .where('id', '=', 1)
      .returning(['seq', 'hash'])
      .compile(),
    insert: trx.insertInto('audit_log').values(row).compile(),
    setHead: setHead.compile(),
    ...(adapter instanceof PostgresAdapter
      ? {
          insertAndSetHead: trx
            .with('entry', (db) => db.insertInto('audit_log').values(row))
            .updateTable('audit_head')
            .set({ seq: 0, hash: '' })
            .where('id', '=', 1)
            .compile(),
        }
      : {}),
  };
  for (const c of [q.insert, q.setHead, q.insertAndSetHead])
    if (c && c.parameters.length !== (c === q.setHead ? 3 : c === q.insert ? 7 : 10))
      throw new Error(`audit: unexpected parameters in ${c.sql}`);
  compiledByAdapter.set(adapter.constructor, q);
  return q;
};

const withParameters = (q: CompiledQuery, parameters: unknown[]): CompiledQuery => ({ ...q, parameters });

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
