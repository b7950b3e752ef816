import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { centerApi } from '../src/kiosk/center-api.js';
import { httpsTransport, loadTerminalCredentials } from '../src/kiosk/transport.js';
import { findCardSummary } from '../src/pki/index.js';
import { tempDir } from './kiosk-support.js';
import {
  insertYen,
  type KioskUiFixture,
  lowContrast,
  namelessControls,
  openKiosk,
  putCard,
  shot,
  signIn,
  spoken,
  startKioskUi,
  tabTo,
  takeCard,
  typePin,
} from './kiosk-ui-harness.js';

// What protects the resident: the PIN lock, the idle time-out that erases everything, the
// alarm for a card left behind, and the accessibility basics (names, contrast, keyboard).
// Its own demo installation, so the locked card does not leak into other files.

let f: KioskUiFixture;
const stateDir = tempDir('kiosk-ui-state');
before(async () => {
  f = await startKioskUi({ idleMs: 60_000, warnMs: 10_000, reminderMs: 1_000, stateDir });
});
after(async () => {
  await f?.close();
});

const title = (page: Page) => page.locator('#screen-title');

test('three wrong PINs lock the card; the screen says to go to 住民課 and asks for the card back', async () => {
  const page = await openKiosk(f);
  await page.getByRole('button', { name: /行政サービス/ }).click();
  await putCard(page, 'sakura');
  await typePin(page, '0000');
  await page.getByRole('alert').filter({ hasText: 'あと2回' }).waitFor();
  await typePin(page, '1111');
  await page.getByRole('alert').filter({ hasText: 'あと1回' }).waitFor();
  await typePin(page, '2222');
  await title(page).filter({ hasText: 'この手続きはできませんでした' }).waitFor();
  const refusal = (await page.locator('.refusal').textContent()) ?? '';
  assert.match(refusal, /暗証番号を3回間違えたため、ロックされています。.*住民課.*暗証番号の初期化再設定/);
  assert.doesNotMatch(refusal, /PIN_LOCKED/);
  await page.getByRole('alert').filter({ hasText: '取り外してください' }).waitFor();
  assert.equal(await page.getByRole('button', { name: '最初の画面に戻る' }).isDisabled(), true);
  await shot(page, 'pin-locked');
  assert.equal(findCardSummary(f.dataDir, 'sakura')?.pin.locked, true, 'the card itself is locked');
  await takeCard(page);
  await page.getByRole('button', { name: '最初の画面に戻る' }).click();
  await page.getByRole('button', { name: /行政サービス/ }).waitFor();
  await page.close();
});

test('a time-out in the middle of paying: a countdown, then the session, the screen and the spool are erased', async (t) => {
  t.after(() => f.terminal.setIdleTimes(60_000, 10_000));
  const page = await openKiosk(f);
  await signIn(page, 'taro', '1234');
  await page.getByRole('button', { name: /住民票の写し/ }).click();
  await page.getByRole('button', { name: '確認画面へ' }).click();
  await page.getByRole('button', { name: 'この内容で申し込む' }).click();
  await title(page).filter({ hasText: '手数料を投入してください' }).waitFor();
  await insertYen(page, 100);
  await page.locator('.amounts').filter({ hasText: '100円' }).first().waitFor();
  // The resident walks away with 100 yen in the machine.
  f.terminal.setIdleTimes(5_000, 3_000);
  const sessionId = f.terminal.sessionId;
  assert.ok(sessionId);
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor({ timeout: 10_000 });
  assert.match((await dialog.textContent()) ?? '', /あと\d秒で最初の画面に戻り、入力された内容を消去します/);
  await shot(page, 'idle-warning');
  await page.locator('.flash').filter({ hasText: '一定時間操作がなかったため' }).waitFor({ timeout: 15_000 });
  await shot(page, 'timed-out');
  const state = f.terminal.snapshot();
  assert.equal(state.step, 'start');
  assert.equal(state.quote, undefined, 'nothing of the transaction stays on the screen');
  assert.equal(state.choices, undefined);
  assert.deepEqual(state.tray.cash, [100], 'the 100 yen comes back to the tray');
  assert.deepEqual(readdirSync(join(stateDir, 'spool'), { recursive: true }), [], 'the spool is empty');
  // The center no longer knows the session.
  const transport = httpsTransport({
    baseUrl: f.centerUrl,
    credentials: loadTerminalCredentials(join(f.dataDir, 'terminals', 'store')),
  });
  const r = await centerApi(transport, { deadlineMs: 2000, firstDelayMs: 50, maxDelayMs: 200 }).choices(
    sessionId,
  );
  transport.close();
  assert.equal(r.ok, false);
  assert.ok(!r.ok && ['SESSION_EXPIRED', 'INVALID_REQUEST'].includes(r.error.code), JSON.stringify(r));
  await page.getByRole('button', { name: 'お金を取る' }).click();
  await page.close();
});

test('a card left on the reader: the alarm on screen and by voice, again and again, until it is taken', async (t) => {
  t.after(() => f.terminal.setIdleTimes(60_000, 10_000));
  const page = await openKiosk(f);
  await page.getByRole('button', { name: /行政サービス/ }).click();
  await putCard(page, 'ichiro');
  await title(page).filter({ hasText: '暗証番号' }).waitFor();
  await page.getByRole('button', { name: '取消（最初の画面に戻る）' }).click();
  await title(page).filter({ hasText: '手続きを取り消しました' }).waitFor();
  await page
    .getByRole('alert')
    .filter({ hasText: 'マイナンバーカードを読み取り部から取り外してください' })
    .waitFor();
  // The resident walks away without the card: the screen times out to the start, the alarm goes on.
  f.terminal.setIdleTimes(3_000, 1_500);
  await page.locator('.flash').waitFor({ timeout: 15_000 });
  const alarm = page.getByRole('alert').filter({ hasText: 'マイナンバーカードが読み取り部に残っています' });
  await alarm.waitFor({ timeout: 15_000 });
  assert.equal(f.terminal.snapshot().step, 'start');
  await page.waitForTimeout(2_200);
  const said = (await spoken(page)).filter((t) => t.includes('マイナンバーカードが読み取り部に残っています'));
  assert.ok(said.length >= 2, `repeated by voice (${said.length})`);
  assert.equal(
    await page.locator('#spoken').textContent(),
    'マイナンバーカードが読み取り部に残っています。お取り忘れのないようにしてください。',
  );
  await shot(page, 'card-left');
  await takeCard(page);
  await alarm.waitFor({ state: 'detached' });
  await page.close();
});

test('keyboard alone, accessible names on every control, contrast at least 4.5:1, large text', async () => {
  const page = await openKiosk(f);
  const check = async (where: string) => {
    assert.deepEqual(await namelessControls(page), [], `${where}: every control has a name`);
    assert.deepEqual(await lowContrast(page), [], `${where}: contrast`);
  };
  await check('start');
  await tabTo(page, /^行政サービス/);
  await page.keyboard.press('Enter');
  await title(page).filter({ hasText: 'マイナンバーカードをセットしてください' }).waitFor();
  await tabTo(page, /^hanako.*を読み取り部に置く/);
  await page.keyboard.press('Enter');
  await title(page).filter({ hasText: '暗証番号' }).waitFor();
  await check('pin');
  await page.keyboard.type('2345');
  await page.keyboard.press('Enter');
  await title(page).filter({ hasText: 'カードを取り外してください' }).waitFor();
  await tabTo(page, /カードを読み取り部から取る/);
  await page.keyboard.press('Enter');
  await title(page).filter({ hasText: '証明書を選んでください' }).waitFor();
  await check('choose');
  await tabTo(page, /^住民票記載事項証明書/);
  await page.keyboard.press('Enter');
  await tabTo(page, /^本人のみ$/);
  await page.keyboard.press('ArrowRight');
  assert.equal(
    await page.getByRole('radio', { name: '世帯全員' }).isChecked(),
    true,
    'arrow keys move the choice',
  );
  await check('options');
  await tabTo(page, /1通増やす/);
  await page.keyboard.press('Enter');
  await tabTo(page, /^確認画面へ$/);
  await page.keyboard.press('Enter');
  await title(page).filter({ hasText: '内容を確認してください' }).waitFor();
  assert.match((await page.locator('.summary').textContent()) ?? '', /2通/);
  await check('confirm');
  await tabTo(page, /文字を大きく/);
  await page.keyboard.press('Enter');
  await page.waitForFunction('document.documentElement.classList.contains("large")');
  assert.equal(await page.getByRole('button', { name: '文字を大きく' }).getAttribute('aria-pressed'), 'true');
  await shot(page, 'large-text');
  await tabTo(page, /^この内容で申し込む$/);
  await page.keyboard.press('Enter');
  await title(page).filter({ hasText: '手数料を投入してください' }).waitFor();
  await check('pay');
  await tabTo(page, /^取消（最初の画面に戻る）$/);
  await page.keyboard.press('Enter');
  await title(page).filter({ hasText: '手続きを取り消しました' }).waitFor();
  await check('ended');
  await tabTo(page, /^最初の画面に戻る$/);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: /行政サービス/ }).waitFor();
  await page.close();
});
