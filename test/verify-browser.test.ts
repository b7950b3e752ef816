import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { type Browser, chromium } from 'playwright-core';
import { verificationRoutes } from '../src/center/verification-routes.js';
import { fixedClock } from '../src/domain/japan-time.js';
import { openDatabase } from '../src/registers/database.js';
import { juminhyo } from '../src/render/fixtures/demo-documents.js';
import { createRenderer } from '../src/render/index.js';
import { openIssuingSigners } from '../src/server/issuing-keys.js';
import { recordIssuedCodes, verificationPublicKey } from '../src/verify/index.js';

// The public verification page in headless chromium: upload a PDF, see the result, hit the rate limit.

const dir = mkdtempSync(join(tmpdir(), 'kofu-verify-browser-'));
const kdbP = openDatabase({ dataDir: dir });
let app: FastifyInstance;
let browser: Browser;
let url: string;
let serial: string;
let shortCode: string;

before(async () => {
  const signer = openIssuingSigners(dir, ['284815']).get('284815')!;
  const doc = juminhyo();
  serial = doc.serial;
  // As the center issues: sealed to the verification key, the 照合番号 recorded.
  const r = await createRenderer().renderCertificate(doc, { signer, pageKey: verificationPublicKey(dir) });
  writeFileSync(join(dir, 'cert.pdf'), r.pdf);
  shortCode = r.shortCodes[0]!;
  recordIssuedCodes(dir, {
    serial,
    type: doc.type,
    municipality: doc.issuer.code,
    issuedOn: doc.issuedOn,
    sheets: r.sheets,
    shortCodes: r.shortCodes,
  });
  app = Fastify();
  await app.register(verificationRoutes, {
    dataDir: dir,
    clock: fixedClock(new Date('2026-11-26T01:00:00Z')),
    kdb: await kdbP,
    perMinute: 3,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/verify/`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--no-first-run'],
  });
});
after(async () => {
  await browser?.close();
  await app?.close();
  await (await kdbP).close();
  rmSync(dir, { recursive: true, force: true });
});

test('upload a PDF: result and the page decoded from the back; typed number + 照合番号; the 4th look-up in a minute is refused', async () => {
  const page = await browser.newPage();
  await page.goto(url);
  await page.setInputFiles('#file', join(dir, 'cert.pdf'));
  await page.click('#upload button');
  await page.waitForSelector('#outcome', { timeout: 60_000 });
  assert.match((await page.textContent('#outcome')) ?? '', /^有効/);
  assert.match((await page.textContent('#result')) ?? '', /住民票の写し/);
  assert.match((await page.textContent('#result')) ?? '', new RegExp(serial));
  // The front rebuilt from the back codes, drawn in the page: its title and the holder's name.
  const decoded = page.locator('#decoded-1 svg');
  await decoded.waitFor();
  const drawn = (await decoded.textContent()) ?? '';
  assert.match(drawn, /住民票/);
  assert.match(drawn, /上郡/);
  const box = await decoded.boundingBox();
  assert.ok(box && box.width > 200 && box.height > box.width, 'an A4 page is shown');
  await page.screenshot({
    path: join(process.cwd(), 'docs', 'screenshots', 'verify-decoded.png'),
    fullPage: true,
  });

  const lookup = async (code: string): Promise<number> => {
    await page.fill('#serial', serial);
    await page.fill('#code', code);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/verify/api/lookup')),
      page.click('#lookup button'),
    ]);
    return res.status();
  };
  assert.equal(await lookup(shortCode.toLowerCase()), 200);
  await page.locator('#result', { hasText: '発行されています' }).waitFor();
  assert.match((await page.textContent('#result')) ?? '', /住民票の写し/);
  assert.match((await page.textContent('#result')) ?? '', /2027-02-24/);
  assert.equal(await lookup('0000-0000'), 404);
  await page.locator('#result', { hasText: '見つかりません' }).waitFor();
  assert.doesNotMatch((await page.textContent('#result')) ?? '', /住民票/);
  assert.equal(await lookup(shortCode), 429);
  await page.locator('#result', { hasText: '照会が多すぎます' }).waitFor();
  assert.match((await page.textContent('#result')) ?? '', /1分ほど待って/);
});
