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
  pdfPageTexts,
  recordIssuedCodes,
  verificationPublicKey,
  verifyFiles,
  withVoidCheck,
} from '../src/verify/index.js';

// The center's verification service: published keys, upload check, void, 3-month limit, rate limit.

const dir = mkdtempSync(join(tmpdir(), 'kofu-verify-center-'));
const kdbP = openDatabase({ dataDir: dir });
let pdf: Uint8Array;
let serial: string;
let shortCodes: string[];
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
  // As the center issues (src/server/start-server.ts): sealed to the service's key, 照合番号 recorded.
  const r = await createRenderer().renderCertificate(doc, { signer, pageKey: verificationPublicKey(dir) });
  pdf = r.pdf;
  shortCodes = r.shortCodes;
  recordIssuedCodes(dir, {
    serial,
    type: doc.type,
    municipality: doc.issuer.code,
    issuedOn: doc.issuedOn,
    sheets: r.sheets,
    shortCodes,
  });
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
  // The page sealed on the back, opened by the service: every text of the front is in the SVG.
  const decoded = check.json().decodedPages;
  assert.equal(decoded.length, 1);
  const front = pdfPageTexts(pdf)![0]!;
  const svgText = [...decoded[0].svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1].replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"'),
  );
  assert.deepEqual(svgText, front);

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

test('a typed 固有番号 + 照合番号: the right code answers type, dates and void state; a wrong one says only not found', async () => {
  const app = await serve(dayAfter);
  assert.equal(shortCodes.length, 1);
  const ask = (body: unknown) =>
    app.inject({ method: 'POST', url: '/verify/api/lookup', payload: body as Record<string, string> });
  const right = await ask({ serial, code: shortCodes[0]!.toLowerCase().replace('-', ' ') });
  assert.equal(right.statusCode, 200, right.body);
  assert.deepEqual(
    { ...(right.json() as object), voided: undefined, voidedAt: undefined },
    {
      serial,
      type: 'juminhyo',
      municipality: '284815',
      issuedOn: '2026-11-25',
      validUntil: '2027-02-24',
      sheets: 1,
      voided: undefined,
      voidedAt: undefined,
    },
  );
  assert.equal(right.json().voided, true, 'voided by the first test');
  const wrong = await ask({ serial, code: 'ZZZZ-ZZZZ' });
  const unknown = await ask({
    serial: serial.replace(/\d$/, (d) => String((Number(d) + 1) % 10)),
    code: shortCodes[0],
  });
  assert.equal(wrong.statusCode, 404);
  assert.equal(unknown.statusCode, 404);
  // Nothing tells a wrong code from an unknown number.
  assert.equal(wrong.body, unknown.body);
  assert.match(wrong.json().error.message, /見つかりません/);
  assert.equal((await ask({ serial: 'nonsense', code: 'x' })).statusCode, 400);
  const audit = await (await kdbP).db
    .selectFrom('audit_log')
    .select(['action', 'refs'])
    .where('action', '=', 'verify.lookup')
    .execute();
  assert.equal(audit.length, 3);
  assert.doesNotMatch(JSON.stringify(audit), new RegExp(shortCodes[0]!));
});
