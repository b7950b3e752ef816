import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { centerView } from '../src/center/schema.js';
import { openDatabase } from '../src/registers/database.js';
import {
  insertYen,
  type KioskUiFixture,
  lowContrast,
  namelessControls,
  openKiosk,
  pagesShown,
  putCard,
  shot,
  signIn,
  startKioskUi,
  takeAll,
  takeCard,
  typePin,
} from './kiosk-ui-harness.js';

// The 本籍地 user registration end to end in chromium: misaki (lives in 相生市, 本籍 上郡町)
// applies at the kiosk screen, a 住民課 clerk approves it in the console (also in chromium,
// served by the same center), then her 戸籍 is issued at the kiosk screen.

let f: KioskUiFixture;
before(async () => {
  f = await startKioskUi({ staff: true });
});
after(async () => {
  await f?.close();
});

const title = (page: Page) => page.locator('#screen-title');

/** Steps 1–4 of the registration: the menu item, card, PIN, card off. */
const signInForRegistration = async (page: Page, card: string, pin: string, lang: 'ja' | 'en' = 'ja') => {
  await page
    .getByRole('button', { name: lang === 'ja' ? /本籍地の利用者登録/ : /Register for 戸籍 certificates/ })
    .click();
  await title(page)
    .filter({ hasText: lang === 'ja' ? 'マイナンバーカードをセットしてください' : 'Set your My Number card' })
    .waitFor();
  await putCard(page, card);
  await typePin(page, pin, lang);
  await title(page)
    .filter({ hasText: lang === 'ja' ? 'カードを取り外してください' : 'Remove your' })
    .waitFor();
  await takeCard(page);
};
const toForm = async (page: Page, card: string, pin: string) => {
  await signInForRegistration(page, card, pin);
  await title(page).filter({ hasText: '本籍と筆頭者の氏名を入力してください' }).waitFor();
};

test('misaki applies at the kiosk, a 住民課 clerk approves in the console, then her 戸籍 is issued', async () => {
  // Before: her 戸籍 is greyed with the reason (no registration).
  let page = await openKiosk(f);
  await signIn(page, 'misaki', '9999');
  const koseki = page.getByRole('button', { name: /戸籍全部事項証明書/ });
  assert.equal(await koseki.getAttribute('aria-disabled'), 'true');
  assert.match((await page.locator('#why-koseki').textContent()) ?? '', /利用者登録/);
  await page.getByRole('button', { name: '取消（最初の画面に戻る）' }).click();
  await page.getByRole('button', { name: '最初の画面に戻る' }).click();
  await page.close();

  // 1. At the kiosk: the menu item, card, PIN, the form, the confirmation, the receipt.
  page = await openKiosk(f);
  await toForm(page, 'misaki', '9999');
  assert.equal(await page.locator('.steps li[aria-current="step"] .num').textContent(), '5');
  assert.equal(await page.locator('.steps li').count(), 7, 'seven steps for the registration');
  // Empty fields are caught on the screen, before anything reaches the center.
  await page.getByRole('button', { name: '確認画面へ' }).click();
  assert.equal(await page.locator('.field.wrong').count(), 2);
  assert.match((await title(page).textContent()) ?? '', /本籍と筆頭者/);
  // A 本籍 no municipality matches: the center's refusal in words, the form stays.
  await page.getByRole('textbox', { name: '本籍', exact: true }).fill('東京都千代田区千代田1番');
  await page.getByRole('textbox', { name: '筆頭者の氏名' }).fill('松本 美咲');
  await page.getByRole('button', { name: '確認画面へ' }).click();
  await title(page).filter({ hasText: '申請内容を確認してください' }).waitFor();
  await page.getByRole('button', { name: 'この内容で申請する' }).click();
  await page.getByRole('alert').filter({ hasText: /./ }).first().waitFor();
  await title(page).filter({ hasText: '本籍と筆頭者の氏名を入力してください' }).waitFor();
  const refusal = (await page.locator('.refusal').textContent()) ?? '';
  assert.match(refusal, /本籍を確認してください。都道府県名・市区町村名から入力してください。/);
  assert.doesNotMatch(refusal, /INVALID_REQUEST|honseki/, 'words, not a code or a field name');
  assert.equal(
    await page.getByRole('textbox', { name: '筆頭者の氏名' }).inputValue(),
    '松本 美咲',
    'what was written stays',
  );
  assert.equal(await page.locator('.field.wrong #h-honseki').count(), 1, 'the 本籍 field is marked');
  await page.getByRole('textbox', { name: '本籍', exact: true }).fill('兵庫県赤穂郡上郡町鞍居77番地');
  await shot(page, 'honseki-5-form');
  assert.deepEqual(await namelessControls(page), []);
  assert.deepEqual(await lowContrast(page), []);
  await page.getByRole('button', { name: '確認画面へ' }).click();
  await title(page).filter({ hasText: '申請内容を確認してください' }).waitFor();
  const summary = (await page.locator('.summary').textContent()) ?? '';
  assert.ok(summary.includes('兵庫県赤穂郡上郡町鞍居77番地') && summary.includes('松本 美咲'), summary);
  await shot(page, 'honseki-6-confirm');
  await page.getByRole('button', { name: 'この内容で申請する' }).click();
  await title(page).filter({ hasText: '申請を受け付けました' }).waitFor();
  const receipt = ((await page.locator('.receipt-number').textContent()) ?? '').trim();
  assert.match(receipt, /^HR-284815-\d{6}$/);
  // Applied on Wednesday 2026-11-25: five 開庁日 later is Wednesday 12/2.
  assert.equal(await page.getByTestId('expected').textContent(), '2026年12月2日（水）');
  assert.match((await page.getByTestId('honseki-receipt').textContent()) ?? '', /審査中/);
  assert.equal(await page.locator('.steps li[aria-current="step"] .num').textContent(), '7');
  assert.deepEqual(await lowContrast(page), []);
  await shot(page, 'honseki-7-receipt');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await title(page).filter({ hasText: 'Your application has been received' }).waitFor();
  assert.equal(await page.getByTestId('expected').textContent(), 'Wed 2 December 2026');
  await shot(page, 'honseki-7-receipt-en');
  await page.getByRole('button', { name: /日本語に切り替え/ }).click();
  await page.getByRole('button', { name: '終了', exact: true }).click();
  await page.getByRole('button', { name: /本籍地の利用者登録/ }).waitFor();
  assert.equal(f.terminal.sessionId, undefined, 'the center session is over');

  // Coming back while it is pending: its state and the same receipt number, no second form.
  await signInForRegistration(page, 'misaki', '9999');
  await title(page).filter({ hasText: 'この申請はすでに受け付けています' }).waitFor();
  assert.match((await page.getByTestId('honseki-receipt').textContent()) ?? '', /審査中/);
  assert.equal(((await page.locator('.receipt-number').textContent()) ?? '').trim(), receipt);
  await page.getByRole('button', { name: '終了', exact: true }).click();
  await page.close();

  // 2. In the console (the same center's /admin/): a 住民課 clerk approves it.
  const context = await f.browser.newContext({
    locale: 'ja-JP',
    viewport: { width: 1280, height: 900 },
    ignoreHTTPSErrors: true,
  });
  const admin = await context.newPage();
  await admin.goto(`${f.centerUrl}/admin/`);
  await admin.fill('input[name=user]', 'juminka');
  await admin.fill('input[name=password]', f.passwords.juminka!);
  await admin.click('button[type=submit]');
  await admin.waitForSelector('[data-testid=who]');
  await admin.click('nav a:has-text("本籍地利用登録")');
  const row = admin.locator('[data-testid=registrations] tr', { hasText: receipt });
  await row.waitFor();
  assert.match((await row.textContent()) ?? '', /一致：松本 美咲/);
  assert.match((await row.textContent()) ?? '', /2026-12-02/);
  await row.locator('[data-testid=approve]').click();
  await admin.waitForSelector('[data-testid=banner].ok');
  await context.close();

  // 3. At the kiosk again: her 戸籍 is now issued, from 上郡町.
  page = await openKiosk(f);
  await signIn(page, 'misaki', '9999');
  await page.getByRole('button', { name: /戸籍全部事項証明書/ }).click();
  await page.getByRole('radio', { name: /全部事項証明書/ }).check();
  await page.getByRole('button', { name: '確認画面へ' }).click();
  await title(page).filter({ hasText: '内容を確認してください' }).waitFor();
  assert.ok(((await page.locator('.summary').textContent()) ?? '').includes('上郡町'));
  await page.getByRole('button', { name: 'この内容で申し込む' }).click();
  await insertYen(page, 500);
  await title(page).filter({ hasText: '証明書と領収書をお受け取りください' }).waitFor({ timeout: 30_000 });
  const state = f.terminal.snapshot();
  assert.ok(
    state.tray.documents.some((d) => d.cert === 'koseki'),
    JSON.stringify(state.tray),
  );
  assert.equal(state.result?.changeYen, 150);
  await pagesShown(page);
  await takeAll(page);
  await page.close();
});

test('in English: kenta sees his pending application; koushin (renewed certificate) cancels on the form, nothing recorded', async () => {
  const page = await openKiosk(f);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await signInForRegistration(page, 'kenta', '1212', 'en');
  await title(page).filter({ hasText: 'This application was already received' }).waitFor();
  const shown = (await page.getByTestId('honseki-receipt').textContent()) ?? '';
  // The demo's application: Saturday 11/21; 11/23 is 勤労感謝の日, so five 開庁日 end on Monday 11/30.
  assert.match(shown, /Applied onSat 21 November 2026Expected completionMon 30 November 2026/);
  assert.match(shown, /Being checked/);
  await page.getByRole('button', { name: 'Finish', exact: true }).click();

  await signInForRegistration(page, 'koushin', '2323', 'en');
  await title(page).filter({ hasText: 'Enter your 本籍' }).waitFor();
  assert.ok(await page.getByRole('textbox', { name: /registered domicile/ }).isVisible());
  const body = (await page.locator('main').textContent()) ?? '';
  assert.doesNotMatch(body, /入力してください|確認画面へ|取消/, 'no Japanese interface words');
  const sessionId = f.terminal.sessionId;
  assert.ok(sessionId);
  await page.getByRole('button', { name: 'Cancel (back to the start)' }).click();
  await title(page).filter({ hasText: 'Cancelled' }).waitFor();
  const kdb = await openDatabase({ dataDir: f.dataDir });
  try {
    const db = centerView(kdb.db);
    const s = await db
      .selectFrom('center_sessions')
      .selectAll()
      .where('id', '=', sessionId)
      .executeTakeFirst();
    assert.equal(s?.state, 'ended', 'the center session is over');
    const mine = await kdb.db
      .selectFrom('honseki_registrations')
      .select('id')
      .where('serial', '=', s?.holder_serial ?? '')
      .execute();
    assert.equal(mine.length, 0, 'nothing recorded for his current certificate');
  } finally {
    await kdb.close();
  }
  await page.getByRole('button', { name: 'Back to the start', exact: true }).click();
  await page.getByRole('button', { name: /Register for 戸籍 certificates/ }).waitFor();
  await page.close();
});
