import { createHash } from 'node:crypto';
import { openVirtualCard } from '../src/pki/card-admin.js';
import { authenticateWithCard } from '../src/pki/kiosk-auth.js';
import type { Answer, TerminalClient } from './center-client.js';
import { key } from './center-harness.js';

// A kiosk as the load and crash tests need it: runs one transaction through the API,
// retrying each step with the same idempotency keys when the center is unreachable,
// verifying every document's binding before it "prints" it.

export interface Printed {
  serial: string;
  sha256: string;
  pdf: Buffer;
  holderSerial: string;
}

export interface Outcome {
  card: string;
  holderSerial: string;
  orderId?: string;
  paid: boolean;
  /** completed: everything printed; refunded: money back; cancelled/expired/refused: no payment taken. */
  result: 'completed' | 'refunded' | 'cancelled' | 'refused' | 'expired';
  code?: string;
  printed: Printed[];
  reprints: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Calls until the center answers (connection errors are a crash or restart in progress). */
export const persist = async (fn: () => Promise<Answer>, deadlineMs = 120_000): Promise<Answer> => {
  const end = Date.now() + deadlineMs;
  for (;;) {
    try {
      const r = await fn();
      if (r.status !== 503 && r.status !== 500) return r;
      // A refund is an answer; a center shutting down is not.
      let refunded = false;
      try {
        refunded = r.json().error?.orderState === 'refunded';
      } catch {}
      if (refunded) return r;
    } catch (e) {
      if (process.env.KOFU_DEBUG) console.error(`# retry: ${(e as Error).message}`);
      if (Date.now() > end) throw e;
    }
    await sleep(150);
  }
};

export interface TransactionPlan {
  card: string;
  pin: string;
  requests: unknown[];
  cancelBeforePay?: boolean;
  /** Pretend the printer jams on the first document: ask for a reprint. */
  reprint?: boolean;
  /** Walk away before paying: the session times out. */
  abandon?: boolean;
}

/** Runs one transaction; throws only when the center breaks a promise of the protocol. */
export const runTransaction = async (
  client: TerminalClient,
  dir: string,
  plan: TransactionPlan,
): Promise<Outcome> => {
  let login: { sessionId: string; serial: string } | undefined;
  while (!login) {
    const s = await persist(() => client.call('POST', '/v1/sessions', {}));
    if (s.status !== 201) throw new Error(`session ${s.status} ${s.body}`);
    const { sessionId, challengeId, challenge } = s.json();
    const sig = await authenticateWithCard(
      openVirtualCard(dir, plan.card),
      plan.pin,
      Buffer.from(challenge, 'base64'),
    );
    if (!sig.ok) throw new Error(`card ${plan.card}: ${sig.error.code}`);
    let a: Answer;
    try {
      a = await client.call('POST', `/v1/sessions/${sessionId}/authenticate`, {
        challengeId,
        certificate: Buffer.from(sig.value.certificateDer).toString('base64'),
        signature: Buffer.from(sig.value.signature).toString('base64'),
      });
    } catch {
      continue; // the center went away mid-login: start a new session
    }
    if (a.status === 200) login = { sessionId, serial: a.json().holder.serial };
    else if (a.status === 400 || a.status === 503) continue;
    else
      return {
        card: plan.card,
        holderSerial: '',
        paid: false,
        result: 'refused',
        code: a.json().error.code,
        printed: [],
        reprints: 0,
      };
  }
  const { sessionId, serial } = login;
  const out: Outcome = {
    card: plan.card,
    holderSerial: serial,
    paid: false,
    result: 'refused',
    printed: [],
    reprints: 0,
  };
  const orderKey = key('order');
  const o = await persist(() =>
    client.call('POST', `/v1/sessions/${sessionId}/orders`, {
      requests: plan.requests,
      idempotencyKey: orderKey,
    }),
  );
  if (o.status >= 400) return { ...out, code: o.json().error.code };
  const { orderId, totalYen } = o.json();
  out.orderId = orderId;
  const headers = { 'x-kofu-session-id': sessionId };
  if (plan.abandon) return { ...out, result: 'expired' };
  if (plan.cancelBeforePay) {
    const c = await persist(() => client.call('POST', `/v1/orders/${orderId}/cancel`, {}, headers));
    if (c.json().state !== 'cancelled') throw new Error(`cancel: ${c.body}`);
    return { ...out, result: 'cancelled' };
  }
  const payKey = key('pay');
  const p = await persist(() =>
    client.call(
      'POST',
      `/v1/orders/${orderId}/payment`,
      { insertedYen: totalYen + 1000, idempotencyKey: payKey },
      headers,
    ),
  );
  if (p.status !== 200 || p.json().changeYen !== 1000) throw new Error(`payment ${p.status} ${p.body}`);
  out.paid = true;
  let issued:
    | {
        documents: { documentId: string; serial: string; sha256: string }[];
        receipt: { documentId: string; serial: string; sha256: string };
      }
    | undefined;
  while (!issued) {
    const r = await persist(() => client.call('POST', `/v1/orders/${orderId}/issue`, {}, headers));
    if (r.status === 200) issued = r.json();
    else if (r.status === 202) {
      if (process.env.KOFU_DEBUG) console.error(`# 202 ${orderId}`);
      await sleep(300);
    } else {
      const e = r.json().error;
      if (e.orderState !== 'refunded') throw new Error(`issue ${r.status} ${r.body}`);
      return { ...out, result: 'refunded', code: e.code };
    }
  }
  const docs = [...issued.documents, issued.receipt];
  for (const [i, d] of docs.entries()) {
    let jam = plan.reprint === true && i === 0;
    for (;;) {
      const g = await persist(() =>
        client.call('GET', `/v1/orders/${orderId}/documents/${d.documentId}`, undefined, headers),
      );
      if (g.status === 400 && /reprint/.test(g.json().error.detail ?? '')) {
        // Fetched before a crash but the answer was lost: an audited reprint, never a silent second copy.
        const rp = await persist(() =>
          client.call(
            'POST',
            `/v1/orders/${orderId}/reprint`,
            { documentId: d.documentId, reason: 'lost' },
            headers,
          ),
        );
        if (rp.status !== 200) throw new Error(`reprint ${rp.status} ${rp.body}`);
        out.reprints++;
        continue;
      }
      if (g.status !== 200) throw new Error(`document ${g.status} ${g.body}`);
      const sha = createHash('sha256').update(g.body).digest('hex');
      // The kiosk's check before printing (SPEC §10).
      if (
        g.headers['x-kofu-order-id'] !== orderId ||
        g.headers['x-kofu-holder-serial'] !== serial ||
        g.headers['x-kofu-sha256'] !== sha ||
        sha !== d.sha256 ||
        g.headers['x-kofu-document-serial'] !== d.serial
      )
        throw new Error(`document binding mismatch for ${plan.card}`);
      if (jam) {
        jam = false;
        const rp = await persist(() =>
          client.call(
            'POST',
            `/v1/orders/${orderId}/reprint`,
            { documentId: d.documentId, reason: 'paper jam' },
            headers,
          ),
        );
        if (rp.status !== 200) throw new Error(`reprint ${rp.status} ${rp.body}`);
        out.reprints++;
        continue;
      }
      out.printed.push({ serial: d.serial, sha256: sha, pdf: g.body, holderSerial: serial });
      break;
    }
    const c = await persist(() =>
      client.call('POST', `/v1/orders/${orderId}/printed`, { documentIds: [d.documentId] }, headers),
    );
    if (c.status !== 200) throw new Error(`printed ${c.status} ${c.body}`);
  }
  await persist(() => client.call('DELETE', `/v1/sessions/${sessionId}`));
  return { ...out, result: 'completed' };
};
