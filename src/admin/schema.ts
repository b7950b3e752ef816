import type { Kysely } from 'kysely';
import type { Database } from '../registers/schema.js';
import type { Role } from './permissions.js';

// Row types of the console's tables (migration 003-admin), seen through a widened kysely handle.

export interface StaffAccountsTable {
  /** The login name, e.g. juminka1. */
  id: string;
  display_name: string;
  role: Role;
  municipality_code: string;
  password_salt: string;
  password_hash: string;
  created_at: string;
  disabled: 0 | 1;
}

export interface StaffSessionsTable {
  /** SHA-256 of the cookie's token: a stolen database gives no usable session. */
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface StaffLoginFailuresTable {
  user_id: string;
  failures: number;
  last_failed_at: string;
  locked_until: string | null;
}

export type AdminTables = {
  staff_accounts: StaffAccountsTable;
  staff_sessions: StaffSessionsTable;
  staff_login_failures: StaffLoginFailuresTable;
};

export type AdminDb = Kysely<Database & AdminTables>;

/** The register handle with the console's tables added. */
export const adminView = (db: Kysely<Database>): AdminDb => db.withTables<AdminTables>();
