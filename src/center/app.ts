import type { TLSSocket } from 'node:tls';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CATALOGUE } from '../domain/catalogue.js';
import { refusalMessage } from '../domain/messages.js';
import type { Result } from '../domain/refusal.js';
import * as T from './api-types.js';
import type { CenterContext } from './context.js';
import { confirmPrinted, fetchDocument, orderStatus, reprint } from './delivery.js';
import { sendRefusal } from './http-errors.js';
import { issueOrder } from './issue.js';
import { cancel, createOrder, pay, quote } from './orders.js';
import { recoverOrder } from './recovery.js';
import { centerView } from './schema.js';
import {
  authenticate,
  createSession,
  endSession,
  getHolderSession,
  getLiveSession,
  recordCardRefusal,
} from './sessions.js';
import { certificateFingerprint } from './terminal-ca.js';
import { type Terminal, TerminalCache } from './terminals.js';

// The kiosk API (/v1): every route needs a known, unrevoked terminal certificate.

const SESSION_HEADER = 'x-kofu-session-id';

const err = (code: number) => ({ [code]: T.ErrorBody });
const errors = { ...err(400), ...err(401), ...err(403), ...err(410), ...err(503) };

/** What a kiosk-API extension gets: the terminal of a request and its authenticated session. */
export interface KioskApiHelpers {
  ctx: CenterContext;
  terminalOf(request: FastifyRequest): Terminal;
  /** The session, if it belongs to this terminal, is live and authenticated by a card. */
  holderSession(request: FastifyRequest, sessionId: string): ReturnType<typeof getHolderSession>;
}

/**
 * Routes of other parts served under /v1 behind the same terminal check (mutual TLS), e.g.
 * the 本籍地 user registration made at a kiosk (src/admin), which the center cannot import.
 */
export type KioskApiExtension = (app: FastifyInstance, helpers: KioskApiHelpers) => Promise<void>;

/** The kiosk API as a fastify plugin over the center's context. */
export const centerRoutes = async (
  app: FastifyInstance,
  opts: { ctx: CenterContext; extensions?: KioskApiExtension[] },
): Promise<void> => {
  const { ctx } = opts;
  const terminals = new WeakMap<FastifyRequest, Terminal>();
  const db = centerView(ctx.kdb.db);

  // The terminal of a connection is looked up once per TERMINAL_RECHECK_MS, not per request.
  const connectionTerminals = new TerminalCache<TLSSocket>(db);
  app.addHook('onRequest', async (request, reply) => {
    const socket = request.raw.socket as TLSSocket;
    const cached = connectionTerminals.fresh(socket);
    if (cached) {
      terminals.set(request, cached);
      return;
    }
    const peer = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate() : undefined;
    if (!peer?.raw)
      return sendRefusal(
        reply,
        { code: 'INVALID_REQUEST', detail: 'terminal client certificate required' },
        401,
      );
    // The certificate of a cached connection must not change under it (TLS 1.2 renegotiation).
    socket.disableRenegotiation?.();
    const terminal = socket.authorized
      ? await connectionTerminals.find(socket, certificateFingerprint(peer.raw))
      : undefined;
    if (!terminal) {
      request.log.warn(
        { fingerprint: certificateFingerprint(peer.raw).slice(0, 16) },
        'unknown terminal refused',
      );
      return sendRefusal(reply, { code: 'INVALID_REQUEST', detail: 'unknown terminal' }, 403);
    }
    terminals.set(request, terminal);
  });

  const terminalOf = (request: FastifyRequest): Terminal => terminals.get(request)!;
  const sessionHeader = (request: FastifyRequest): string | undefined => {
    const v = request.headers[SESSION_HEADER];
    return typeof v === 'string' && v.length > 0 && v.length <= 100 ? v : undefined;
  };
  const answer = <V>(reply: FastifyReply, r: Result<V>, status = 200) =>
    r.ok ? reply.code(status).send(r.value) : sendRefusal(reply, r.error);

  const sessionRoute = { params: T.SessionParams };
  const orderRoute = {
    params: T.OrderParams,
    headers: {
      type: 'object',
      properties: { [SESSION_HEADER]: { type: 'string' } },
      required: [SESSION_HEADER],
    },
  };

  app.post(
    '/sessions',
    { schema: { tags: ['kiosk'], response: { 201: T.SessionCreated, ...errors } } },
    async (request, reply) => reply.code(201).send(await createSession(ctx, terminalOf(request))),
  );

  app.post(
    '/sessions/:sessionId/authenticate',
    {
      schema: {
        tags: ['kiosk'],
        ...sessionRoute,
        body: T.AuthenticateBody,
        response: { 200: T.Authenticated, ...errors },
      },
    },
    async (request, reply) => {
      const { sessionId } = request.params as T.SessionParams;
      return answer(
        reply,
        await authenticate(ctx, terminalOf(request), sessionId, request.body as T.AuthenticateBody),
      );
    },
  );

  app.post(
    '/sessions/:sessionId/card-refusal',
    { schema: { tags: ['kiosk'], ...sessionRoute, body: T.CardRefusalBody } },
    async (request, reply) => {
      const { sessionId } = request.params as T.SessionParams;
      const body = request.body as T.CardRefusalBody;
      const r = await recordCardRefusal(ctx, terminalOf(request), sessionId, body.code, body.remainingTries);
      return r.ok ? reply.code(204).send() : sendRefusal(reply, r.error);
    },
  );

  app.get(
    '/sessions/:sessionId/choices',
    { schema: { tags: ['kiosk'], ...sessionRoute, response: { 200: T.Choices, ...errors } } },
    async (request, reply) => {
      const { sessionId } = request.params as T.SessionParams;
      const terminal = terminalOf(request);
      const s = await getHolderSession(ctx, terminal, sessionId);
      if (!s.ok) return sendRefusal(reply, s.error);
      const r = await ctx.issuing.choices({
        holder: { serial: s.value.holder_serial, issuedOn: s.value.card_issued_on },
        terminal: { id: terminal.id, kind: terminal.kind },
        now: ctx.clock.now(),
      });
      if (!r.ok) return sendRefusal(reply, r.error);
      return reply.send({
        certificates: r.value.certificates.map((c) => ({
          cert: c.cert,
          nameJa: CATALOGUE[c.cert].nameJa,
          nameEn: CATALOGUE[c.cert].nameEn,
          fee: CATALOGUE[c.cert].fee,
          group: CATALOGUE[c.cert].group,
          available: c.available,
          ...(c.reason
            ? {
                reason: c.reason.code,
                message: refusalMessage(c.reason, 'ja'),
                messageEn: refusalMessage(c.reason, 'en'),
                ...(c.reason.nextOpen ? { nextOpen: c.reason.nextOpen } : {}),
              }
            : {}),
        })),
        household: r.value.household,
        koseki: r.value.koseki,
      });
    },
  );

  app.post(
    '/sessions/:sessionId/quote',
    {
      schema: { tags: ['kiosk'], ...sessionRoute, body: T.QuoteBody, response: { 200: T.Quote, ...errors } },
    },
    async (request, reply) => {
      const { sessionId } = request.params as T.SessionParams;
      return answer(
        reply,
        await quote(ctx, terminalOf(request), sessionId, (request.body as T.QuoteBody).requests),
      );
    },
  );

  app.post(
    '/sessions/:sessionId/orders',
    {
      schema: {
        tags: ['kiosk'],
        ...sessionRoute,
        body: T.CreateOrderBody,
        response: { 200: T.OrderCreated, 201: T.OrderCreated, ...errors },
      },
    },
    async (request, reply) => {
      const { sessionId } = request.params as T.SessionParams;
      const r = await createOrder(ctx, terminalOf(request), sessionId, request.body as T.CreateOrderBody);
      if (!r.ok) return sendRefusal(reply, r.error);
      const { created, ...body } = r.value;
      return reply.code(created ? 201 : 200).send(body);
    },
  );

  app.delete(
    '/sessions/:sessionId',
    { schema: { tags: ['kiosk'], ...sessionRoute, response: { 200: T.SessionEnded, ...errors } } },
    async (request, reply) => {
      const { sessionId } = request.params as T.SessionParams;
      const s = await getLiveSession(ctx, terminalOf(request), sessionId);
      if (!s.ok && s.error.code !== 'SESSION_EXPIRED') return sendRefusal(reply, s.error);
      if (s.ok) await endSession(ctx, sessionId, 'ended_by_kiosk');
      return reply.send({ ended: true });
    },
  );

  app.get(
    '/orders/:orderId',
    { schema: { tags: ['kiosk'], ...orderRoute, response: { 200: T.OrderStatus, ...errors } } },
    async (request, reply) => {
      const { orderId } = request.params as T.OrderParams;
      return answer(reply, await orderStatus(ctx, terminalOf(request), sessionHeader(request), orderId));
    },
  );

  app.post(
    '/orders/:orderId/payment',
    {
      schema: {
        tags: ['kiosk'],
        ...orderRoute,
        body: T.PaymentBody,
        response: { 200: T.PaymentAccepted, 402: T.ErrorBody, ...errors },
      },
    },
    async (request, reply) => {
      const { orderId } = request.params as T.OrderParams;
      return answer(
        reply,
        await pay(ctx, terminalOf(request), sessionHeader(request), orderId, request.body as T.PaymentBody),
      );
    },
  );

  app.post(
    '/orders/:orderId/issue',
    {
      schema: {
        tags: ['kiosk'],
        ...orderRoute,
        response: { 200: T.Issued, 202: T.IssueInProgress, ...errors },
      },
    },
    async (request, reply) => {
      const { orderId } = request.params as T.OrderParams;
      const r = await issueOrder(ctx, terminalOf(request), sessionHeader(request), orderId);
      if (!r.ok) return sendRefusal(reply, r.error);
      return reply.code(r.value.state === 'issuing' ? 202 : 200).send(r.value);
    },
  );

  app.get(
    '/orders/:orderId/documents/:documentId',
    { schema: { tags: ['kiosk'], params: T.DocumentParams, headers: orderRoute.headers } },
    async (request, reply) => {
      const { orderId, documentId } = request.params as T.DocumentParams;
      const r = await fetchDocument(ctx, terminalOf(request), sessionHeader(request), orderId, documentId);
      if (!r.ok) return sendRefusal(reply, r.error);
      const h = T.DOCUMENT_HEADERS;
      return reply
        .header(h.orderId, r.value.orderId)
        .header(h.holderSerial, r.value.holderSerial)
        .header(h.documentSerial, r.value.document.serial)
        .header(h.sha256, r.value.document.sha256)
        .header(h.kind, r.value.document.kind)
        .header(h.pages, String(r.value.document.pages))
        .header('cache-control', 'no-store')
        .type('application/pdf')
        .send(r.value.pdf);
    },
  );

  app.post(
    '/orders/:orderId/printed',
    {
      schema: {
        tags: ['kiosk'],
        ...orderRoute,
        body: T.PrintedBody,
        response: { 200: T.PrintedAnswer, ...errors },
      },
    },
    async (request, reply) => {
      const { orderId } = request.params as T.OrderParams;
      const { documentIds } = request.body as T.PrintedBody;
      return answer(
        reply,
        await confirmPrinted(ctx, terminalOf(request), sessionHeader(request), orderId, documentIds),
      );
    },
  );

  app.post(
    '/orders/:orderId/reprint',
    {
      schema: {
        tags: ['kiosk'],
        ...orderRoute,
        body: T.ReprintBody,
        response: { 200: T.ReprintAnswer, ...errors },
      },
    },
    async (request, reply) => {
      const { orderId } = request.params as T.OrderParams;
      const body = request.body as T.ReprintBody;
      return answer(
        reply,
        await reprint(
          ctx,
          terminalOf(request),
          sessionHeader(request),
          orderId,
          body.documentId,
          body.reason,
        ),
      );
    },
  );

  app.post(
    '/orders/:orderId/cancel',
    { schema: { tags: ['kiosk'], ...orderRoute, response: { 200: T.CancelAnswer, ...errors } } },
    async (request, reply) => {
      const { orderId } = request.params as T.OrderParams;
      return answer(reply, await cancel(ctx, terminalOf(request), sessionHeader(request), orderId));
    },
  );

  // Kiosk recovery (src/center/recovery.ts): terminal-scoped, no session; see docs/api.md.
  app.post(
    '/terminal/orders/:orderId/recover',
    {
      schema: {
        tags: ['kiosk'],
        params: T.OrderParams,
        response: { 200: T.OrderRecovery, ...errors },
      },
    },
    async (request, reply) => {
      const { orderId } = request.params as T.OrderParams;
      return answer(reply, await recoverOrder(ctx, terminalOf(request), orderId));
    },
  );

  const helpers: KioskApiHelpers = {
    ctx,
    terminalOf,
    holderSession: (request, sessionId) => getHolderSession(ctx, terminalOf(request), sessionId),
  };
  for (const extension of opts.extensions ?? []) await extension(app, helpers);
};
