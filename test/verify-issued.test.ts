import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { verificationRoutes } from '../src/center/verification-routes.js';
import { pdfPageTexts } from '../src/verify/index.js';
import {
  demoDir,
  login,
  movableClock,
  orderAndPay,
  startTestCenter,
  type TestCenter,
} from './center-harness.js';

// Through the real center: a printed 住民票 carries its front sealed to the verification key, and
// its 照合番号 was recorded (hashes only) — the public page opens the one and answers the other.

let dir: string;
let center: TestCenter;
let service: FastifyInstance;
const clock = movableClock('2026-11-25T10:00');

before(async () => {
  dir = await demoDir('2026-11-24T09:00');
  center = await startTestCenter(dir, clock);
  service = Fastify();
  await service.register(verificationRoutes, { dataDir: dir, clock, kdb: center.ctx.kdb });
});
after(async () => {
  await service?.close();
  await center?.close();
});

test('an issued 住民票: the back opens to its front on the page, the typed 照合番号 matches, nothing personal is kept', async () => {
  const { store } = center;
  const { sessionId } = await login(store, dir, 'taro', '1234');
  const { orderId, headers } = await orderAndPay(store, sessionId, [{ cert: 'juminhyo' }], 1000);
  const issued = await store.call('POST', `/v1/orders/${orderId}/issue`, {}, headers);
  assert.equal(issued.status, 200, issued.body.toString());
  const doc = issued.json().documents[0] as { documentId: string; serial: string };
  const pdf = (
    await store.call('GET', `/v1/orders/${orderId}/documents/${doc.documentId}`, undefined, headers)
  ).body;

  const record = readFileSync(join(dir, 'center', 'issued-codes.jsonl'), 'utf8');
  assert.match(record, new RegExp(doc.serial));
  assert.doesNotMatch(record, /上郡|太郎|大持/);

  const check = await service.inject({
    method: 'POST',
    url: '/verify/api/check',
    headers: { 'content-type': 'application/pdf' },
    payload: pdf,
  });
  assert.equal(check.json().outcome, 'valid', check.body);
  const svg = check.json().decodedPages[0].svg as string;
  assert.match(svg, /上郡 太郎/);

  const front = pdfPageTexts(new Uint8Array(pdf))![0]!;
  const code = front.at(-1)!.replace('照合番号 ', '');
  assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  const lookup = await service.inject({
    method: 'POST',
    url: '/verify/api/lookup',
    payload: { serial: doc.serial, code },
  });
  assert.equal(lookup.statusCode, 200, lookup.body);
  assert.equal(lookup.json().type, 'juminhyo');
  assert.equal(lookup.json().voided, false);
});
