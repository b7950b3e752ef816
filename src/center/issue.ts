import { randomUUID } from 'node:crypto';
import { CATALOGUE } from '../domain/catalogue.js';
import type { ReceiptDocument } from '../domain/documents.js';
import { toJapanIso } from '../domain/japan-time.js';
import { isRefusalCode, ok, type Result } from '../domain/refusal.js';
import type { CertificateRequest } from '../domain/request.js';
import { withTransaction } from '../registers/transaction.js';
import type { DocumentInfo, Issued, IssueInProgress } from './api-types.js';
import { auditIn, terminalActor } from './audit.js';
import type { CenterContext } from './context.js';
import { getOwnOrder, type OrderRow, refuseOrder } from './orders.js';
import type { CheckedRequest, RenderedPdf } from './ports.js';
import { type CenterDocumentsTable, centerView } from './schema.js';
import { findTerminal, type Terminal } from './terminals.js';

// Issue: paid → issuing (a lease, numbered by issue_attempt) → issued in one transaction
// with the encrypted documents. A failure after payment refunds; a stale lease may be taken
// over, and only the attempt holding the lease can commit (docs/architecture.md).

export const toDocumentInfo = (d: CenterDocumentsTable): DocumentInfo => ({
  documentId: d.id,
  kind: d.kind,
  serial: d.serial,
  ...(d.cert ? { cert: d.cert as DocumentInfo['cert'] & string } : {}),
  ...(d.copy !== null ? { copy: d.copy } : {}),
  ...(d.copies !== null ? { copies: d.copies } : {}),
  pages: d.pages,
  sha256: d.sha256,
});

export const issuedAnswer = async (ctx: CenterContext, order: OrderRow): Promise<Issued> => {
  const docs = await centerView(ctx.kdb.db)
    .selectFrom('center_documents')
    .selectAll()
    .where('order_id', '=', order.id)
    .orderBy('position')
    .execute();
  const infos = docs.map(toDocumentInfo);
  const receipt = infos.find((d) => d.kind === 'receipt')!;
  return {
    orderId: order.id,
    state: order.state,
    holderSerial: order.holder_serial,
    documents: infos.filter((d) => d.kind === 'certificate'),
    receipt,
    reprintUntil: new Date(
      Date.parse(order.issued_at ?? order.updated_at) + ctx.settings.reprintWindowMs,
    ).toISOString(),
  };
};

/** Moves an order to 'refunded' from `from` (only while this attempt holds it) and audits why. */
export const refundOrder = async (
  ctx: CenterContext,
  order: OrderRow,
  from: OrderRow['state'],
  attempt: number | undefined,
  code: string,
): Promise<boolean> => {
  const now = ctx.clock.now();
  const iso = now.toISOString();
  return withTransaction(ctx.kdb, async (tx) => {
    let q = centerView(tx)
      .updateTable('center_orders')
      .set({
        state: 'refunded',
        refund_yen: order.paid_yen,
        updated_at: iso,
        closed_at: iso,
        close_reason: code,
      })
      .where('id', '=', order.id)
      .where('state', '=', from);
    if (attempt !== undefined) q = q.where('issue_attempt', '=', attempt);
    const r = await q.executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await auditIn(tx, now, terminalActor(order.terminal_id), 'order.refunded', {
      order: order.id,
      refundYen: order.paid_yen,
      reason: code,
    });
    return true;
  });
};

const render = async (
  ctx: CenterContext,
  order: OrderRow,
  checked: CheckedRequest[],
  terminal: Terminal,
  issuedOn: string,
): Promise<
  Result<{
    certs: { doc: { serial: string; type: string; copy: number; copies: number }; pdf: RenderedPdf }[];
    receipt: RenderedPdf;
  }>
> => {
  const now = ctx.clock.now();
  const issued = await ctx.issuing.issue(
    {
      holder: { serial: order.holder_serial, issuedOn },
      terminal: { id: terminal.id, kind: terminal.kind },
      now,
      orderId: order.id,
    },
    checked,
  );
  if (!issued.ok) return issued;
  const certs = [];
  for (const doc of issued.value) certs.push({ doc, pdf: await ctx.renderer.certificate(doc) });
  const lines = checked.map(({ request }) => ({
    cert: request.cert,
    nameJa: CATALOGUE[request.cert].nameJa,
    copies: request.copies,
    feeEach: CATALOGUE[request.cert].fee,
    subtotal: CATALOGUE[request.cert].fee * request.copies,
  }));
  const receiptDoc: ReceiptDocument = {
    orderId: order.id,
    issuedAt: toJapanIso(now),
    terminalId: terminal.id,
    storeName: terminal.storeName,
    lines,
    totalYen: order.total_yen,
    paidYen: order.paid_yen,
    changeYen: order.change_yen,
    issuers: [...new Set(issued.value.map((d) => d.issuer.name))],
  };
  return ok({ certs, receipt: await ctx.renderer.receipt(receiptDoc) });
};

/** Issues a paid order; calling it again returns the same documents. */
export const issueOrder = async (
  ctx: CenterContext,
  terminal: Terminal,
  sessionId: string | undefined,
  orderId: string,
): Promise<Result<Issued | IssueInProgress>> => {
  const o = await getOwnOrder(ctx, terminal, sessionId, orderId, { live: true });
  if (!o.ok) return o;
  return issueOwnOrder(ctx, o.value);
};

/** The issue step for an order already known to belong to the caller (also the recovery path). */
export const issueOwnOrder = async (
  ctx: CenterContext,
  order: OrderRow,
): Promise<Result<Issued | IssueInProgress>> => {
  const now = ctx.clock.now();
  switch (order.state) {
    case 'issued':
    case 'completed':
      return ok(await issuedAnswer(ctx, order));
    case 'refunded':
      // Repeat why it was refunded: an issuing failure keeps its code, a cancellation is the kiosk's own doing.
      return isRefusalCode(order.close_reason) && order.close_reason !== 'INVALID_REQUEST'
        ? refuseOrder(order.close_reason, { orderState: 'refunded', refundYen: order.refund_yen })
        : refuseOrder('INVALID_REQUEST', {
            field: 'orderId',
            detail: `order is refunded (${order.close_reason ?? ''})`,
            orderState: 'refunded',
            refundYen: order.refund_yen,
          });
    case 'cancelled':
    case 'awaiting_payment':
      return refuseOrder('INVALID_REQUEST', {
        field: 'orderId',
        detail: `order is ${order.state}`,
        orderState: order.state,
      });
    case 'issuing':
      if (
        order.issue_started_at &&
        now.getTime() - Date.parse(order.issue_started_at) < ctx.settings.issueLeaseMs
      )
        return ok({ orderId: order.id, state: 'issuing', retryAfterMs: 1000 });
      break;
    case 'paid':
      break;
  }
  // Take the lease: only one attempt at a time, and a later attempt fences out an earlier one.
  const attempt = order.issue_attempt + 1;
  const claimed = await centerView(ctx.kdb.db)
    .updateTable('center_orders')
    .set({
      state: 'issuing',
      issue_attempt: attempt,
      issue_started_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .where('id', '=', order.id)
    .where('state', '=', order.state)
    .where('issue_attempt', '=', order.issue_attempt)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1)
    return ok({ orderId: order.id, state: 'issuing', retryAfterMs: 1000 });
  const terminal = await findTerminal(centerView(ctx.kdb.db), order.terminal_id);
  const session = await centerView(ctx.kdb.db)
    .selectFrom('center_sessions')
    .select(['card_issued_on'])
    .where('id', '=', order.session_id)
    .executeTakeFirst();
  const requests = JSON.parse(order.requests) as CertificateRequest[];
  const lines = await centerView(ctx.kdb.db)
    .selectFrom('center_order_lines')
    .selectAll()
    .where('order_id', '=', order.id)
    .orderBy('line_no')
    .execute();
  const checked: CheckedRequest[] = requests.map((request, i) => ({
    request,
    municipalityCode: lines[i]?.municipality_code ?? '',
    municipalityName: '',
  }));
  let rendered: Awaited<ReturnType<typeof render>>;
  try {
    if (!terminal) throw new Error('terminal record vanished');
    rendered = await render(ctx, order, checked, terminal, session?.card_issued_on ?? '');
  } catch (e) {
    ctx.log.error({ order: order.id, err: (e as Error).message }, 'issuing failed');
    rendered = refuseOrder('SERVICE_UNAVAILABLE', { detail: 'issuing failed' });
  }
  if (!rendered.ok) {
    const code = rendered.error.code;
    await refundOrder(ctx, order, 'issuing', attempt, code);
    const after = await centerView(ctx.kdb.db)
      .selectFrom('center_orders')
      .selectAll()
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    if (after.state !== 'refunded') return issueOwnOrder(ctx, after);
    return refuseOrder(code, { ...rendered.error, orderState: 'refunded', refundYen: after.refund_yen });
  }
  const { certs, receipt } = rendered.value;
  const committed = await withTransaction(ctx.kdb, async (tx) => {
    const db = centerView(tx);
    const at = ctx.clock.now();
    const r = await db
      .updateTable('center_orders')
      .set({ state: 'issued', issued_at: at.toISOString(), updated_at: at.toISOString() })
      .where('id', '=', order.id)
      .where('state', '=', 'issuing')
      .where('issue_attempt', '=', attempt)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    const rows: CenterDocumentsTable[] = [];
    certs.forEach(({ doc, pdf }, i) => {
      const id = randomUUID();
      rows.push({
        id,
        order_id: order.id,
        kind: 'certificate',
        position: i + 1,
        serial: doc.serial,
        cert: doc.type,
        copy: doc.copy,
        copies: doc.copies,
        pages: pdf.pages,
        sha256: pdf.sha256,
        content: ctx.vault.seal(id, pdf.pdf),
        fetches_left: 1,
        reprints: 0,
        printed_at: null,
        deleted_at: null,
      });
    });
    const receiptId = randomUUID();
    rows.push({
      id: receiptId,
      order_id: order.id,
      kind: 'receipt',
      position: certs.length + 1,
      serial: order.id,
      cert: null,
      copy: null,
      copies: null,
      pages: receipt.pages,
      sha256: receipt.sha256,
      content: ctx.vault.seal(receiptId, receipt.pdf),
      fetches_left: 1,
      reprints: 0,
      printed_at: null,
      deleted_at: null,
    });
    await db.insertInto('center_documents').values(rows).execute();
    await auditIn(tx, at, terminalActor(order.terminal_id), 'order.issued', {
      order: order.id,
      serial: order.holder_serial,
      documents: certs.map(({ doc, pdf }) => `${doc.serial}:${pdf.sha256}`),
      attempt,
    });
    return true;
  });
  const after = await centerView(ctx.kdb.db)
    .selectFrom('center_orders')
    .selectAll()
    .where('id', '=', order.id)
    .executeTakeFirstOrThrow();
  if (!committed) {
    ctx.log.warn({ order: order.id, attempt }, 'issuing attempt fenced out by a later one');
    return issueOwnOrder(ctx, after);
  }
  return ok(await issuedAnswer(ctx, after));
};
