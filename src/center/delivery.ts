import { ok, type Result, refuse } from '../domain/refusal.js';
import { withTransaction } from '../registers/transaction.js';
import type { OrderStatus, PrintedAnswer, ReprintAnswer } from './api-types.js';
import { auditIn, terminalActor } from './audit.js';
import type { CenterContext } from './context.js';
import { toDocumentInfo } from './issue.js';
import { getOwnOrder } from './orders.js';
import { type CenterDocumentsTable, centerView } from './schema.js';
import type { Terminal } from './terminals.js';

// Delivery: each document is fetched once (again only after an audited reprint), bound
// to its order, the holder's serial and its digest; confirmation deletes the content.

const unknownDocument = () => refuse('INVALID_REQUEST', { field: 'documentId', detail: 'unknown document' });

export interface DeliveredDocument {
  pdf: Buffer;
  document: CenterDocumentsTable;
  orderId: string;
  holderSerial: string;
}

/** Hands out a document's PDF once per grant. */
export const fetchDocument = async (
  ctx: CenterContext,
  terminal: Terminal,
  sessionId: string | undefined,
  orderId: string,
  documentId: string,
): Promise<Result<DeliveredDocument>> => {
  const o = await getOwnOrder(ctx, terminal, sessionId, orderId, { live: true });
  if (!o.ok) return o;
  if (o.value.state !== 'issued')
    return refuse('INVALID_REQUEST', { field: 'orderId', detail: `order is ${o.value.state}` });
  const now = ctx.clock.now();
  const doc = await withTransaction(ctx.kdb, async (tx) => {
    const db = centerView(tx);
    const d = await db
      .selectFrom('center_documents')
      .selectAll()
      .where('id', '=', documentId)
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    if (!d || d.content === null || d.fetches_left < 1) return d;
    const r = await db
      .updateTable('center_documents')
      .set({ fetches_left: d.fetches_left - 1 })
      .where('id', '=', documentId)
      .where('fetches_left', '=', d.fetches_left)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return { ...d, fetches_left: 0 };
    await auditIn(tx, now, terminalActor(terminal.id), 'document.delivered', {
      order: orderId,
      document: documentId,
      docSerial: d.serial,
      sha256: d.sha256,
      reprint: d.reprints,
    });
    return { ...d, fetches_left: d.fetches_left };
  });
  if (!doc) return unknownDocument();
  if (doc.content === null)
    return refuse('INVALID_REQUEST', { field: 'documentId', detail: 'document no longer held' });
  if (doc.fetches_left < 1)
    return refuse('INVALID_REQUEST', { field: 'documentId', detail: 'already delivered; ask for a reprint' });
  const pdf = ctx.vault.open(doc.id, doc.content);
  if (!pdf) {
    ctx.log.error({ order: orderId, document: documentId }, 'document ciphertext does not open');
    return refuse('SERVICE_UNAVAILABLE', { detail: 'document unreadable' });
  }
  return ok({ pdf, document: doc, orderId, holderSerial: o.value.holder_serial });
};

/** The printer confirmed these documents: delete their content; all confirmed → completed. */
export const confirmPrinted = async (
  ctx: CenterContext,
  terminal: Terminal,
  sessionId: string | undefined,
  orderId: string,
  documentIds: readonly string[],
): Promise<Result<PrintedAnswer>> => {
  const o = await getOwnOrder(ctx, terminal, sessionId, orderId, { live: false });
  if (!o.ok) return o;
  if (o.value.state !== 'issued' && o.value.state !== 'completed')
    return refuse('INVALID_REQUEST', { field: 'orderId', detail: `order is ${o.value.state}` });
  const now = ctx.clock.now();
  const iso = now.toISOString();
  return withTransaction(ctx.kdb, async (tx) => {
    const db = centerView(tx);
    const docs = await db
      .selectFrom('center_documents')
      .selectAll()
      .where('order_id', '=', orderId)
      .execute();
    const known = new Set(docs.map((d) => d.id));
    const bad = documentIds.find((id) => !known.has(id));
    if (bad !== undefined) return unknownDocument();
    const fresh = docs.filter((d) => documentIds.includes(d.id) && d.printed_at === null);
    if (fresh.length > 0) {
      await db
        .updateTable('center_documents')
        .set({ printed_at: iso, deleted_at: iso, content: null })
        .where('order_id', '=', orderId)
        .where(
          'id',
          'in',
          fresh.map((d) => d.id),
        )
        .where('printed_at', 'is', null)
        .execute();
      await auditIn(tx, now, terminalActor(terminal.id), 'document.printed', {
        order: orderId,
        documents: fresh.map((d) => d.serial),
      });
    }
    const remaining = docs
      .filter((d) => d.printed_at === null && !documentIds.includes(d.id))
      .map((d) => d.id);
    let state = o.value.state;
    if (remaining.length === 0 && state === 'issued') {
      const r = await db
        .updateTable('center_orders')
        .set({ state: 'completed', updated_at: iso, closed_at: iso, close_reason: 'printed' })
        .where('id', '=', orderId)
        .where('state', '=', 'issued')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 1) {
        await auditIn(tx, now, terminalActor(terminal.id), 'order.completed', { order: orderId });
      }
      state = 'completed';
    }
    return ok({ state, remaining });
  });
};

/** A failed print: the same document once more, no charge, within the reprint window. */
export const reprint = async (
  ctx: CenterContext,
  terminal: Terminal,
  sessionId: string | undefined,
  orderId: string,
  documentId: string,
  reason: string,
): Promise<Result<ReprintAnswer>> => {
  const o = await getOwnOrder(ctx, terminal, sessionId, orderId, { live: false });
  if (!o.ok) return o;
  const order = o.value;
  if (order.state !== 'issued')
    return refuse('INVALID_REQUEST', { field: 'orderId', detail: `order is ${order.state}` });
  const now = ctx.clock.now();
  const until = Date.parse(order.issued_at ?? order.updated_at) + ctx.settings.reprintWindowMs;
  if (now.getTime() >= until)
    return refuse('INVALID_REQUEST', { field: 'documentId', detail: 'reprint window has passed' });
  return withTransaction(ctx.kdb, async (tx) => {
    const db = centerView(tx);
    const d = await db
      .selectFrom('center_documents')
      .selectAll()
      .where('id', '=', documentId)
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    if (!d) return unknownDocument();
    if (d.content === null)
      return refuse('INVALID_REQUEST', { field: 'documentId', detail: 'document no longer held' });
    if (d.reprints >= ctx.settings.maxReprints)
      return refuse('INVALID_REQUEST', { field: 'documentId', detail: 'no reprints left' });
    await db
      .updateTable('center_documents')
      .set({ reprints: d.reprints + 1, fetches_left: 1 })
      .where('id', '=', documentId)
      .where('reprints', '=', d.reprints)
      .execute();
    await auditIn(tx, now, terminalActor(terminal.id), 'document.reprint', {
      order: orderId,
      document: documentId,
      docSerial: d.serial,
      reprint: d.reprints + 1,
      reason: reason.slice(0, 60),
    });
    return ok({
      document: toDocumentInfo(d),
      reprintsLeft: ctx.settings.maxReprints - d.reprints - 1,
      reprintUntil: new Date(until).toISOString(),
    });
  });
};

/** Where an order stands (for a kiosk recovering after a restart). */
export const orderStatus = async (
  ctx: CenterContext,
  terminal: Terminal,
  sessionId: string | undefined,
  orderId: string,
): Promise<Result<OrderStatus>> => {
  const o = await getOwnOrder(ctx, terminal, sessionId, orderId, { live: false });
  if (!o.ok) return o;
  const docs = await centerView(ctx.kdb.db)
    .selectFrom('center_documents')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('position')
    .execute();
  const r = o.value;
  return ok({
    orderId,
    state: r.state,
    totalYen: r.total_yen,
    paidYen: r.paid_yen,
    changeYen: r.change_yen,
    refundYen: r.refund_yen,
    documents: docs.map(toDocumentInfo),
  });
};
