import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DocumentInfo, Issued } from '../../center/api-types.js';
import { CATALOGUE } from '../../domain/catalogue.js';
import { orderFee } from '../../domain/fees.js';
import type { CertificateRequest } from '../../domain/request.js';
import type { ApiResult, CenterApi } from '../center-api.js';
import type { SmartCard } from '../devices/card-reader.js';

// An in-memory center that speaks the protocol's semantics (one fetch per delivery, reprints,
// idempotency keys), for unit tests of the kiosk client before and beside the real server.

/** A minimal PDF with `pages` page objects whose text names the serial. */
export const fakePdf = (serial: string, pages: number): Buffer => {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  const objs = [
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    `2 0 obj << /Type /Pages /Kids [${kids}] /Count ${pages} >> endobj`,
    ...Array.from(
      { length: pages },
      (_, i) => `${i + 3} 0 obj << /Type /Page /Parent 2 0 R >> endobj % ${serial}`,
    ),
  ];
  return Buffer.from(`%PDF-1.7\n${objs.join('\n')}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
};

const refused = (code: string, status: number, extra: Record<string, unknown> = {}) =>
  ({ ok: false, error: { code, status, ...extra } }) as ApiResult<never>;
const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface FakeOrder {
  id: string;
  sessionId: string;
  holder: string;
  totalYen: number;
  state: 'awaiting_payment' | 'paid' | 'issued' | 'completed' | 'cancelled' | 'refunded';
  paidYen: number;
  docs: { info: DocumentInfo; bytes: Buffer; fetchable: boolean; printed: boolean }[];
  payKeys: Map<string, ApiResult<never> | { paidYen: number; changeYen: number }>;
}

export interface FakeCenter extends CenterApi {
  orders: Map<string, FakeOrder>;
  calls: string[];
  /** Makes `issue` fail with SERVICE_UNAVAILABLE (refunded), as a municipality that is down. */
  municipalityDown: boolean;
  /** The next N `issue` calls answer 503 without saying what became of the order. */
  issueHiccups: number;
  /** `cancel` of a paid order is refused (as for an order the center is issuing). */
  refuseCancel: boolean;
}

/** A fake card: PIN and counter in memory, "certificate" = the serial's bytes. */
export const fakeCard = (serial: string, pin: string, tries = { left: 3 }): SmartCard => ({
  async authenticate(p, challenge) {
    if (tries.left === 0) return { ok: false, error: { code: 'PIN_LOCKED' } };
    if (p !== pin) {
      tries.left -= 1;
      return tries.left === 0
        ? { ok: false, error: { code: 'PIN_LOCKED' } }
        : { ok: false, error: { code: 'PIN_INCORRECT', remainingTries: tries.left } };
    }
    tries.left = 3;
    return { ok: true, value: { certificateDer: Buffer.from(serial), signature: Buffer.from(challenge) } };
  },
});

export const createFakeCenter = (): FakeCenter => {
  const sessions = new Map<string, { challenge: string; holder?: string; orders: Map<string, string> }>();
  const orders = new Map<string, FakeOrder>();
  const calls: string[] = [];
  const center: FakeCenter = {
    orders,
    calls,
    municipalityDown: false,
    issueHiccups: 0,
    refuseCancel: false,
    async startSession() {
      calls.push('startSession');
      const sessionId = randomUUID();
      const challenge = randomBytes(32).toString('base64');
      sessions.set(sessionId, { challenge, orders: new Map() });
      return ok({
        sessionId,
        challengeId: `c-${sessionId}`,
        challenge,
        challengeExpiresAt: '',
        idleTimeoutSeconds: 180,
        terminal: { id: 'T1', kind: 'store' as const, storeName: 'fake' },
      });
    },
    async authenticate(sessionId, body) {
      calls.push('authenticate');
      const s = sessions.get(sessionId);
      if (!s) return refused('INVALID_REQUEST', 400);
      if (Buffer.from(body.signature, 'base64').toString('base64') !== s.challenge)
        return refused('INVALID_REQUEST', 400);
      s.holder = Buffer.from(body.certificate, 'base64').toString();
      return ok({ holder: { serial: s.holder } });
    },
    async reportCardRefusal() {
      calls.push('reportCardRefusal');
      return ok({});
    },
    async choices() {
      calls.push('choices');
      return ok({
        certificates: Object.values(CATALOGUE).map((c) => ({ ...c, cert: c.code, available: true })),
        household: [{ id: 'R1', name: '上郡 太郎' }],
        koseki: [],
      });
    },
    async quote(_s, requests) {
      calls.push('quote');
      return ok({ lines: [], totalYen: orderFee(requests) });
    },
    async createOrder(sessionId, requests: CertificateRequest[], key) {
      calls.push('createOrder');
      const s = sessions.get(sessionId);
      if (!s?.holder) return refused('INVALID_REQUEST', 400);
      const existing = s.orders.get(key);
      const id = existing ?? `o${randomBytes(6).toString('hex')}`;
      if (!existing) {
        s.orders.set(key, id);
        const docs: FakeOrder['docs'] = [];
        let n = 0;
        for (const r of requests)
          for (let copy = 1; copy <= r.copies; copy++) {
            const serial = `S${randomBytes(5).toString('hex')}`;
            const bytes = fakePdf(serial, 1 + (n++ % 2));
            const info = {
              documentId: `d${n}`,
              kind: 'certificate' as const,
              serial,
              cert: r.cert,
              copy,
              copies: r.copies,
              pages: 1 + ((n - 1) % 2),
              sha256: sha(bytes),
            };
            docs.push({ info, bytes, fetchable: true, printed: false });
          }
        const rb = fakePdf(id, 1);
        docs.push({
          info: { documentId: 'receipt', kind: 'receipt', serial: id, pages: 1, sha256: sha(rb) },
          bytes: rb,
          fetchable: true,
          printed: false,
        });
        orders.set(id, {
          id,
          sessionId,
          holder: s.holder,
          totalYen: orderFee(requests),
          state: 'awaiting_payment',
          paidYen: 0,
          docs,
          payKeys: new Map(),
        });
      }
      const o = orders.get(id)!;
      return ok({ orderId: id, state: o.state, lines: [], totalYen: o.totalYen });
    },
    async pay(ref, insertedYen, key) {
      const orderId = ref.orderId;
      if (orders.get(orderId) && orders.get(orderId)!.sessionId !== ref.sessionId)
        return refused('INVALID_REQUEST', 400);
      calls.push('pay');
      const o = orders.get(orderId);
      if (!o) return refused('INVALID_REQUEST', 400);
      if (insertedYen < o.totalYen)
        return refused('PAYMENT_INSUFFICIENT', 402, { missing: o.totalYen - insertedYen });
      if (o.state !== 'awaiting_payment' && !o.payKeys.has(key)) return refused('INVALID_REQUEST', 400);
      o.state = 'paid';
      o.paidYen = insertedYen;
      o.payKeys.set(key, { paidYen: insertedYen, changeYen: insertedYen - o.totalYen });
      return ok({
        state: 'paid',
        totalYen: o.totalYen,
        paidYen: insertedYen,
        changeYen: insertedYen - o.totalYen,
      });
    },
    async issue(ref) {
      const orderId = ref.orderId;
      if (orders.get(orderId) && orders.get(orderId)!.sessionId !== ref.sessionId)
        return refused('INVALID_REQUEST', 400);
      calls.push('issue');
      const o = orders.get(orderId);
      if (!o || (o.state !== 'paid' && o.state !== 'issued')) return refused('INVALID_REQUEST', 400);
      if (center.issueHiccups > 0) {
        center.issueHiccups--;
        return refused('SERVICE_UNAVAILABLE', 503);
      }
      if (center.municipalityDown) {
        o.state = 'refunded';
        return refused('SERVICE_UNAVAILABLE', 503, { orderState: 'refunded', refundYen: o.paidYen });
      }
      o.state = 'issued';
      const documents = o.docs.filter((d) => d.info.kind === 'certificate').map((d) => d.info);
      const receipt = o.docs.find((d) => d.info.kind === 'receipt')!.info;
      return ok<Issued>({
        orderId,
        state: 'issued',
        holderSerial: o.holder,
        documents,
        receipt,
        reprintUntil: '',
      });
    },
    async download(ref, documentId) {
      const orderId = ref.orderId;
      if (orders.get(orderId) && orders.get(orderId)!.sessionId !== ref.sessionId)
        return refused('INVALID_REQUEST', 400);
      calls.push(`download:${documentId}`);
      const o = orders.get(orderId);
      const d = o?.docs.find((x) => x.info.documentId === documentId);
      if (!o || !d?.fetchable || o.state !== 'issued') return refused('INVALID_REQUEST', 400);
      d.fetchable = false;
      const headers = {
        'x-kofu-order-id': orderId,
        'x-kofu-holder-serial': o.holder,
        'x-kofu-document-serial': d.info.serial,
        'x-kofu-sha256': d.info.sha256,
        'x-kofu-document-kind': d.info.kind,
        'x-kofu-pages': String(d.info.pages),
      };
      return ok({ headers, bytes: Buffer.from(d.bytes) });
    },
    async printed(ref, ids) {
      const orderId = ref.orderId;
      if (orders.get(orderId) && orders.get(orderId)!.sessionId !== ref.sessionId)
        return refused('INVALID_REQUEST', 400);
      calls.push('printed');
      const o = orders.get(orderId);
      if (!o) return refused('INVALID_REQUEST', 400);
      for (const d of o.docs) if (ids.includes(d.info.documentId)) d.printed = true;
      if (o.docs.every((d) => d.printed)) o.state = 'completed';
      return ok({
        state: o.state,
        remaining: o.docs.filter((d) => !d.printed).map((d) => d.info.documentId),
      });
    },
    async reprint(ref, documentId) {
      const orderId = ref.orderId;
      if (orders.get(orderId) && orders.get(orderId)!.sessionId !== ref.sessionId)
        return refused('INVALID_REQUEST', 400);
      calls.push(`reprint:${documentId}`);
      const d = orders.get(orderId)?.docs.find((x) => x.info.documentId === documentId);
      if (!d || d.printed) return refused('INVALID_REQUEST', 400);
      d.fetchable = true;
      return ok({ document: d.info, reprintsLeft: 2, reprintUntil: '' });
    },
    async cancel(ref) {
      const orderId = ref.orderId;
      if (orders.get(orderId) && orders.get(orderId)!.sessionId !== ref.sessionId)
        return refused('INVALID_REQUEST', 400);
      calls.push('cancel');
      const o = orders.get(orderId);
      if (!o) return refused('INVALID_REQUEST', 400);
      if (center.refuseCancel && o.state !== 'awaiting_payment') return refused('INVALID_REQUEST', 400);
      if (o.state === 'awaiting_payment') o.state = 'cancelled';
      else if (o.state === 'paid') o.state = 'refunded';
      else if (o.state !== 'cancelled' && o.state !== 'refunded') return refused('INVALID_REQUEST', 400);
      return ok({ state: o.state, refundYen: o.state === 'refunded' ? o.paidYen : 0 });
    },
    async order(ref) {
      const orderId = ref.orderId;
      if (orders.get(orderId) && orders.get(orderId)!.sessionId !== ref.sessionId)
        return refused('INVALID_REQUEST', 400);
      const o = orders.get(orderId);
      if (!o) return refused('INVALID_REQUEST', 400);
      return ok({
        orderId,
        state: o.state,
        totalYen: o.totalYen,
        paidYen: o.paidYen,
        changeYen: 0,
        refundYen: 0,
        documents: o.docs.map((d) => d.info),
      });
    },
    async recover(orderId) {
      calls.push(`recover:${orderId}`);
      const o = orders.get(orderId);
      if (!o) return refused('INVALID_REQUEST', 400, { field: 'orderId', detail: 'unknown order' });
      if (o.state === 'awaiting_payment') o.state = 'cancelled';
      else if (o.state === 'paid') o.state = 'refunded';
      return ok({
        orderId,
        state: o.state,
        totalYen: o.totalYen,
        paidYen: o.paidYen,
        changeYen: 0,
        refundYen: o.state === 'refunded' ? o.paidYen : 0,
      });
    },
    async endSession(sessionId) {
      calls.push('endSession');
      sessions.delete(sessionId);
      return ok({ ended: true as const });
    },
  };
  return center;
};
