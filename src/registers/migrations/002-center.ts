import type { Kysely } from 'kysely';

// The issuance center's tables (src/center/schema.ts): terminals, sessions, one-time
// challenges, orders and their lines, and documents in flight (encrypted until printed).

export const name = '002-center';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current types
export const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createTable('center_terminals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('operator', 'text', (c) => c.notNull())
    .addColumn('store_name', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull().unique())
    .addColumn('cert_serial', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createTable('center_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('challenge_id', 'text', (c) => c.notNull())
    .addColumn('holder_serial', 'text')
    .addColumn('card_issued_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('end_reason', 'text')
    .execute();
  await db.schema
    .createIndex('center_sessions_open')
    .on('center_sessions')
    .columns(['state', 'last_seen_at'])
    .execute();
  await db.schema
    .createTable('center_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('challenge', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('center_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('holder_serial', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('requests', 'text', (c) => c.notNull())
    .addColumn('total_yen', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('paid_yen', 'integer', (c) => c.notNull())
    .addColumn('change_yen', 'integer', (c) => c.notNull())
    .addColumn('refund_yen', 'integer', (c) => c.notNull())
    .addColumn('payment_key', 'text')
    .addColumn('issue_attempt', 'integer', (c) => c.notNull())
    .addColumn('issue_started_at', 'text')
    .addColumn('issued_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('close_reason', 'text')
    .addUniqueConstraint('center_orders_idempotency', ['session_id', 'idempotency_key'])
    .execute();
  await db.schema
    .createIndex('center_orders_state')
    .on('center_orders')
    .columns(['state', 'updated_at'])
    .execute();
  await db.schema
    .createTable('center_order_lines')
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('cert', 'text', (c) => c.notNull())
    .addColumn('copies', 'integer', (c) => c.notNull())
    .addColumn('fee_each', 'integer', (c) => c.notNull())
    .addColumn('subtotal', 'integer', (c) => c.notNull())
    .addColumn('municipality_code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('center_order_lines_pk', ['order_id', 'line_no'])
    .execute();
  await db.schema
    .createTable('center_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('serial', 'text', (c) => c.notNull())
    .addColumn('cert', 'text')
    .addColumn('copy', 'integer')
    .addColumn('copies', 'integer')
    .addColumn('pages', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'text')
    .addColumn('fetches_left', 'integer', (c) => c.notNull())
    .addColumn('reprints', 'integer', (c) => c.notNull())
    .addColumn('printed_at', 'text')
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('center_documents_order').on('center_documents').column('order_id').execute();
};
