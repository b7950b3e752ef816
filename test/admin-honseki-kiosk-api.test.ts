import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { terminalClient, terminalCredentials } from './center-client.js';
import { demoDir, login, movableClock, startTestCenter, type TestCenter } from './center-harness.js';

// The 本籍地 user registration at a kiosk over the real HTTPS kiosk API (mutual TLS): the
// extension route of src/admin served by the center (demo day 2026-11-24, tests on Wednesday).

const PATH = (sessionId: string) => `/v1/sessions/${sessionId}/honseki-registrations`;
const MISAKI = { honseki: '兵庫県赤穂郡上郡町鞍居77番地', hittosha: '松本 美咲' };

describe('POST /v1/sessions/:sessionId/honseki-registrations', () => {
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

  const registrations = (serialOrAll?: string) =>
    center.ctx.kdb.db
      .selectFrom('honseki_registrations')
      .selectAll()
      .$if(serialOrAll !== undefined, (q) => q.where('serial', '=', serialOrAll!))
      .execute();
  const storeId = (): string =>
    JSON.parse(readFileSync(join(dir, 'terminals', 'store', 'terminal.json'), 'utf8')).id;
  const audit = (action: string) =>
    center.ctx.kdb.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  it('refuses a terminal without a certificate, and a session not authenticated by a card', async () => {
    const before = (await registrations()).length;
    const none = terminalClient(center.url, { ca: terminalCredentials(dir, 'store').ca });
    const noCert = await none.call('POST', PATH('whatever'), MISAKI);
    none.close();
    assert.equal(noCert.status, 401);
    assert.equal(noCert.json().error.code, 'INVALID_REQUEST');

    const open = await center.store.call('POST', '/v1/sessions', {});
    assert.equal(open.status, 201);
    const r = await center.store.call('POST', PATH(open.json().sessionId), MISAKI);
    assert.equal(r.status, 400);
    assert.equal(r.json().error.code, 'INVALID_REQUEST');
    assert.equal(r.json().error.field, 'sessionId');
    const unknown = await center.store.call('POST', PATH('no-such-session'), MISAKI);
    assert.ok(unknown.status >= 400 && unknown.status < 500, String(unknown.status));
    assert.equal((await registrations()).length, before, 'nothing recorded');
  });

  it("refuses another terminal's session: the town-hall kiosk cannot apply with the store's card session", async () => {
    const { sessionId, serial } = await login(center.store, dir, 'misaki', '9999');
    const r = await center.townhall.call('POST', PATH(sessionId), MISAKI);
    assert.ok(r.status >= 400 && r.status < 500, `${r.status} ${r.body}`);
    assert.match(r.json().error.code, /^(INVALID_REQUEST|SESSION_EXPIRED)$/);
    const seen = await center.townhall.call('GET', PATH(sessionId));
    assert.ok(seen.status >= 400 && seen.status < 500, 'nor see its registrations');
    assert.equal((await registrations(serial)).length, 0);
    await center.store.call('DELETE', `/v1/sessions/${sessionId}`);
  });

  it('refuses bad input with INVALID_REQUEST and the field, and a non-participating 本籍 with its code', async () => {
    const { sessionId, serial } = await login(center.store, dir, 'misaki', '9999');
    const cases: [unknown, string][] = [
      [{ honseki: MISAKI.honseki }, 'hittosha'],
      [{ hittosha: MISAKI.hittosha }, 'honseki'],
      [{ ...MISAKI, extra: 1 }, 'extra'],
      [{ ...MISAKI, honseki: '上郡' }, 'honseki'],
      [{ ...MISAKI, honseki: 'x'.repeat(201) }, 'honseki'],
      [{ ...MISAKI, hittosha: '' }, 'hittosha'],
      [{ ...MISAKI, hittosha: 42 }, 'hittosha'],
      [{ ...MISAKI, hittosha: '松本\u0000美咲' }, 'hittosha'],
      [{ ...MISAKI, honseki: '東京都千代田区千代田1番' }, 'honseki'],
      [['not', 'an object'], 'body'],
    ];
    for (const [body, field] of cases) {
      const r = await center.store.call('POST', PATH(sessionId), body);
      assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.status} ${r.body}`);
      const e = r.json().error;
      assert.equal(e.code, 'INVALID_REQUEST');
      assert.ok(String(e.field ?? '').includes(field), `${JSON.stringify(body)} → field ${e.field}`);
      assert.ok(e.message.length > 0 && e.messageEn.length > 0, 'worded in both languages');
    }
    const sayo = await center.store.call('POST', PATH(sessionId), {
      ...MISAKI,
      honseki: '兵庫県佐用郡佐用町佐用1番地',
    });
    assert.equal(sayo.status, 403, String(sayo.body));
    assert.equal(sayo.json().error.code, 'HONSEKI_NOT_PARTICIPATING');
    assert.equal((await registrations(serial)).length, 0, 'nothing half-written');
    const refused = (await audit('honseki.apply.refused')).map((a) => JSON.parse(a.refs));
    assert.ok(refused.some((r) => r.code === 'HONSEKI_NOT_PARTICIPATING' && r.terminal === storeId()));
    await center.store.call('DELETE', `/v1/sessions/${sessionId}`);
  });

  it('takes misaki’s application: receipt number, 5 business days, pending; again while pending gives the same one', async () => {
    const { sessionId, serial } = await login(center.store, dir, 'misaki', '9999');
    const r = await center.store.call('POST', PATH(sessionId), {
      honseki: '兵庫県赤穂郡上郡町鞍居７７番地',
      hittosha: '松本　美咲',
    });
    assert.equal(r.status, 201, String(r.body));
    const a = r.json();
    assert.match(a.receiptNumber, /^HR-284815-\d{6}$/);
    assert.equal(a.municipalityName, '上郡町');
    assert.equal(a.state, 'pending');
    assert.equal(a.existing, false);
    assert.equal(a.appliedOn, '2026-11-25');
    // Wed 11/25 + 5 開庁日: Thu, Fri, Mon, Tue, Wed.
    assert.equal(a.expectedCompletion, '2026-12-02');
    const rows = await registrations(serial);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.stated_honseki, '兵庫県赤穂郡上郡町鞍居77番地', 'stored normalised');
    const applied = (await audit('honseki.apply')).map((x) => JSON.parse(x.refs));
    assert.ok(applied.some((x) => x.registration === a.receiptNumber && x.terminal === storeId()));

    const again = await center.store.call('POST', PATH(sessionId), MISAKI);
    assert.equal(again.status, 200, String(again.body));
    assert.equal(again.json().existing, true);
    assert.equal(again.json().receiptNumber, a.receiptNumber);
    assert.equal((await registrations(serial)).length, 1, 'no second application');

    const status = await center.store.call('GET', PATH(sessionId));
    assert.equal(status.status, 200);
    assert.deepEqual(
      status
        .json()
        .registrations.map((x: { receiptNumber: string; state: string }) => [x.receiptNumber, x.state]),
      [[a.receiptNumber, 'pending']],
    );
    await center.store.call('DELETE', `/v1/sessions/${sessionId}`);
    const ended = await center.store.call('POST', PATH(sessionId), MISAKI);
    assert.ok(ended.status >= 400 && ended.status < 500, 'not after the session ended');
  });

  it('a resident of the 本籍 town does not need it; kenta’s pending application is returned as is', async () => {
    const taro = await login(center.store, dir, 'taro', '1234');
    const t = await center.store.call('POST', PATH(taro.sessionId), {
      honseki: '兵庫県赤穂郡上郡町大持278番地',
      hittosha: '上郡 太郎',
    });
    assert.equal(t.status, 400);
    assert.equal(t.json().error.code, 'INVALID_REQUEST');
    assert.match(t.json().error.detail, /not needed/);
    const kenta = await login(center.store, dir, 'kenta', '1212');
    const k = await center.store.call('POST', PATH(kenta.sessionId), {
      honseki: '兵庫県赤穂郡上郡町野桑340番地',
      hittosha: '山本 健太',
    });
    assert.equal(k.status, 200, String(k.body));
    assert.equal(k.json().existing, true);
    assert.equal(k.json().state, 'pending');
  });

  it('is published in the OpenAPI document with its body schema', async () => {
    const none = terminalClient(center.url, { ca: terminalCredentials(dir, 'store').ca });
    const docs = (await none.call('GET', '/docs/json')).json();
    none.close();
    const path = docs.paths['/v1/sessions/{sessionId}/honseki-registrations'];
    assert.ok(path?.post && path.get, 'POST and GET documented');
    const body = path.post.requestBody.content['application/json'].schema;
    assert.deepEqual(Object.keys(body.properties).sort(), ['hittosha', 'honseki']);
    assert.ok(path.post.responses['201'] && path.post.responses['400']);
  });
});
