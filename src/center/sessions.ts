import { randomBytes, randomUUID } from 'node:crypto';
import { ok, type Result, refuse } from '../domain/refusal.js';
import { withTransaction } from '../registers/transaction.js';
import type { AuthenticateBody, Authenticated, SessionCreated } from './api-types.js';
import { auditIn, auditNow, terminalActor } from './audit.js';
import { createSqlChallengeStore } from './challenge-store.js';
import type { CenterContext } from './context.js';
import { type CenterSessionsTable, centerView } from './schema.js';
import type { Terminal } from './terminals.js';

// Kiosk sessions: one per resident at a terminal, bound to that terminal and, after
// authentication, to the card's serial. Idle sessions end server-side and are erased.

export type SessionRow = CenterSessionsTable;

const ACTIVE_ORDER_STATES = ['paid', 'issuing', 'issued'] as const;
const unknownSession = () => refuse('INVALID_REQUEST', { field: 'sessionId', detail: 'unknown session' });

/** Starts a session and its one-time challenge. */
export const createSession = async (ctx: CenterContext, terminal: Terminal): Promise<SessionCreated> => {
  const db = centerView(ctx.kdb.db);
  const now = ctx.clock.now();
  const sessionId = randomUUID();
  const challengeId = randomUUID();
  const challenge = randomBytes(32);
  const expiresAt = new Date(now.getTime() + ctx.settings.challengeTtlMs);
  await createSqlChallengeStore(db).put(challengeId, challenge, expiresAt);
  await db
    .insertInto('center_sessions')
    .values({
      id: sessionId,
      terminal_id: terminal.id,
      state: 'open',
      challenge_id: challengeId,
      holder_serial: null,
      card_issued_on: null,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      ended_at: null,
      end_reason: null,
    })
    .execute();
  return {
    sessionId,
    challengeId,
    challenge: challenge.toString('base64'),
    challengeExpiresAt: expiresAt.toISOString(),
    idleTimeoutSeconds: Math.round(ctx.settings.idleTimeoutMs / 1000),
    terminal: { id: terminal.id, kind: terminal.kind, storeName: terminal.storeName },
  };
};

const hasActiveOrder = async (ctx: CenterContext, sessionId: string): Promise<boolean> => {
  const row = await centerView(ctx.kdb.db)
    .selectFrom('center_orders')
    .select('id')
    .where('session_id', '=', sessionId)
    .where('state', 'in', ACTIVE_ORDER_STATES)
    .executeTakeFirst();
  return row !== undefined;
};

/**
 * Ends a session: unpaid orders are cancelled, paid-not-issued ones refunded, documents not
 * yet confirmed deleted. Idempotent; returns false if it had already ended.
 */
export const endSession = async (ctx: CenterContext, sessionId: string, reason: string): Promise<boolean> => {
  const now = ctx.clock.now();
  const iso = now.toISOString();
  return withTransaction(ctx.kdb, async (tx) => {
    const db = centerView(tx);
    const s = await db
      .selectFrom('center_sessions')
      .selectAll()
      .where('id', '=', sessionId)
      .executeTakeFirst();
    if (!s || s.state === 'ended') return false;
    await db
      .updateTable('center_sessions')
      .set({ state: 'ended', ended_at: iso, end_reason: reason })
      .where('id', '=', sessionId)
      .execute();
    const orders = await db
      .selectFrom('center_orders')
      .select(['id', 'state', 'paid_yen'])
      .where('session_id', '=', sessionId)
      .execute();
    const cancelled: string[] = [];
    const refunded: string[] = [];
    const closed: string[] = [];
    for (const o of orders) {
      if (o.state === 'awaiting_payment') {
        await db
          .updateTable('center_orders')
          .set({ state: 'cancelled', updated_at: iso, closed_at: iso, close_reason: reason })
          .where('id', '=', o.id)
          .where('state', '=', 'awaiting_payment')
          .execute();
        cancelled.push(o.id);
      } else if (o.state === 'paid') {
        await db
          .updateTable('center_orders')
          .set({
            state: 'refunded',
            refund_yen: o.paid_yen,
            updated_at: iso,
            closed_at: iso,
            close_reason: reason,
          })
          .where('id', '=', o.id)
          .where('state', '=', 'paid')
          .execute();
        refunded.push(o.id);
      } else if (o.state === 'issued') {
        await db
          .updateTable('center_documents')
          .set({ content: null, deleted_at: iso })
          .where('order_id', '=', o.id)
          .where('deleted_at', 'is', null)
          .execute();
        await db
          .updateTable('center_orders')
          .set({ state: 'completed', updated_at: iso, closed_at: iso, close_reason: `${reason}_unconfirmed` })
          .where('id', '=', o.id)
          .where('state', '=', 'issued')
          .execute();
        closed.push(o.id);
      }
    }
    await auditIn(tx, now, terminalActor(s.terminal_id), 'session.end', {
      session: sessionId,
      reason,
      cancelled: cancelled.length ? cancelled : undefined,
      refunded: refunded.length ? refunded : undefined,
      closedUnconfirmed: closed.length ? closed : undefined,
    });
    return true;
  });
};

/** The terminal's live session, touched; SESSION_EXPIRED once idle too long (then erased). */
export const getLiveSession = async (
  ctx: CenterContext,
  terminal: Terminal,
  sessionId: string,
): Promise<Result<SessionRow>> => {
  const db = centerView(ctx.kdb.db);
  const row = await db
    .selectFrom('center_sessions')
    .selectAll()
    .where('id', '=', sessionId)
    .executeTakeFirst();
  if (!row || row.terminal_id !== terminal.id) return unknownSession();
  if (row.state === 'ended') return refuse('SESSION_EXPIRED');
  const now = ctx.clock.now();
  // A session that is paying or printing does not time out under the resident's hands.
  if (
    now.getTime() - Date.parse(row.last_seen_at) > ctx.settings.idleTimeoutMs &&
    !(await hasActiveOrder(ctx, row.id))
  ) {
    await endSession(ctx, row.id, 'timeout');
    return refuse('SESSION_EXPIRED');
  }
  await db
    .updateTable('center_sessions')
    .set({ last_seen_at: now.toISOString() })
    .where('id', '=', row.id)
    .where('state', '!=', 'ended')
    .execute();
  return ok(row);
};

/** The live, authenticated session of this terminal. */
export const getHolderSession = async (
  ctx: CenterContext,
  terminal: Terminal,
  sessionId: string,
): Promise<Result<SessionRow & { holder_serial: string; card_issued_on: string }>> => {
  const s = await getLiveSession(ctx, terminal, sessionId);
  if (!s.ok) return s;
  const { holder_serial, card_issued_on } = s.value;
  if (s.value.state !== 'authenticated' || holder_serial === null || card_issued_on === null)
    return refuse('INVALID_REQUEST', { field: 'sessionId', detail: 'not authenticated' });
  return ok({ ...s.value, holder_serial, card_issued_on });
};

const BASE64_RE = /^[A-Za-z0-9+/]+={0,2}$/;
const decode = (text: string): Uint8Array | undefined =>
  BASE64_RE.test(text) && text.length % 4 === 0 ? new Uint8Array(Buffer.from(text, 'base64')) : undefined;

/** Verifies the card's answer to the session's challenge (once: a replay is refused). */
export const authenticate = async (
  ctx: CenterContext,
  terminal: Terminal,
  sessionId: string,
  body: AuthenticateBody,
): Promise<Result<Authenticated>> => {
  const s = await getLiveSession(ctx, terminal, sessionId);
  if (!s.ok) return s;
  if (s.value.state !== 'open')
    return refuse('INVALID_REQUEST', { field: 'sessionId', detail: 'session already authenticated' });
  const certificate = decode(body.certificate);
  if (!certificate) return refuse('INVALID_REQUEST', { field: 'certificate', detail: 'not base64' });
  const signature = decode(body.signature);
  if (!signature) return refuse('INVALID_REQUEST', { field: 'signature', detail: 'not base64' });
  if (body.challengeId !== s.value.challenge_id)
    return refuse('INVALID_REQUEST', { field: 'challengeId', detail: 'not this session’s challenge' });
  const now = ctx.clock.now();
  const actor = terminalActor(terminal.id);
  const verified = await ctx.cards.authenticate({
    challengeId: body.challengeId,
    certificateDer: certificate,
    signature,
  });
  if (!verified.ok) {
    await auditNow(ctx.kdb, now, actor, 'login.refused', { session: sessionId, code: verified.error.code });
    return verified;
  }
  const { serial, issuedOn } = verified.value;
  const updated = await withTransaction(ctx.kdb, async (tx) => {
    const r = await centerView(tx)
      .updateTable('center_sessions')
      .set({ state: 'authenticated', holder_serial: serial, card_issued_on: issuedOn })
      .where('id', '=', sessionId)
      .where('state', '=', 'open')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await auditIn(tx, now, actor, 'login', { session: sessionId, serial });
    return true;
  });
  if (!updated)
    return refuse('INVALID_REQUEST', { field: 'sessionId', detail: 'session already authenticated' });
  return ok({ holder: { serial } });
};

/** Records a refusal the card itself gave (PIN), for the audit trail. */
export const recordCardRefusal = async (
  ctx: CenterContext,
  terminal: Terminal,
  sessionId: string,
  code: string,
  remainingTries: number | undefined,
): Promise<Result<true>> => {
  const s = await getLiveSession(ctx, terminal, sessionId);
  if (!s.ok) return s;
  await auditNow(ctx.kdb, ctx.clock.now(), terminalActor(terminal.id), 'login.refused', {
    session: sessionId,
    code,
    remainingTries,
  });
  return ok(true);
};
