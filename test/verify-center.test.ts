import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { verificationRoutes } from '../src/center/verification-routes.js';
import { type Clock, fixedClock } from '../src/domain/japan-time.js';
import { openDatabase } from '../src/registers/database.js';
import { juminhyo } from '../src/render/fixtures/demo-documents.js';
import { createRenderer } from '../src/render/index.js';
import { openIssuingSigners } from '../src/server/issuing-keys.js';
import {
  addVoid,
  askVoided,
  issuerKeysFromDataDir,
  verifyFiles,
  withVoidCheck,
} from '../src/verify/index.js';

// The center's verification service: published keys, upload check, void, 3-month limit, rate limit.

const dir = mkdtempSync(join(tmpdir(), 'kofu-verify-center-'));
const kdbP = openDatabase({ dataDir: dir });
let pdf: Uint8Array;
let serial: string;
const apps: FastifyInstance[] = [];

const serve = async (clock: Clock, perMinute = 100): Promise<FastifyInstance> => {
  const app = Fastify();
  await app.register(verificationRoutes, { dataDir: dir, clock, kdb: await kdbP, perMinute });
  apps.push(app);
  return app;
};

before(async () => {
  const signer = openIssuingSigners(dir, ['284815']).get('284815')!;
  const doc = juminhyo();
  serial = doc.serial;
  pdf = (await createRenderer().renderCertificate(doc, { signer })).pdf;
});
after(async () => {
  for (const a of apps) await a.close();
  await (await kdbP).close();
  rmSync(dir, { recursive: true, force: true });
});

const dayAfter = fixedClock(new Date('2026-11-26T01:00:00Z'));

test('the keys are published; an uploaded PDF is checked; a voided number is voided offline+online', async () => {
  const app = await serve(dayAfter);
  const keys = await app.inject({ method: 'GET', url: '/.well-known/kofu-issuers.json' });
  assert.equal(keys.statusCode, 200);
  assert.ok(keys.json().keys['284815-1'].startsWith('-----BEGIN PUBLIC KEY-----'));
  const check = await app.inject({
    method: 'POST',
    url: '/verify/api/check',
    headers: { 'content-type': 'application/pdf' },
    payload: Buffer.from(pdf),
  });
  assert.equal(check.statusCode, 200, check.body);
  assert.equal(check.json().outcome, 'valid');
  assert.equal(check.json().sheets[0].front.municipality, '284815');

  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const offline = verifyFiles([pdf], issuerKeysFromDataDir(dir));
  assert.equal(offline.outcome, 'valid');
  assert.equal(withVoidCheck(offline, await askVoided(url, serial)).outcome, 'valid');
  assert.ok(addVoid(dir, { serial, at: '2026-11-26T01:00:00Z', by: 'test', reason: '誤交付' }));
  assert.equal(addVoid(dir, { serial, at: '2026-11-26T01:00:00Z', by: 'test', reason: 'again' }), false);
  const online = withVoidCheck(offline, await askVoided(url, serial));
  assert.equal(online.outcome, 'voided');
  assert.equal(online.checks.voided, true);
  const again = await app.inject({
    method: 'POST',
    url: '/verify/api/check',
    headers: { 'content-type': 'application/pdf' },
    payload: Buffer.from(pdf),
  });
  assert.equal(again.json().outcome, 'voided');
  const audit = await (await kdbP).db.selectFrom('audit_log').select(['action']).execute();
  assert.ok(audit.filter((a) => String(a.action).startsWith('verify.')).length >= 4);
});

test('no look-ups 3 months after issue; bad numbers are refused; the 11th look-up in a minute is 429', async () => {
  const late = await serve(fixedClock(new Date('2027-03-01T01:00:00Z')));
  const old = await late.inject({ method: 'GET', url: `/verify/api/status/${serial}` });
  assert.equal(old.statusCode, 400);
  assert.match(old.json().error.messageEn, /3 months/);
  const app = await serve(dayAfter, 10);
  assert.equal((await app.inject({ method: 'GET', url: '/verify/api/status/nonsense' })).statusCode, 400);
  for (let i = 0; i < 9; i++)
    assert.equal((await app.inject({ method: 'GET', url: `/verify/api/status/${serial}` })).statusCode, 200);
  const limited = await app.inject({ method: 'GET', url: `/verify/api/status/${serial}` });
  assert.equal(limited.statusCode, 429);
  assert.equal(limited.json().error.code, 'INVALID_REQUEST');
  const page = await app.inject({ method: 'GET', url: '/verify/' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /証明書の検証/);
});
