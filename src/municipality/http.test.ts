import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { addDays, japanInstant } from '../domain/japan-time.js';
import type { KofuDatabase } from '../registers/index.js';
import { sqliteTestDatabase } from '../registers/test-db.js';
import { createIssuingClient } from './http-client.js';
import { municipalityRoutes } from './http-routes.js';
import type { IssuingPort } from './issuing-port.js';
import { DEMO_DAY } from './issuing-table.contract.js';
import { type DemoFixture, setupDemoFixture } from './test-fixture.js';

const at = japanInstant(addDays(DEMO_DAY, 1), 600);

describe('municipal issuing API over real HTTP', () => {
  let kdb: KofuDatabase;
  let fx: DemoFixture;
  let app: FastifyInstance;
  let client: IssuingPort;
  let base: string;
  before(async () => {
    kdb = await sqliteTestDatabase();
    fx = await setupDemoFixture(kdb, DEMO_DAY);
    app = Fastify();
    await app.register(swagger, { openapi: { info: { title: 'municipal issuing API', version: '1' } } });
    await app.register(municipalityRoutes, { prefix: '/lgwan/284815', port: fx.ports.get('284815')! });
    base = `${await app.listen({ host: '127.0.0.1', port: 0 })}/lgwan/284815`;
    client = createIssuingClient({ municipalityCode: '284815', baseUrl: base });
  });
  after(async () => {
    await app?.close();
    await kdb?.close();
  });

  it('gives the same results as the in-process port', async () => {
    const local = fx.ports.get('284815')!;
    for (const [key, req] of [
      ['taro', { cert: 'inkan' }],
      ['hanako', { cert: 'inkan' }],
      ['misaki', { cert: 'koseki' }],
      ['taro', { cert: 'juminhyo', scope: 'members', members: ['res-yoso'] }],
      ['taro', { cert: 'nope' }],
    ] as const) {
      const call = { ...fx.call(key, at), request: req };
      assert.deepEqual(await client.check(call), await local.check(call), `${key} ${req.cert}`);
    }
    assert.deepEqual(await client.findRouting('S-jiro'), await local.findRouting('S-jiro'));
    const c = await client.choices(fx.call('taro', at));
    assert.ok(c.ok);
    assert.equal(c.value.household.length, 4);
  });

  it('issues documents over HTTP that match their recorded digest', async () => {
    const r = await client.issue({
      ...fx.call('taro', at),
      request: { cert: 'inkan', copies: 2 },
      orderId: 'http-1',
    });
    assert.ok(r.ok);
    assert.equal(r.value.length, 2);
    const rows = await kdb.db
      .selectFrom('issuance_records')
      .selectAll()
      .where('order_id', '=', 'http-1')
      .execute();
    assert.deepEqual(rows.map((x) => x.number).sort(), r.value.map((d) => d.serial).sort());
  });

  it('answers a malformed body with 400 INVALID_REQUEST, never a stack trace', async () => {
    for (const body of ['{', '{"holder":1}', JSON.stringify({ ...fx.call('taro', at), now: 'yesterday' })]) {
      const res = await fetch(`${base}/choices`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const json = (await res.json()) as { ok: boolean; error?: { code: string } };
      assert.equal(json.ok, false);
      assert.equal(json.error?.code, 'INVALID_REQUEST');
      assert.ok(res.status === 400 || res.status === 200);
    }
  });

  it('is described in OpenAPI', async () => {
    await app.ready();
    const doc = app.swagger() as { paths: Record<string, unknown> };
    for (const p of [
      '/lgwan/284815/choices',
      '/lgwan/284815/check',
      '/lgwan/284815/issue',
      '/lgwan/284815/routing/{serial}',
    ])
      assert.ok(doc.paths[p], p);
  });

  it('turns an unreachable municipality into SERVICE_UNAVAILABLE', async () => {
    const dead = createIssuingClient({
      municipalityCode: '282081',
      baseUrl: 'http://127.0.0.1:9/lgwan/282081',
      timeoutMs: 2000,
    });
    const r = await dead.check({ ...fx.call('jiro', at), request: { cert: 'juminhyo' } });
    assert.equal(!r.ok && r.error.code, 'SERVICE_UNAVAILABLE');
  });
});
