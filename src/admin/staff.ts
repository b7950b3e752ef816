import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../domain/japan-time.js';
import type { KofuDatabase } from '../registers/database.js';
import { withTransaction } from '../registers/transaction.js';
import { auditStaff } from './audit.js';
import { type AdminResult, done, fail, invalid } from './errors.js';
import { DUMMY_HASH, generatePassword, hashPassword, verifyPassword } from './password.js';
import { isRole, type Role } from './permissions.js';
import { adminView } from './schema.js';

// Staff accounts, login with lock-out, and sessions with an idle and an absolute expiry.

export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_MS = 15 * 60_000;
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 8 * 60 * 60_000;

const USER_ID = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

/** The logged-in staff member, as every console action receives it. */
export interface Staff {
  id: string;
  displayName: string;
  role: Role;
  municipalityCode: string;
}

const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export const createStaff = async (
  kdb: KofuDatabase,
  clock: Clock,
  s: { id: string; displayName: string; role: Role; municipalityCode: string; password: string },
): Promise<AdminResult<Staff>> => {
  if (!USER_ID.test(s.id)) return invalid('id', 'lower-case letters, digits, _ . -');
  if (!isRole(s.role)) return invalid('role', 'juminka, zeimuka or kanrisha');
  if (s.password.length < 12) return invalid('password', 'at least 12 characters');
  const h = await hashPassword(s.password);
  const now = clock.now();
  await withTransaction(kdb, async (trx) => {
    const db = adminView(trx);
    await db.deleteFrom('staff_accounts').where('id', '=', s.id).execute();
    await db
      .insertInto('staff_accounts')
      .values({
        id: s.id,
        display_name: s.displayName,
        role: s.role,
        municipality_code: s.municipalityCode,
        password_salt: h.salt,
        password_hash: h.hash,
        created_at: now.toISOString(),
        disabled: 0,
      })
      .execute();
    await db.deleteFrom('staff_login_failures').where('user_id', '=', s.id).execute();
    await auditStaff(trx, now, 'system', 'staff.create', { user: s.id, role: s.role });
  });
  return done({ id: s.id, displayName: s.displayName, role: s.role, municipalityCode: s.municipalityCode });
};

const DEMO_STAFF: { user: string; role: Role; displayName: string }[] = [
  { user: 'juminka', role: 'juminka', displayName: '住民課 職員' },
  { user: 'zeimuka', role: 'zeimuka', displayName: '税務課 職員' },
  { user: 'kanrisha', role: 'kanrisha', displayName: '管理者' },
];

/** One account per role for the demo town, with generated passwords (print them once). */
export const createDemoStaff = async (
  kdb: KofuDatabase,
  clock: Clock,
  opts: { municipalityCode?: string } = {},
): Promise<{ user: string; role: Role; password: string }[]> => {
  const out = [];
  for (const d of DEMO_STAFF) {
    const password = generatePassword();
    const r = await createStaff(kdb, clock, {
      id: d.user,
      displayName: d.displayName,
      role: d.role,
      municipalityCode: opts.municipalityCode ?? '284815',
      password,
    });
    if (!r.ok) throw new Error(`demo staff ${d.user}: ${r.error.detail}`);
    out.push({ user: d.user, role: d.role, password });
  }
  return out;
};

/** Checks the password; after 5 failures in a row the account is locked for 15 minutes. */
export const login = async (
  kdb: KofuDatabase,
  clock: Clock,
  userId: unknown,
  password: unknown,
): Promise<AdminResult<{ token: string; staff: Staff; expiresAt: string }>> => {
  if (typeof userId !== 'string' || !USER_ID.test(userId)) return fail('bad_credentials');
  if (typeof password !== 'string' || password.length === 0 || password.length > 256)
    return fail('bad_credentials');
  const db = adminView(kdb.db);
  const account = await db
    .selectFrom('staff_accounts')
    .selectAll()
    .where('id', '=', userId)
    .executeTakeFirst();
  const now = clock.now();
  const failures = await db
    .selectFrom('staff_login_failures')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (failures?.locked_until && failures.locked_until > now.toISOString()) {
    await withTransaction(kdb, (trx) => auditStaff(trx, now, userId, 'staff.login.locked'));
    return fail('account_locked', { lockedUntil: failures.locked_until });
  }
  const good = await verifyPassword(
    account ? { salt: account.password_salt, hash: account.password_hash } : DUMMY_HASH,
    password,
  );
  if (!account || !good || account.disabled === 1) {
    let lockedUntil: string | undefined;
    await withTransaction(kdb, async (trx) => {
      if (account) {
        const t = adminView(trx);
        const row = await t
          .selectFrom('staff_login_failures')
          .selectAll()
          .where('user_id', '=', userId)
          .executeTakeFirst();
        const expired = row?.locked_until != null && row.locked_until <= now.toISOString();
        const count = (row && !expired ? row.failures : 0) + 1;
        lockedUntil =
          count >= LOCKOUT_FAILURES ? new Date(now.getTime() + LOCKOUT_MS).toISOString() : undefined;
        const values = {
          failures: count,
          last_failed_at: now.toISOString(),
          locked_until: lockedUntil ?? null,
        };
        if (row)
          await t.updateTable('staff_login_failures').set(values).where('user_id', '=', userId).execute();
        else
          await t
            .insertInto('staff_login_failures')
            .values({ user_id: userId, ...values })
            .execute();
      }
      await auditStaff(trx, now, account ? userId : 'unknown', 'staff.login.failed', {
        locked: lockedUntil !== undefined,
      });
    });
    return lockedUntil ? fail('account_locked', { lockedUntil }) : fail('bad_credentials');
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS).toISOString();
  await withTransaction(kdb, async (trx) => {
    const t = adminView(trx);
    await t.deleteFrom('staff_login_failures').where('user_id', '=', userId).execute();
    await t
      .insertInto('staff_sessions')
      .values({
        token_hash: tokenHash(token),
        user_id: userId,
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
        expires_at: expiresAt,
      })
      .execute();
    await auditStaff(trx, now, userId, 'staff.login');
  });
  return done({ token, staff: toStaff(account), expiresAt });
};

const toStaff = (a: { id: string; display_name: string; role: Role; municipality_code: string }): Staff => ({
  id: a.id,
  displayName: a.display_name,
  role: a.role,
  municipalityCode: a.municipality_code,
});

/** The staff member of a session token; slides the idle expiry, never past 8 hours from login. */
export const findSessionStaff = async (
  kdb: KofuDatabase,
  clock: Clock,
  token: string | undefined,
): Promise<AdminResult<Staff>> => {
  if (!token || token.length > 100) return fail('not_logged_in');
  const db = adminView(kdb.db);
  const hash = tokenHash(token);
  const s = await db
    .selectFrom('staff_sessions')
    .selectAll()
    .where('token_hash', '=', hash)
    .executeTakeFirst();
  const now = clock.now();
  if (!s) return fail('not_logged_in');
  const hardEnd = new Date(s.created_at).getTime() + SESSION_MAX_MS;
  if (now.toISOString() >= s.expires_at || now.getTime() >= hardEnd) {
    await db.deleteFrom('staff_sessions').where('token_hash', '=', hash).execute();
    return fail('not_logged_in');
  }
  const account = await db
    .selectFrom('staff_accounts')
    .selectAll()
    .where('id', '=', s.user_id)
    .executeTakeFirst();
  if (!account || account.disabled === 1) return fail('not_logged_in');
  await db
    .updateTable('staff_sessions')
    .set({
      last_seen_at: now.toISOString(),
      expires_at: new Date(Math.min(now.getTime() + SESSION_IDLE_MS, hardEnd)).toISOString(),
    })
    .where('token_hash', '=', hash)
    .execute();
  return done(toStaff(account));
};

export const logout = async (kdb: KofuDatabase, clock: Clock, token: string, staff: Staff): Promise<void> => {
  await withTransaction(kdb, async (trx) => {
    await adminView(trx).deleteFrom('staff_sessions').where('token_hash', '=', tokenHash(token)).execute();
    await auditStaff(trx, clock.now(), staff.id, 'staff.logout');
  });
};
