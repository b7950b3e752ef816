import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import { runIssue } from '../src/cli/commands/issue.js';
import { main } from '../src/cli/main.js';
import { createIssuingServer } from '../src/municipality/issuing-server.js';
import { findCardSummary } from '../src/pki/index.js';
import { type AdminFixture, adminFixture } from './admin-fixture.js';

// The console in headless chromium against a demo installation; the kiosk side is checked
// through `kofu issue` (the real HTTPS kiosk path) or the municipal issuing server.

const root = new URL('..', import.meta.url).pathname;
const shots = join(root, 'docs', 'screenshots');
const NOW = '2026-11-25T10:00';
let f: AdminFixture;
let browser: Browser;
let base: string;
let out: string;

const kioskCheck = async (resident: string, cert: string) => {
  const h = f.kdb
    .sqlite!.prepare('select serial, issued_on from card_links where resident_id = ? and replaced_by is null')
    .get(resident) as {
    serial: string;
    issued_on: string;
  };
  const r = await createIssuingServer({ kdb: f.kdb, municipalityCode: '284815' }).check({
    holder: { serial: h.serial, issuedOn: h.issued_on },
    terminal: { id: 'test', kind: 'store' },
    now: f.clock.now(),
    request: { cert, copies: 1 },
  });
  return r.ok ? 'ok' : r.error.code;
};
const kofuIssue = (card: string, pin: string, cert: string) =>
  runIssue({ data: f.dataDir, now: NOW, terminal: 'store', card, pin, cert, out, json: true });

const login = async (user: string, screenshot?: string): Promise<Page> => {
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/admin/`);
  await page.waitForSelector('input[name=user]');
  if (screenshot) await shot(page, screenshot);
  await page.fill('input[name=user]', user);
  await page.fill('input[name=password]', f.passwords[user]!);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=who]');
  return page;
};
const openResident = async (page: Page, id: string) => {
  await page.goto(`${base}/admin/#/residents/${id}`);
  await page.waitForSelector('[data-testid=resident]');
};
const act = async (page: Page, action: string, fill: Record<string, string> = {}) => {
  await page.click(`[data-action=${action}]`);
  for (const [name, value] of Object.entries(fill))
    await page.fill(`[data-testid=action-form] input[name=${name}]`, value);
  await page.click('[data-testid=confirm]');
  await page.waitForSelector('[data-testid=banner].ok');
};
const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(shots, `admin-${name}.png`), fullPage: true });

before(async () => {
  if (!existsSync(join(root, 'web/admin/dist/index.html')))
    execFileSync(process.execPath, [join(root, 'web/admin/build.mjs')]);
  f = await adminFixture();
  base = await f.app.listen({ port: 0, host: '127.0.0.1' });
  out = mkdtempSync(join(tmpdir(), 'kofu-admin-out-'));
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-gpu',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});
after(async () => {
  await browser?.close();
  await f?.close();
  rmSync(out, { recursive: true, force: true });
});

describe('the console in chromium', { timeout: 120_000 }, () => {
  it('a 住民課 clerk records a 転出 and the kiosk refuses at once', async () => {
    const page = await login('juminka', 'login');
    await page.fill('input[name=kana]', 'かみごおり');
    await page.click('form.search button[type=submit]');
    await page.waitForSelector('[data-testid=results] a');
    await shot(page, 'search');
    await page.click('[data-testid=results] a:has-text("上郡 花子")');
    await page.waitForSelector('[data-testid=resident]');
    assert.equal(await kioskCheck('res-hanako', 'juminhyo'), 'ok');
    await shot(page, 'resident');
    await act(page, 'tenshutsu', { detail: '大阪府大阪市北区中之島1丁目へ転出' });
    assert.equal(await page.textContent('[data-testid=status]'), '転出');
    await shot(page, 'tenshutsu');
    const r = await kofuIssue('hanako', '2345', 'juminhyo');
    assert.equal(r.exit, 1);
    assert.equal(r.json.ok, false);
    assert.equal(!r.json.ok && r.json.error.code, 'MOVED_OUT');
    await page.context().close();
  });

  it('a 税務課 clerk cannot see 戸籍', async () => {
    const page = await login('zeimuka');
    await openResident(page, 'res-taro');
    assert.equal(await page.$('[data-testid=koseki]'), null);
    assert.equal(await page.$('text=大持278番地 上郡 太郎'), null);
    const nav = await page.textContent('nav');
    assert.doesNotMatch(nav ?? '', /本籍地利用登録/);
    const status = await page.evaluate(
      async () => (await fetch('/admin/api/residents/res-taro/koseki')).status,
    );
    assert.equal(status, 403);
    await shot(page, 'zeimuka');
    await page.context().close();
  });

  it('a 本籍地 application for misaki, approved in the console, then her 戸籍 is issued', async () => {
    const before = await kofuIssue('misaki', '9999', 'koseki');
    assert.equal(!before.json.ok && before.json.error.code, 'REGISTRATION_REQUIRED');
    const lines: string[] = [];
    const code = await main(
      [
        'honseki',
        'apply',
        '--data',
        f.dataDir,
        '--now',
        NOW,
        '--card',
        'misaki',
        '--pin',
        '9999',
        '--honseki',
        '兵庫県赤穂郡上郡町鞍居77番地',
        '--hittosha',
        '松本 美咲',
        '--json',
      ],
      { out: (t) => lines.push(t), err: (t) => lines.push(t) },
    );
    assert.equal(code, 0, lines.join(''));
    const receipt = JSON.parse(lines.join('')).receiptNumber as string;
    const page = await login('juminka');
    await page.click('nav a:has-text("本籍地利用登録")');
    const row = page.locator('[data-testid=registrations] tr', { hasText: receipt });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /一致：松本 美咲/);
    await shot(page, 'registrations');
    await row.locator('[data-testid=approve]').click();
    await page.waitForSelector('[data-testid=banner].ok');
    const issued = await kofuIssue('misaki', '9999', 'koseki');
    assert.equal(issued.exit, 0, JSON.stringify(issued.json));
    assert.equal(issued.json.ok && issued.json.certificates[0]?.type, 'koseki');
    assert.ok(issued.json.ok && existsSync(issued.json.certificates[0]!.file));
    await page.context().close();
  });

  it('a PIN reset for locked', async () => {
    const page = await login('juminka');
    await openResident(page, 'res-locked');
    assert.equal(await page.textContent('[data-testid=pin-state]'), 'ロック中');
    await shot(page, 'pin-locked');
    await act(page, 'pinReset', { newPin: '4444' });
    await page.waitForSelector('[data-testid=pin-state]:has-text("残り3回")');
    assert.equal(findCardSummary(f.dataDir, 'locked')?.pin.locked, false);
    await page.context().close();
  });

  it('a restriction set then lifted', async () => {
    const page = await login('juminka');
    await openResident(page, 'res-taro');
    await act(page, 'restrictKoseki');
    assert.equal(await kioskCheck('res-taro', 'koseki'), 'ISSUANCE_RESTRICTED');
    await shot(page, 'restriction');
    await act(page, 'liftKoseki');
    assert.equal(await kioskCheck('res-taro', 'koseki'), 'ok');
    await page.context().close();
  });

  it('an administrator sees statistics, maintenance and the audit chain, in Japanese or English', async () => {
    const page = await login('kanrisha');
    await page.click('nav a:has-text("発行統計")');
    await page.waitForSelector('[data-testid=chart]');
    assert.ok((await page.textContent('[data-testid=stats-table]'))?.includes('戸籍証明書'));
    await shot(page, 'stats');
    await page.click('nav a:has-text("メンテナンス")');
    await page.fill('input[name=start]', '2026-12-06T01:00');
    await page.fill('input[name=end]', '2026-12-06T05:00');
    await page.fill('input[name=note]', '定期保守');
    await page.click('form.search button[type=submit]');
    await page.waitForSelector('[data-testid=maintenance] td:has-text("定期保守")');
    await shot(page, 'maintenance');
    await page.click('nav a:has-text("監査ログ")');
    await page.click('[data-testid=verify]');
    await page.waitForSelector('[data-testid=banner].ok');
    assert.match((await page.textContent('[data-testid=audit]')) ?? '', /staff:juminka/);
    await shot(page, 'audit');
    await page.click('button:has-text("English")');
    await page.waitForSelector('nav a:has-text("Audit log")');
    await shot(page, 'audit-en');
    await page.context().close();
  });
});
