import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { centerView } from '../src/center/schema.js';
import { openCenterCa } from '../src/center/terminal-ca.js';
import { registerTerminal, revokeTerminal } from '../src/center/terminals.js';
import { main } from '../src/cli/main.js';
import { refuse } from '../src/domain/refusal.js';
import { terminalClient, terminalCredentials } from './center-client.js';
import {
  demoDir,
  key,
  login,
  movableClock,
  orderAndPay,
  startTestCenter,
  type TestCenter,
} from './center-harness.js';

// The center over real HTTPS with real terminal certificates, the real registers, PKI,
// municipal issuing servers and renderer (demo day 2026-11-24, tests on Wednesday 10:00).

const pdfText = (pdf: Buffer): string => {
  const path = join(tmpdir(), `kofu-center-${process.pid}-${Date.now()}.pdf`);
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
};

const contains = (hay: Buffer, needle: Buffer): boolean => hay.indexOf(needle) >= 0;

describe('issuance center API', () => {
  let dir: string;
  let center: TestCenter;
  const clock = movableClock('2026-11-25T10:00');

  before(async () => {
    dir = await demoDir('2026-11-24T09:00');
    center = await startTestCenter(dir, clock);
  });
  after(async () => {
    await center?.close();
  });

  it("issues taro's household 住民票 end to end, bound to order, serial and digest, then erases it", async () => {
    const { store } = center;
    const { sessionId, serial } = await login(store, dir, 'taro', '1234');
    const choices = (await store.call('GET', `/v1/sessions/${sessionId}/choices`)).json();
    assert.deepEqual(
      choices.household.map((p: { name: string }) => p.name).sort(),
      ['上郡 さくら', '上郡 一郎', '上郡 太郎', '上郡 花子'].sort(),
    );
    assert.equal(choices.certificates.find((c: { cert: string }) => c.cert === 'juminhyo').available, true);
    const quote = await store.call('POST', `/v1/sessions/${sessionId}/quote`, {
      requests: [{ cert: 'juminhyo', scope: 'household', householder: true }],
    });
    assert.equal(quote.status, 200);
    assert.equal(quote.json().totalYen, 200);
    const { orderId, headers } = await orderAndPay(
      store,
      sessionId,
      [{ cert: 'juminhyo', scope: 'household', householder: true, copies: 2 }],
      1000,
    );
    const issued = await store.call('POST', `/v1/orders/${orderId}/issue`, {}, headers);
    assert.equal(issued.status, 200, issued.body.toString());
    const body = issued.json();
    assert.equal(body.state, 'issued');
    assert.equal(body.holderSerial, serial);
    assert.equal(body.documents.length, 2);
    assert.notEqual(body.documents[0].serial, body.documents[1].serial);
    const pdfs: Buffer[] = [];
    for (const d of [...body.documents, body.receipt]) {
      const r = await store.call(
        'GET',
        `/v1/orders/${orderId}/documents/${d.documentId}`,
        undefined,
        headers,
      );
      assert.equal(r.status, 200);
      assert.equal(r.headers['content-type'], 'application/pdf');
      assert.equal(r.headers['x-kofu-order-id'], orderId);
      assert.equal(r.headers['x-kofu-holder-serial'], serial);
      assert.equal(r.headers['x-kofu-document-serial'], d.serial);
      assert.equal(r.headers['x-kofu-sha256'], d.sha256);
      assert.equal(createHash('sha256').update(r.body).digest('hex'), d.sha256);
      pdfs.push(r.body);
    }
    const text = pdfText(pdfs[0]!);
    for (const name of ['上郡', '太郎', '花子', '一郎', 'さくら'])
      assert.ok(text.includes(name), `${name} on the 住民票`);
    const receipt = pdfText(pdfs[2]!);
    assert.ok(receipt.includes('400'), 'receipt shows the fee');
    // A second fetch without a reprint is refused: there is no "next file".
    const again = await store.call(
      'GET',
      `/v1/orders/${orderId}/documents/${body.documents[0].documentId}`,
      undefined,
      headers,
    );
    assert.equal(again.status, 400);
    assert.equal(again.json().error.code, 'INVALID_REQUEST');
    // While the documents are held, they are ciphertext: no PDF bytes in the database files.
    const chunk = pdfs[0]!.subarray(Math.floor(pdfs[0]!.length / 2), Math.floor(pdfs[0]!.length / 2) + 64);
    const dbFiles = () =>
      readdirSync(dir)
        .filter((f) => f.startsWith('kofu.sqlite'))
        .map((f) => readFileSync(join(dir, f)));
    for (const f of dbFiles()) assert.ok(!contains(f, chunk), 'PDF bytes in the database');
    const printed = await store.call(
      'POST',
      `/v1/orders/${orderId}/printed`,
      { documentIds: [...body.documents, body.receipt].map((d: { documentId: string }) => d.documentId) },
      headers,
    );
    assert.deepEqual(printed.json(), { state: 'completed', remaining: [] });
    // After print: the center holds issuance references only.
    const db = centerView(center.ctx.kdb.db);
    const docs = await db
      .selectFrom('center_documents')
      .selectAll()
      .where('order_id', '=', orderId)
      .execute();
    assert.ok(docs.every((d) => d.content === null && d.printed_at !== null));
    const centerRows = JSON.stringify([
      await db.selectFrom('center_orders').selectAll().execute(),
      await db.selectFrom('center_order_lines').selectAll().execute(),
      await db.selectFrom('center_documents').selectAll().execute(),
      await db.selectFrom('center_sessions').selectAll().execute(),
      await db.selectFrom('audit_log').selectAll().execute(),
    ]);
    for (const name of ['上郡 太郎', '太郎', '花子', '大持278'])
      assert.ok(!centerRows.includes(name), `${name} kept by the center`);
    for (const f of dbFiles()) assert.ok(!contains(f, chunk), 'PDF bytes in the database after print');
    const records = await center.ctx.kdb.db
      .selectFrom('issuance_records')
      .selectAll()
      .where('order_id', '=', orderId)
      .execute();
    assert.deepEqual(
      records.map((r) => r.number).sort(),
      body.documents.map((d: { serial: string }) => d.serial).sort(),
    );
  });

  it('refuses through the API with stable codes and wording (hanako 印鑑, ichiro 所得, shizuka 住民票)', async () => {
    const cases = [
      { card: 'hanako', pin: '2345', cert: 'inkan', code: 'SEAL_NOT_REGISTERED' },
      { card: 'ichiro', pin: '3456', cert: 'shotoku', code: 'TAX_NOT_DECLARED' },
      { card: 'shizuka', pin: '5678', cert: 'juminhyo', code: 'ISSUANCE_RESTRICTED' },
    ];
    for (const c of cases) {
      const { sessionId } = await login(center.store, dir, c.card, c.pin);
      const r = await center.store.call('POST', `/v1/sessions/${sessionId}/orders`, {
        requests: [{ cert: c.cert }],
        idempotencyKey: key('order'),
      });
      assert.equal(r.status, 403, `${c.card}: ${r.body}`);
      const e = r.json();
      assert.equal(e.ok, false);
      assert.equal(e.error.code, c.code);
      assert.ok(e.error.message.length > 0 && e.error.messageEn.length > 0);
      const choices = (await center.store.call('GET', `/v1/sessions/${sessionId}/choices`)).json();
      assert.equal(choices.certificates.find((x: { cert: string }) => x.cert === c.cert).reason, c.code);
    }
  });

  it('refuses a card whose PIN is locked before any order (reported by the kiosk, audited)', async () => {
    const s = (await center.store.call('POST', '/v1/sessions', {})).json();
    const r = await center.store.call('POST', `/v1/sessions/${s.sessionId}/card-refusal`, {
      code: 'PIN_LOCKED',
    });
    assert.equal(r.status, 204);
    const entry = await center.ctx.kdb.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'login.refused')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(JSON.parse(entry.refs).code, 'PIN_LOCKED');
  });

  it('refuses unknown, certificate-less and revoked terminals; public routes need no certificate', async () => {
    const creds = terminalCredentials(dir, 'store');
    const none = terminalClient(center.url, { ca: creds.ca });
    const noCert = await none.call('POST', '/v1/sessions', {});
    assert.equal(noCert.status, 401);
    assert.equal(noCert.json().error.code, 'INVALID_REQUEST');
    assert.equal((await none.call('GET', '/healthz')).status, 200);
    const docs = await none.call('GET', '/docs/json');
    assert.equal(docs.status, 200);
    assert.ok(Object.keys(docs.json().paths).includes('/v1/orders/{orderId}/issue'));
    none.close();
    // A terminal certificate from another CA (an impostor) is refused.
    const otherDir = join(tmpdir(), `kofu-other-ca-${process.pid}`);
    const otherCa = await openCenterCa(otherDir, clock);
    const { issueTerminalCertificate } = await import('../src/center/terminal-ca.js');
    const fake = await issueTerminalCertificate(otherCa, 'SEJ-284815-0001', clock);
    const impostor = terminalClient(center.url, { ca: creds.ca, cert: fake.certPem, key: fake.keyPem });
    const r = await impostor.call('POST', '/v1/sessions', {});
    assert.equal(r.status, 403);
    assert.equal(r.json().error.detail, 'unknown terminal');
    impostor.close();
    // A registered terminal works until it is revoked.
    const ca = await openCenterCa(dir, clock);
    const db = centerView(center.ctx.kdb.db);
    await registerTerminal(
      { db, ca, clock },
      { id: 'LAW-284815-0009', kind: 'store', operator: 'ローソン', storeName: 'ローソン 上郡店' },
      join(dir, 'terminals', 'extra'),
    );
    const extra = terminalClient(center.url, terminalCredentials(dir, 'extra'));
    assert.equal((await extra.call('POST', '/v1/sessions', {})).status, 201);
    assert.equal(await revokeTerminal(db, 'LAW-284815-0009', clock), true);
    const revoked = await extra.call('POST', '/v1/sessions', {});
    assert.equal(revoked.status, 403);
    extra.close();
  });

  it('makes orders and payments idempotent and refuses short or second payments', async () => {
    const { store } = center;
    const { sessionId } = await login(store, dir, 'taro', '1234');
    const k = key('order');
    const req = { requests: [{ cert: 'inkan', copies: 3 }], idempotencyKey: k };
    const a = await store.call('POST', `/v1/sessions/${sessionId}/orders`, req);
    const b = await store.call('POST', `/v1/sessions/${sessionId}/orders`, req);
    assert.equal(a.status, 201);
    assert.equal(b.status, 200);
    assert.equal(a.json().orderId, b.json().orderId);
    const other = await store.call('POST', `/v1/sessions/${sessionId}/orders`, {
      ...req,
      requests: [{ cert: 'inkan' }],
    });
    assert.equal(other.status, 400);
    const orderId = a.json().orderId;
    const headers = { 'x-kofu-session-id': sessionId };
    const short = await store.call(
      'POST',
      `/v1/orders/${orderId}/payment`,
      { insertedYen: 500, idempotencyKey: key('pay') },
      headers,
    );
    assert.equal(short.status, 402);
    assert.equal(short.json().error.code, 'PAYMENT_INSUFFICIENT');
    assert.equal(short.json().error.missing, 100);
    const pk = key('pay');
    const p1 = await store.call(
      'POST',
      `/v1/orders/${orderId}/payment`,
      { insertedYen: 1000, idempotencyKey: pk },
      headers,
    );
    const p2 = await store.call(
      'POST',
      `/v1/orders/${orderId}/payment`,
      { insertedYen: 1000, idempotencyKey: pk },
      headers,
    );
    assert.deepEqual(p1.json(), { state: 'paid', totalYen: 600, paidYen: 1000, changeYen: 400 });
    assert.deepEqual(p2.json(), p1.json());
    const p3 = await store.call(
      'POST',
      `/v1/orders/${orderId}/payment`,
      { insertedYen: 600, idempotencyKey: key('pay') },
      headers,
    );
    assert.equal(p3.status, 400);
    const payments = await center.ctx.kdb.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'order.paid')
      .execute();
    assert.equal(payments.filter((e) => JSON.parse(e.refs).order === orderId).length, 1);
    // Issue twice: one set of certificates.
    const i1 = (await store.call('POST', `/v1/orders/${orderId}/issue`, {}, headers)).json();
    const i2 = (await store.call('POST', `/v1/orders/${orderId}/issue`, {}, headers)).json();
    assert.deepEqual(i2, i1);
    const records = await center.ctx.kdb.db
      .selectFrom('issuance_records')
      .selectAll()
      .where('order_id', '=', orderId)
      .execute();
    assert.equal(records.length, 3);
  });

  it("gives another terminal or another session INVALID_REQUEST for someone else's order and session", async () => {
    const { sessionId } = await login(center.store, dir, 'taro', '1234');
    const { orderId, headers } = await orderAndPay(center.store, sessionId, [{ cert: 'juminhyo' }]);
    const t = await center.townhall.call('POST', `/v1/orders/${orderId}/issue`, {}, headers);
    assert.equal(t.status, 400);
    assert.equal(t.json().error.code, 'INVALID_REQUEST');
    const ts = await center.townhall.call('GET', `/v1/sessions/${sessionId}/choices`);
    assert.equal(ts.status, 400);
    const other = await login(center.store, dir, 'hanako', '2345');
    const s = await center.store.call(
      'POST',
      `/v1/orders/${orderId}/issue`,
      {},
      { 'x-kofu-session-id': other.sessionId },
    );
    assert.equal(s.status, 400);
    assert.equal(s.json().error.detail, 'unknown order');
    const ok = await center.store.call('POST', `/v1/orders/${orderId}/issue`, {}, headers);
    assert.equal(ok.status, 200);
  });

  it('reuses the issuance records of an attempt cut by a crash: one set of numbers per order', async () => {
    const { sessionId } = await login(center.store, dir, 'taro', '1234');
    const { orderId, headers } = await orderAndPay(center.store, sessionId, [
      { cert: 'juminhyo', copies: 2 },
      { cert: 'inkan' },
    ]);
    const db = centerView(center.ctx.kdb.db);
    const order = await db
      .selectFrom('center_orders')
      .selectAll()
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow();
    const session = await db
      .selectFrom('center_sessions')
      .selectAll()
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow();
    const lines = await db
      .selectFrom('center_order_lines')
      .selectAll()
      .where('order_id', '=', orderId)
      .orderBy('line_no')
      .execute();
    // Attempt 1 reached the municipalities, which wrote their records, then the center died.
    const cut = await center.ctx.issuing.issue(
      {
        holder: { serial: order.holder_serial, issuedOn: session.card_issued_on! },
        terminal: { id: order.terminal_id, kind: 'store' },
        now: clock.now(),
        orderId,
      },
      JSON.parse(order.requests).map((request: never, i: number) => ({
        request,
        municipalityCode: lines[i]!.municipality_code,
        municipalityName: '',
      })),
    );
    assert.ok(cut.ok);
    const issued = (await center.store.call('POST', `/v1/orders/${orderId}/issue`, {}, headers)).json();
    assert.deepEqual(
      issued.documents.map((d: { serial: string }) => d.serial),
      cut.value.map((d) => d.serial),
    );
    const records = await center.ctx.kdb.db
      .selectFrom('issuance_records')
      .selectAll()
      .where('order_id', '=', orderId)
      .execute();
    assert.equal(records.length, 3);
    // The same certificate twice in one order would share that one set: refused before payment.
    const twice = await center.store.call('POST', `/v1/sessions/${sessionId}/orders`, {
      requests: [{ cert: 'juminhyo' }, { cert: 'juminhyo', scope: 'household' }],
      idempotencyKey: key('order'),
    });
    assert.equal(twice.status, 400);
    assert.equal(twice.json().error.field, 'requests[1].cert');
  });

  it('refuses an order route without the x-kofu-session-id header or with an unusable one', async () => {
    const { sessionId } = await login(center.store, dir, 'taro', '1234');
    const { orderId, headers } = await orderAndPay(center.store, sessionId, [{ cert: 'juminhyo' }]);
    for (const [method, path] of [
      ['GET', `/v1/orders/${orderId}`],
      ['POST', `/v1/orders/${orderId}/issue`],
      ['POST', `/v1/orders/${orderId}/cancel`],
    ] as const) {
      const none = await center.store.call(method, path, method === 'POST' ? {} : undefined);
      assert.equal(none.status, 400, `${method} ${path} without a session`);
      assert.equal(none.json().error.code, 'INVALID_REQUEST');
      const long = await center.store.call(method, path, method === 'POST' ? {} : undefined, {
        'x-kofu-session-id': `${sessionId}${'x'.repeat(100)}`,
      });
      assert.equal(long.status, 400, `${method} ${path} with an over-long session`);
    }
    const status = await center.store.call('GET', `/v1/orders/${orderId}`, undefined, headers);
    assert.equal(status.json().state, 'paid');
  });

  it('recovers a kiosk escrow by terminal only: refunds paid and stalled orders once, keeps issued', async () => {
    const { store, townhall } = center;
    const recover = (t = store, id = '') => t.call('POST', `/v1/terminal/orders/${id}/recover`, {});
    const { sessionId } = await login(store, dir, 'taro', '1234');
    const paid = await orderAndPay(store, sessionId, [{ cert: 'juminhyo' }], 500);
    // Another terminal cannot touch it (same answer as for a missing order).
    const foreign = await recover(townhall, paid.orderId);
    assert.equal(foreign.status, 400);
    assert.equal(foreign.json().error.detail, 'unknown order');
    assert.equal((await recover(store, 'no-such-order')).json().error.detail, 'unknown order');
    const r1 = await recover(store, paid.orderId);
    assert.equal(r1.status, 200);
    assert.equal(r1.json().state, 'refunded');
    assert.equal(r1.json().refundYen, 500);
    assert.deepEqual((await recover(store, paid.orderId)).json(), r1.json());
    const refunds = (
      await center.ctx.kdb.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'order.refunded')
        .execute()
    ).filter((e) => JSON.parse(e.refs).order === paid.orderId);
    assert.equal(refunds.length, 1);
    assert.equal(JSON.parse(refunds[0]!.refs).reason, 'kiosk_recovery');
    // The refunded order can no longer be issued.
    const late = await store.call('POST', `/v1/orders/${paid.orderId}/issue`, {}, paid.headers);
    assert.equal(late.json().error.orderState, 'refunded');

    // An issued order stays issued (the fee is kept), with its reprint deadline.
    const issued = await orderAndPay(store, sessionId, [{ cert: 'juminhyo' }], 300);
    await store.call('POST', `/v1/orders/${issued.orderId}/issue`, {}, issued.headers);
    const ri = (await recover(store, issued.orderId)).json();
    assert.equal(ri.state, 'issued');
    assert.equal(ri.refundYen, 0);
    assert.ok(ri.reprintUntil);

    // An order cut in 'issuing' (a crash): answered "retry" while the lease runs, then refunded.
    const stalled = await orderAndPay(store, sessionId, [{ cert: 'juminhyo' }], 300);
    const db = centerView(center.ctx.kdb.db);
    await db
      .updateTable('center_orders')
      .set({ state: 'issuing', issue_attempt: 1, issue_started_at: clock.now().toISOString() })
      .where('id', '=', stalled.orderId)
      .execute();
    const busy = (await recover(store, stalled.orderId)).json();
    assert.equal(busy.state, 'issuing');
    assert.ok(busy.retryAfterMs > 0);
    clock.advance(center.ctx.settings.issueLeaseMs + 1);
    const done = (await recover(store, stalled.orderId)).json();
    assert.equal(done.state, 'refunded');
    assert.equal(done.refundYen, 300);
    // The fenced-out attempt cannot commit: a retried issue says refunded.
    const again = await store.call('POST', `/v1/orders/${stalled.orderId}/issue`, {}, stalled.headers);
    assert.equal(again.json().error.orderState, 'refunded');
  });

  it('reprints the same document without a second charge, within the window, audited', async () => {
    const { store } = center;
    const { sessionId } = await login(store, dir, 'taro', '1234');
    const { orderId, headers } = await orderAndPay(store, sessionId, [{ cert: 'kazei' }], 200);
    const issued = (await store.call('POST', `/v1/orders/${orderId}/issue`, {}, headers)).json();
    const doc = issued.documents[0];
    const first = await store.call(
      'GET',
      `/v1/orders/${orderId}/documents/${doc.documentId}`,
      undefined,
      headers,
    );
    const rp = await store.call(
      'POST',
      `/v1/orders/${orderId}/reprint`,
      { documentId: doc.documentId, reason: 'paper jam' },
      headers,
    );
    assert.equal(rp.status, 200);
    assert.equal(rp.json().document.sha256, doc.sha256);
    assert.equal(rp.json().document.serial, doc.serial);
    const second = await store.call(
      'GET',
      `/v1/orders/${orderId}/documents/${doc.documentId}`,
      undefined,
      headers,
    );
    assert.equal(second.status, 200);
    assert.ok(second.body.equals(first.body));
    const status = (await store.call('GET', `/v1/orders/${orderId}`, undefined, headers)).json();
    assert.equal(status.paidYen, 200);
    const audit = await center.ctx.kdb.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'document.reprint')
      .execute();
    assert.ok(audit.some((e) => JSON.parse(e.refs).order === orderId));
    // After the reprint window: refused, and the sweeper deletes the unconfirmed content.
    clock.advance(11 * 60_000);
    const late = await store.call(
      'POST',
      `/v1/orders/${orderId}/reprint`,
      { documentId: doc.documentId, reason: 'jam' },
      headers,
    );
    assert.equal(late.status, 400);
    const { sweep } = await import('../src/center/sweeper.js');
    await sweep(center.ctx);
    const rows = await centerView(center.ctx.kdb.db)
      .selectFrom('center_documents')
      .selectAll()
      .where('order_id', '=', orderId)
      .execute();
    assert.ok(rows.every((r) => r.content === null));
  });

  it('ends idle sessions server-side: SESSION_EXPIRED, the unpaid order cancelled', async () => {
    const { store } = center;
    const { sessionId } = await login(store, dir, 'taro', '1234');
    const o = await store.call('POST', `/v1/sessions/${sessionId}/orders`, {
      requests: [{ cert: 'juminhyo' }],
      idempotencyKey: key('o'),
    });
    const { orderId } = o.json();
    clock.advance(181_000);
    const r = await store.call('GET', `/v1/sessions/${sessionId}/choices`);
    assert.equal(r.status, 410);
    assert.equal(r.json().error.code, 'SESSION_EXPIRED');
    const status = (
      await store.call('GET', `/v1/orders/${orderId}`, undefined, { 'x-kofu-session-id': sessionId })
    ).json();
    assert.equal(status.state, 'cancelled');
  });

  it('cancels before payment and refunds after payment, never after issue', async () => {
    const { store } = center;
    const { sessionId } = await login(store, dir, 'taro', '1234');
    const { orderId, headers } = await orderAndPay(store, sessionId, [{ cert: 'juminhyo' }], 500);
    const c = await store.call('POST', `/v1/orders/${orderId}/cancel`, {}, headers);
    assert.deepEqual(c.json(), { state: 'refunded', refundYen: 500 });
    const i = await store.call('POST', `/v1/orders/${orderId}/issue`, {}, headers);
    assert.equal(i.status, 400);
    assert.equal(i.json().error.orderState, 'refunded');
    const second = await orderAndPay(store, sessionId, [{ cert: 'juminhyo' }], 200);
    await store.call('POST', `/v1/orders/${second.orderId}/issue`, {}, second.headers);
    const late = await store.call('POST', `/v1/orders/${second.orderId}/cancel`, {}, second.headers);
    assert.equal(late.status, 400);
  });

  it('verifies the audit chain with kofu audit verify, and names the first broken entry', async () => {
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s) };
    assert.equal(await main(['audit', 'verify', '--data', dir, '--json'], io), 0);
    const good = JSON.parse(out.pop()!);
    assert.equal(good.ok, true);
    assert.ok(good.entries > 10);
    const actions = new Set(
      (await center.ctx.kdb.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action),
    );
    for (const a of [
      'login',
      'login.refused',
      'request.refused',
      'order.created',
      'order.paid',
      'order.issued',
      'document.delivered',
      'document.printed',
      'document.reprint',
      'order.refunded',
    ])
      assert.ok(actions.has(a), `audit has ${a}`);
    await center.ctx.kdb.db
      .updateTable('audit_log')
      .set({ refs: '{"order":"forged"}' })
      .where('seq', '=', 5)
      .execute();
    assert.equal(await main(['audit', 'verify', '--data', dir, '--json'], io), 1);
    const bad = JSON.parse(out.pop()!);
    assert.equal(bad.ok, false);
    assert.equal(bad.firstBrokenSeq, 5);
  });
});

describe('issuance center with a municipality down', () => {
  let dir: string;
  let center: TestCenter;
  before(async () => {
    dir = await demoDir('2026-11-24T09:00');
    center = await startTestCenter(dir, movableClock('2026-11-25T10:00'), (ctx) => ({
      ...ctx,
      issuing: {
        ...ctx.issuing,
        issue: async () => refuse('SERVICE_UNAVAILABLE', { detail: 'municipality down' }),
      },
    }));
  });
  after(async () => {
    await center?.close();
  });

  it('refunds a paid order when issuing fails: SERVICE_UNAVAILABLE, nothing charged', async () => {
    const { sessionId } = await login(center.store, dir, 'taro', '1234');
    const { orderId, headers } = await orderAndPay(center.store, sessionId, [{ cert: 'juminhyo' }], 1000);
    const r = await center.store.call('POST', `/v1/orders/${orderId}/issue`, {}, headers);
    assert.equal(r.status, 503);
    const e = r.json().error;
    assert.equal(e.code, 'SERVICE_UNAVAILABLE');
    assert.equal(e.orderState, 'refunded');
    assert.equal(e.refundYen, 1000);
    const status = (await center.store.call('GET', `/v1/orders/${orderId}`, undefined, headers)).json();
    assert.equal(status.state, 'refunded');
    assert.equal(status.documents.length, 0);
    const again = await center.store.call('POST', `/v1/orders/${orderId}/issue`, {}, headers);
    assert.equal(again.status, 503);
    assert.equal(again.json().error.orderState, 'refunded');
  });
});
