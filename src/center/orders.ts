import { randomUUID } from 'node:crypto';
import { CATALOGUE } from '../domain/catalogue.js';
import {
  ok,
  type Refusal,
  type RefusalCode,
  type RefusalDetails,
  type Refused,
  type Result,
  refuse,
} from '../domain/refusal.js';
import type { CertificateRequest } from '../domain/request.js';
import { validateRequest } from '../domain/request-validation.js';
import { withTransaction } from '../registers/transaction.js';
import type { CancelAnswer, OrderCreated, PaymentAccepted, Quote } from './api-types.js';
import { auditIn, auditNow, terminalActor } from './audit.js';
import type { CenterContext } from './context.js';
import type { CheckedRequest } from './ports.js';
import { type CenterOrdersTable, centerView } from './schema.js';
import { getHolderSession, getLiveSession, type SessionRow } from './sessions.js';
import type { Terminal } from './terminals.js';

// Orders: a state machine persisted in SQL. Every transition is one conditional UPDATE
// (… WHERE state = expected), so a retry or a second instance can never apply it twice.

export type OrderRow = CenterOrdersTable;

/** A refusal that also says where the order stands and what the cash box must hand back. */
export const refuseOrder = (
  code: RefusalCode,
  details: RefusalDetails & { orderState?: string; refundYen?: number },
): Refused => ({ ok: false, error: { code, ...details } as Refusal });

const unknownOrder = () => refuse('INVALID_REQUEST', { field: 'orderId', detail: 'unknown order' });

const holderContext = (
  terminal: Terminal,
  s: { holder_serial: string; card_issued_on: string },
  now: Date,
) => ({
  holder: { serial: s.holder_serial, issuedOn: s.card_issued_on },
  terminal: { id: terminal.id, kind: terminal.kind },
  now,
});

/** Validates, judges eligibility and prices requests (nothing stored). */
const checkRequests = async (
  ctx: CenterContext,
  terminal: Terminal,
  session: SessionRow & { holder_serial: string; card_issued_on: string },
  raw: readonly unknown[],
): Promise<Result<{ checked: CheckedRequest[]; quote: Quote }>> => {
  const requests: CertificateRequest[] = [];
  for (const [i, r] of raw.entries()) {
    const v = validateRequest(r);
    if (!v.ok)
      return refuse('INVALID_REQUEST', { ...v.error, field: `requests[${i}].${v.error.field ?? ''}` });
    // One request per certificate: a municipality issues an order's certificate once (retries reuse it).
    if (requests.some((x) => x.cert === v.value.cert))
      return refuse('INVALID_REQUEST', {
        field: `requests[${i}].cert`,
        detail: 'one request per certificate in an order (use copies)',
      });
    requests.push(v.value);
  }
  const now = ctx.clock.now();
  const checked: CheckedRequest[] = [];
  for (const request of requests) {
    const c = await ctx.issuing.check(holderContext(terminal, session, now), request);
    if (!c.ok) {
      await auditNow(ctx.kdb, now, terminalActor(terminal.id), 'request.refused', {
        session: session.id,
        serial: session.holder_serial,
        cert: request.cert,
        code: c.error.code,
      });
      return c;
    }
    checked.push(c.value);
  }
  const lines = checked.map(({ request, municipalityName }) => {
    const feeEach = CATALOGUE[request.cert].fee;
    return {
      cert: request.cert,
      nameJa: CATALOGUE[request.cert].nameJa,
      copies: request.copies,
      feeEach,
      subtotal: feeEach * request.copies,
      municipality: municipalityName,
    };
  });
  return ok({ checked, quote: { lines, totalYen: lines.reduce((s, l) => s + l.subtotal, 0) } });
};

export const quote = async (
  ctx: CenterContext,
  terminal: Terminal,
  sessionId: string,
  requests: readonly unknown[],
): Promise<Result<Quote>> => {
  const s = await getHolderSession(ctx, terminal, sessionId);
  if (!s.ok) return s;
  const c = await checkRequests(ctx, terminal, s.value, requests);
  return c.ok ? ok(c.value.quote) : c;
};

const sameRequests = (a: string, b: readonly CertificateRequest[]): boolean => a === JSON.stringify(b);

const orderLines = async (ctx: CenterContext, orderId: string): Promise<Quote['lines']> => {
  const rows = await centerView(ctx.kdb.db)
    .selectFrom('center_order_lines')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('line_no')
    .execute();
  return rows.map((l) => ({
    cert: l.cert as CertificateRequest['cert'],
    nameJa: CATALOGUE[l.cert as CertificateRequest['cert']].nameJa,
    copies: l.copies,
    feeEach: l.fee_each,
    subtotal: l.subtotal,
    municipality: l.municipality_code,
  }));
};

/** Creates an order awaiting payment; the same idempotency key in the session returns it again. */
export const createOrder = async (
  ctx: CenterContext,
  terminal: Terminal,
  sessionId: string,
  body: { requests: readonly unknown[]; idempotencyKey: string },
): Promise<Result<OrderCreated & { created: boolean }>> => {
  const s = await getHolderSession(ctx, terminal, sessionId);
  if (!s.ok) return s;
  const db = centerView(ctx.kdb.db);
  const existing = await db
    .selectFrom('center_orders')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('idempotency_key', '=', body.idempotencyKey)
    .executeTakeFirst();
  const c = await checkRequests(ctx, terminal, s.value, body.requests);
  if (existing) {
    if (
      !c.ok ||
      !sameRequests(
        existing.requests,
        c.value.checked.map((x) => x.request),
      )
    )
      return refuse('INVALID_REQUEST', {
        field: 'idempotencyKey',
        detail: 'key already used for another order',
      });
    return ok({
      orderId: existing.id,
      state: existing.state,
      lines: c.value.quote.lines,
      totalYen: existing.total_yen,
      created: false,
    });
  }
  if (!c.ok) return c;
  const { checked, quote: q } = c.value;
  const now = ctx.clock.now();
  const iso = now.toISOString();
  const orderId = randomUUID();
  const requests = checked.map((x) => x.request);
  const inserted = await withTransaction(ctx.kdb, async (tx) => {
    const cdb = centerView(tx);
    const again = await cdb
      .selectFrom('center_orders')
      .select('id')
      .where('session_id', '=', sessionId)
      .where('idempotency_key', '=', body.idempotencyKey)
      .executeTakeFirst();
    if (again) return again.id;
    await cdb
      .insertInto('center_orders')
      .values({
        id: orderId,
        session_id: sessionId,
        terminal_id: terminal.id,
        holder_serial: s.value.holder_serial,
        idempotency_key: body.idempotencyKey,
        requests: JSON.stringify(requests),
        total_yen: q.totalYen,
        state: 'awaiting_payment',
        paid_yen: 0,
        change_yen: 0,
        refund_yen: 0,
        payment_key: null,
        issue_attempt: 0,
        issue_started_at: null,
        issued_at: null,
        created_at: iso,
        updated_at: iso,
        closed_at: null,
        close_reason: null,
      })
      .execute();
    await cdb
      .insertInto('center_order_lines')
      .values(
        checked.map((x, i) => ({
          order_id: orderId,
          line_no: i + 1,
          cert: x.request.cert,
          copies: x.request.copies,
          fee_each: CATALOGUE[x.request.cert].fee,
          subtotal: CATALOGUE[x.request.cert].fee * x.request.copies,
          municipality_code: x.municipalityCode,
        })),
      )
      .execute();
    await auditIn(tx, now, terminalActor(terminal.id), 'order.created', {
      order: orderId,
      session: sessionId,
      serial: s.value.holder_serial,
      certs: requests.map((r) => `${r.cert}x${r.copies}`),
      totalYen: q.totalYen,
    });
    return orderId;
  });
  return ok({
    orderId: inserted,
    state: 'awaiting_payment',
    lines: q.lines,
    totalYen: q.totalYen,
    created: inserted === orderId,
  });
};

/**
 * The order of this terminal and of the session named by the x-kofu-session-id header (required:
 * without it, or with another session, the answer is the same as for a missing ID). `live`: its
 * session must not have ended. Kiosk recovery without a session is src/center/recovery.ts.
 */
export const getOwnOrder = async (
  ctx: CenterContext,
  terminal: Terminal,
  sessionId: string | undefined,
  orderId: string,
  opts: { live: boolean },
): Promise<Result<OrderRow>> => {
  const order = await centerView(ctx.kdb.db)
    .selectFrom('center_orders')
    .selectAll()
    .where('id', '=', orderId)
    .executeTakeFirst();
  if (!order || order.terminal_id !== terminal.id) return unknownOrder();
  if (sessionId === undefined || order.session_id !== sessionId) return unknownOrder();
  if (opts.live) {
    const s = await getLiveSession(ctx, terminal, order.session_id);
    if (!s.ok) return s;
  }
  return ok(order);
};

/** The cash box's report: enough cash pays the order (once; the same key answers the same). */
export const pay = async (
  ctx: CenterContext,
  terminal: Terminal,
  sessionId: string | undefined,
  orderId: string,
  body: { insertedYen: number; idempotencyKey: string },
): Promise<Result<PaymentAccepted>> => {
  const o = await getOwnOrder(ctx, terminal, sessionId, orderId, { live: true });
  if (!o.ok) return o;
  const order = o.value;
  const answer = (r: OrderRow): PaymentAccepted => ({
    state: r.state,
    totalYen: r.total_yen,
    paidYen: r.paid_yen,
    changeYen: r.change_yen,
  });
  if (order.payment_key !== null) {
    if (order.payment_key === body.idempotencyKey) return ok(answer(order));
    return refuse('INVALID_REQUEST', { field: 'idempotencyKey', detail: 'order already paid' });
  }
  if (order.state !== 'awaiting_payment')
    return refuseOrder('INVALID_REQUEST', {
      field: 'orderId',
      detail: `order is ${order.state}`,
      orderState: order.state,
    });
  if (body.insertedYen < order.total_yen)
    return refuse('PAYMENT_INSUFFICIENT', { missing: order.total_yen - body.insertedYen });
  const now = ctx.clock.now();
  const iso = now.toISOString();
  const change = body.insertedYen - order.total_yen;
  const done = await withTransaction(ctx.kdb, async (tx) => {
    const r = await centerView(tx)
      .updateTable('center_orders')
      .set({
        state: 'paid',
        paid_yen: body.insertedYen,
        change_yen: change,
        payment_key: body.idempotencyKey,
        updated_at: iso,
      })
      .where('id', '=', orderId)
      .where('state', '=', 'awaiting_payment')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await auditIn(tx, now, terminalActor(terminal.id), 'order.paid', {
      order: orderId,
      insertedYen: body.insertedYen,
      totalYen: order.total_yen,
      changeYen: change,
    });
    return true;
  });
  const after = await centerView(ctx.kdb.db)
    .selectFrom('center_orders')
    .selectAll()
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();
  if (!done && after.payment_key !== body.idempotencyKey)
    return refuse('INVALID_REQUEST', { field: 'idempotencyKey', detail: 'order already paid' });
  return ok(answer(after));
};

/** Cancels before payment, refunds after payment and before issue; issued orders are never refunded (seed). */
export const cancel = async (
  ctx: CenterContext,
  terminal: Terminal,
  sessionId: string | undefined,
  orderId: string,
): Promise<Result<CancelAnswer>> => {
  const o = await getOwnOrder(ctx, terminal, sessionId, orderId, { live: false });
  if (!o.ok) return o;
  const now = ctx.clock.now();
  const iso = now.toISOString();
  const from = o.value.state;
  if (from === 'cancelled' || from === 'refunded') return ok({ state: from, refundYen: o.value.refund_yen });
  if (from !== 'awaiting_payment' && from !== 'paid')
    return refuse('INVALID_REQUEST', { field: 'orderId', detail: `cannot cancel an order that is ${from}` });
  const to = from === 'paid' ? 'refunded' : 'cancelled';
  const refundYen = from === 'paid' ? o.value.paid_yen : 0;
  const done = await withTransaction(ctx.kdb, async (tx) => {
    const r = await centerView(tx)
      .updateTable('center_orders')
      .set({ state: to, refund_yen: refundYen, updated_at: iso, closed_at: iso, close_reason: 'cancelled' })
      .where('id', '=', orderId)
      .where('state', '=', from)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await auditIn(
      tx,
      now,
      terminalActor(terminal.id),
      to === 'refunded' ? 'order.refunded' : 'order.cancelled',
      {
        order: orderId,
        refundYen,
        reason: 'cancelled',
      },
    );
    return true;
  });
  if (!done) return cancel(ctx, terminal, sessionId, orderId);
  return ok({ state: to, refundYen });
};

export { orderLines };
