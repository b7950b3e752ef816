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

// The public verification page in headless chromium: upload a PDF, see the result, hit the rate limit.

const dir = mkdtempSync(join(tmpdir(), 'kofu-verify-browser-'));
const kdbP = openDatabase({ dataDir: dir });
let app: FastifyInstance;
let browser: Browser;
let url: string;
let serial: string;

before(async () => {
  const signer = openIssuingSigners(dir, ['284815']).get('284815')!;
  const doc = juminhyo();
  serial = doc.serial;
  writeFileSync(join(dir, 'cert.pdf'), (await createRenderer().renderCertificate(doc, { signer })).pdf);
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

test('upload a PDF and read the result; look up a number; the 4th look-up in a minute is refused', async () => {
  const page = await browser.newPage();
  await page.goto(url);
  await page.setInputFiles('#file', join(dir, 'cert.pdf'));
  await page.click('#upload button');
  await page.waitForSelector('#outcome', { timeout: 30_000 });
  assert.match((await page.textContent('#outcome')) ?? '', /^有効/);
  assert.match((await page.textContent('#result')) ?? '', /住民票の写し/);
  assert.match((await page.textContent('#result')) ?? '', new RegExp(serial));
  await page.fill('#serial', serial);
  const lookup = async (): Promise<number> => {
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/verify/api/status/')),
      page.click('#lookup button'),
    ]);
    return res.status();
  };
  assert.equal(await lookup(), 200);
  await page.locator('#result', { hasText: '無効化されていません' }).waitFor();
  assert.equal(await lookup(), 200);
  assert.equal(await lookup(), 429);
  await page.locator('#result', { hasText: '照会が多すぎます' }).waitFor();
  assert.match((await page.textContent('#result')) ?? '', /1分ほど待って/);
});
