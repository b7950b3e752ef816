import type { Kysely } from 'kysely';
import type { Database } from '../registers/schema.js';

// The center's tables (migration src/registers/migrations/002-center.ts). Instants are ISO
// strings from Date.toISOString() (UTC, so they sort as text); yen are integers.

export interface CenterTerminalsTable {
  id: string;
  kind: 'store' | 'townhall';
  /** Store chain (store kiosks) or municipality code (town-hall kiosks). */
  operator: string;
  store_name: string;
  /** SHA-256 hex of the client certificate's DER. */
  fingerprint: string;
  cert_serial: string;
  created_at: string;
  revoked_at: string | null;
}

export interface CenterSessionsTable {
  id: string;
  terminal_id: string;
  state: 'open' | 'authenticated' | 'ended';
  challenge_id: string;
  holder_serial: string | null;
  card_issued_on: string | null;
  created_at: string;
  last_seen_at: string;
  ended_at: string | null;
  end_reason: string | null;
}

export interface CenterChallengesTable {
  id: string;
  challenge: string;
  expires_at: string;
}

export interface CenterOrdersTable {
  id: string;
  session_id: string;
  terminal_id: string;
  holder_serial: string;
  idempotency_key: string;
  /** JSON CertificateRequest[]: register IDs, never names. */
  requests: string;
  total_yen: number;
  state: 'awaiting_payment' | 'paid' | 'issuing' | 'issued' | 'completed' | 'cancelled' | 'refunded';
  paid_yen: number;
  change_yen: number;
  refund_yen: number;
  payment_key: string | null;
  /** Bumped on every issuing attempt; a stale attempt cannot commit. */
  issue_attempt: number;
  issue_started_at: string | null;
  issued_at: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  close_reason: string | null;
}

export interface CenterOrderLinesTable {
  order_id: string;
  line_no: number;
  cert: string;
  copies: number;
  fee_each: number;
  subtotal: number;
  municipality_code: string;
}

export interface CenterDocumentsTable {
  id: string;
  order_id: string;
  kind: 'certificate' | 'receipt';
  position: number;
  serial: string;
  cert: string | null;
  copy: number | null;
  copies: number | null;
  pages: number;
  sha256: string;
  /** AES-256-GCM ciphertext of the PDF, base64; null once printed or expired. */
  content: string | null;
  /** Fetches still allowed: 1 at issue, +1 per reprint. */
  fetches_left: number;
  reprints: number;
  printed_at: string | null;
  deleted_at: string | null;
}

export type CenterTables = {
  center_terminals: CenterTerminalsTable;
  center_sessions: CenterSessionsTable;
  center_challenges: CenterChallengesTable;
  center_orders: CenterOrdersTable;
  center_order_lines: CenterOrderLinesTable;
  center_documents: CenterDocumentsTable;
};

/** The register database seen with the center's tables. */
export type CenterDb = Kysely<Database & CenterTables>;

/** The center's view of a register handle or transaction. */
export const centerView = (db: Kysely<Database>): CenterDb => db.withTables<CenterTables>();
