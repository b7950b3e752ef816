import type {
  Authenticated,
  CancelAnswer,
  Choices,
  DocumentInfo,
  Issued,
  IssueInProgress,
  OrderCreated,
  OrderRecovery,
  OrderStatus,
  PaymentAccepted,
  PrintedAnswer,
  Quote,
  ReprintAnswer,
  SessionCreated,
} from '../center/api-types.js';
import { isRefusalCode, type Refusal, type Result } from '../domain/refusal.js';
import type { CertificateRequest } from '../domain/request.js';
import { type HttpResponse, NetworkError, type Transport } from './transport.js';

// The center's API as the kiosk calls it: one typed method per endpoint of the protocol,
// answers as Result values. Network failures are retried with the same body (and so the
// same idempotency keys) until a deadline; then SERVICE_UNAVAILABLE.

export interface ApiRefusal extends Refusal {
  message?: string;
  messageEn?: string;
  orderState?: string;
  refundYen?: number;
  /** HTTP status of the answer (0: no answer). */
  status: number;
}
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiRefusal };

export interface DownloadedDocument {
  headers: Record<string, string>;
  bytes: Buffer;
}

/** An order and the session it belongs to (sent as x-kofu-session-id on every order call). */
export interface OrderRef {
  sessionId: string;
  orderId: string;
}

export interface CenterApi {
  startSession(): Promise<ApiResult<SessionCreated>>;
  authenticate(
    sessionId: string,
    body: { challengeId: string; certificate: string; signature: string },
  ): Promise<ApiResult<Authenticated>>;
  reportCardRefusal(
    sessionId: string,
    body: { code: string; remainingTries?: number },
  ): Promise<ApiResult<unknown>>;
  choices(sessionId: string): Promise<ApiResult<Choices>>;
  quote(sessionId: string, requests: CertificateRequest[]): Promise<ApiResult<Quote>>;
  createOrder(
    sessionId: string,
    requests: CertificateRequest[],
    idempotencyKey: string,
  ): Promise<ApiResult<OrderCreated>>;
  pay(ref: OrderRef, insertedYen: number, idempotencyKey: string): Promise<ApiResult<PaymentAccepted>>;
  issue(ref: OrderRef): Promise<ApiResult<Issued | IssueInProgress>>;
  download(ref: OrderRef, documentId: string): Promise<ApiResult<DownloadedDocument>>;
  printed(ref: OrderRef, documentIds: string[]): Promise<ApiResult<PrintedAnswer>>;
  reprint(ref: OrderRef, documentId: string, reason: string): Promise<ApiResult<ReprintAnswer>>;
  cancel(ref: OrderRef): Promise<ApiResult<CancelAnswer>>;
  order(ref: OrderRef): Promise<ApiResult<OrderStatus>>;
  /** Kiosk recovery: settle an order of this terminal whose cash is still in escrow (no session). */
  recover(orderId: string): Promise<ApiResult<OrderRecovery>>;
  endSession(sessionId: string): Promise<ApiResult<unknown>>;
}

export type { DocumentInfo, Issued, IssueInProgress };

export interface RetryPolicy {
  /** Give up after this long without an answer. */
  deadlineMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { deadlineMs: 60_000, firstDelayMs: 50, maxDelayMs: 2_000 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const toRefusal = (res: HttpResponse): ApiRefusal => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const error = (parsed as { error?: Record<string, unknown> } | undefined)?.error;
  if (error && isRefusalCode(error.code)) return { ...(error as unknown as Refusal), status: res.status };
  const code = res.status >= 500 ? 'SERVICE_UNAVAILABLE' : 'INVALID_REQUEST';
  return { code, status: res.status, detail: `HTTP ${res.status} without a refusal code` };
};

const enc = encodeURIComponent;
const orderPath = (o: OrderRef) => `/v1/orders/${enc(o.orderId)}`;
const sessionHeader = (o: OrderRef) => ({ 'x-kofu-session-id': o.sessionId });

/** The center API over a transport, with retries on network failures. */
export const centerApi = (transport: Transport, retry: RetryPolicy = DEFAULT_RETRY): CenterApi => {
  const send = async (
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
    retrying = true,
    headers: Record<string, string> = {},
  ): Promise<ApiResult<HttpResponse>> => {
    const started = Date.now();
    let delay = retry.firstDelayMs;
    for (;;) {
      try {
        const res = await transport.request(method, path, body, headers);
        // A center restarting behind a proxy may answer 502/504 without our error body: retry.
        if (
          (res.status === 502 || res.status === 504) &&
          retrying &&
          Date.now() - started < retry.deadlineMs
        ) {
          await sleep(delay);
          delay = Math.min(delay * 2, retry.maxDelayMs);
          continue;
        }
        if (res.status >= 200 && res.status < 300) return { ok: true, value: res };
        return { ok: false, error: toRefusal(res) };
      } catch (e) {
        if (!(e instanceof NetworkError)) throw e;
        if (!retrying || Date.now() - started + delay > retry.deadlineMs)
          return {
            ok: false,
            error: { code: 'SERVICE_UNAVAILABLE', status: 0, detail: `center unreachable: ${e.message}` },
          };
        await sleep(delay);
        delay = Math.min(delay * 2, retry.maxDelayMs);
      }
    }
  };
  const json = async <T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
    retrying = true,
    headers: Record<string, string> = {},
  ): Promise<ApiResult<T>> => {
    const r = await send(method, path, body, retrying, headers);
    if (!r.ok) return r;
    if (r.value.status === 204 || r.value.body.length === 0) return { ok: true, value: {} as T };
    try {
      return { ok: true, value: JSON.parse(r.value.body.toString('utf8')) as T };
    } catch {
      return {
        ok: false,
        error: { code: 'SERVICE_UNAVAILABLE', status: r.value.status, detail: 'answer is not JSON' },
      };
    }
  };
  return {
    startSession: () => json('POST', '/v1/sessions', {}),
    // The challenge is one-time: a retried authenticate would be a replay, so the client restarts instead.
    authenticate: (s, body) => json('POST', `/v1/sessions/${enc(s)}/authenticate`, body, false),
    reportCardRefusal: (s, body) => json('POST', `/v1/sessions/${enc(s)}/card-refusal`, body),
    choices: (s) => json('GET', `/v1/sessions/${enc(s)}/choices`),
    quote: (s, requests) => json('POST', `/v1/sessions/${enc(s)}/quote`, { requests }),
    createOrder: (s, requests, idempotencyKey) =>
      json('POST', `/v1/sessions/${enc(s)}/orders`, { requests, idempotencyKey }),
    pay: (o, insertedYen, idempotencyKey) =>
      json('POST', `${orderPath(o)}/payment`, { insertedYen, idempotencyKey }, true, sessionHeader(o)),
    issue: (o) => json('POST', `${orderPath(o)}/issue`, {}, true, sessionHeader(o)),
    async download(o, d) {
      const r = await send('GET', `${orderPath(o)}/documents/${enc(d)}`, undefined, true, sessionHeader(o));
      if (!r.ok) return r;
      return { ok: true, value: { headers: r.value.headers, bytes: r.value.body } };
    },
    printed: (o, documentIds) =>
      json('POST', `${orderPath(o)}/printed`, { documentIds }, true, sessionHeader(o)),
    reprint: (o, documentId, reason) =>
      json('POST', `${orderPath(o)}/reprint`, { documentId, reason }, true, sessionHeader(o)),
    cancel: (o) => json('POST', `${orderPath(o)}/cancel`, {}, true, sessionHeader(o)),
    order: (o) => json('GET', orderPath(o), undefined, true, sessionHeader(o)),
    // One try: recovery runs again at the next start-up or before the next transaction.
    recover: (orderId) => json('POST', `/v1/terminal/orders/${enc(orderId)}/recover`, {}, false),
    endSession: (s) => json('DELETE', `/v1/sessions/${enc(s)}`),
  };
};

/** Narrows an issue answer to the issued case. */
export const isIssued = (v: Issued | IssueInProgress): v is Issued => 'documents' in v;

export type { Result };
