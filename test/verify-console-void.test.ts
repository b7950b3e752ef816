import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { verificationRoutes } from '../src/center/verification-routes.js';
import { juminhyo } from '../src/render/fixtures/demo-documents.js';
import { createRenderer } from '../src/render/index.js';
import { openIssuingSigners } from '../src/server/issuing-keys.js';
import { readVoids } from '../src/verify/index.js';
import { call, loginAs } from './admin-api-helpers.js';
import { type AdminFixture, adminFixture } from './admin-fixture.js';

// The town hall voids a number in its console; the public verification then says voided.

let f: AdminFixture;
let pdf: Uint8Array;
let service: FastifyInstance;
const doc = juminhyo();

before(async () => {
  f = await adminFixture();
  service = Fastify();
  await service.register(verificationRoutes, { dataDir: f.dataDir, clock: f.clock, kdb: f.kdb });
  const signer = openIssuingSigners(f.dataDir, ['284815']).get('284815')!;
  pdf = (await createRenderer().renderCertificate(doc, { signer })).pdf;
});
after(async () => {
  await service.close();
  await f.close();
});

const check = async () =>
  (
    await service.inject({
      method: 'POST',
      url: '/verify/api/check',
      headers: { 'content-type': 'application/pdf' },
      payload: Buffer.from(pdf),
    })
  ).json().outcome;

test('住民課 voids a number of its town: audited, verification says voided; bad and foreign numbers are refused', async () => {
  assert.equal(await check(), 'valid');
  const cookie = await loginAs(f.app, 'juminka', f.passwords.juminka!);
  const url = `/certificates/${doc.serial}/void`;
  const bad = await call(f.app, cookie, {
    method: 'POST',
    url: '/certificates/K1/void',
    payload: { reason: 'x' },
  });
  assert.equal(bad.statusCode, 400);
  const foreign = await call(f.app, cookie, {
    method: 'POST',
    url: '/certificates/K131016-20261125-000101-4/void',
    payload: { reason: '誤交付' },
  });
  assert.equal(foreign.statusCode, 403);
  const empty = await call(f.app, cookie, { method: 'POST', url, payload: { reason: '  ' } });
  assert.equal(empty.statusCode, 400);
  assert.equal(readVoids(f.dataDir).size, 0, 'nothing voided by the refusals');

  const r = await call(f.app, cookie, { method: 'POST', url, payload: { reason: '氏名の誤り' } });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().data.newlyVoided, true);
  const again = await call(f.app, cookie, { method: 'POST', url, payload: { reason: 'again' } });
  assert.equal(again.json().data.newlyVoided, false);
  assert.equal(readVoids(f.dataDir).get(doc.serial)?.by, 'staff:juminka');
  assert.equal(await check(), 'voided');

  const admin = await loginAs(f.app, 'kanrisha', f.passwords.kanrisha!);
  const audit = await call(f.app, admin, { method: 'GET', url: '/audit?action=certificate.void' });
  const entries = audit.json().data.entries as { actor: string; refs: Record<string, unknown> }[];
  assert.equal(entries.length, 2);
  assert.ok(entries.every((e) => e.actor === 'staff:juminka' && e.refs.serial === doc.serial));
  // The reason may name a person: it stays out of the audit log.
  assert.doesNotMatch(JSON.stringify(entries), /氏名の誤り/);
});
