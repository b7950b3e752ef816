import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { pdfText, tempDir } from './kiosk-support.js';
import {
  insertYen,
  type KioskUiFixture,
  openKiosk,
  pagesShown,
  putCard,
  shot,
  signIn,
  spoken,
  startKioskUi,
  takeAll,
  takeCard,
  typePin,
} from './kiosk-ui-harness.js';

// The kiosk screen in chromium, the eight steps of the seed against the real center:
// taro's household 住民票, jiro's 戸籍, hanako's refused 印鑑, a PIN wrong twice then right.

let f: KioskUiFixture;
before(async () => {
  f = await startKioskUi();
});
after(async () => {
  await f?.close();
});

const title = (page: Page) => page.locator('#screen-title');

/** The text of a printed document, fetched from the printer tray as the screen shows it. */
const printedText = async (page: Page, id: string): Promise<string> => {
  const pdf = await page.evaluate(async (doc) => {
    const r = await fetch(`api/tray/${encodeURIComponent(doc)}`);
    return Array.from(new Uint8Array(await r.arrayBuffer()));
  }, id);
  const file = join(tempDir('kiosk-ui-pdf'), id);
  writeFileSync(file, Buffer.from(pdf));
  return pdfText(file);
};

test("taro's 住民票 for the whole household with 世帯主 and 本籍: eight steps, four names printed", async () => {
  const page = await openKiosk(f);
  await shot(page, '1-start');
  await page.getByRole('button', { name: /行政サービス/ }).click();
  await title(page).filter({ hasText: 'マイナンバーカードをセットしてください' }).waitFor();
  assert.equal(await page.locator('.steps li[aria-current="step"] .num').textContent(), '2');
  await shot(page, '2-card');
  await putCard(page, 'taro');
  await title(page).filter({ hasText: '暗証番号' }).waitFor();
  await page.getByRole('button', { name: '数字 1', exact: true }).click();
  await page.getByRole('button', { name: '数字 2', exact: true }).click();
  assert.equal(await page.locator('.pin-boxes').getAttribute('aria-label'), '2桁入力済み');
  assert.equal(await page.locator('.pin-boxes').textContent(), '●●', 'the PIN is masked');
  await shot(page, '3-pin');
  await page.getByRole('button', { name: '1文字消す（訂正）' }).click();
  await page.getByRole('button', { name: '1文字消す（訂正）' }).click();
  await typePin(page, '1234');
  await title(page).filter({ hasText: 'カードを取り外してください' }).waitFor();
  await page
    .getByRole('alert')
    .filter({ hasText: 'マイナンバーカードを読み取り部から取り外してください' })
    .waitFor();
  await shot(page, '4-remove');
  // The screen does not go on while the card is on the reader.
  await page.waitForTimeout(600);
  assert.match((await title(page).textContent()) ?? '', /取り外して/);
  assert.ok(
    (await spoken(page)).some((t) => t.includes('取り外してください')),
    'said by voice too',
  );
  await takeCard(page);
  await title(page).filter({ hasText: '証明書を選んでください' }).waitFor();
  await shot(page, '5-choose');
  await page.getByRole('button', { name: /住民票の写し/ }).click();
  await page.getByRole('radio', { name: '世帯の一部' }).click();
  for (const name of ['上郡 太郎', '上郡 花子', '上郡 一郎', '上郡 さくら'])
    await page.getByRole('checkbox', { name: new RegExp(name) }).waitFor();
  await page.getByRole('radio', { name: '世帯全員' }).click();
  await page
    .getByRole('group', { name: '世帯主の氏名・続柄' })
    .getByRole('radio', { name: '記載する' })
    .click();
  await page
    .getByRole('group', { name: '本籍・筆頭者の氏名' })
    .getByRole('radio', { name: '記載する' })
    .click();
  await page.getByRole('button', { name: '1通増やす' }).click();
  await page.getByRole('button', { name: '1通減らす' }).click();
  await shot(page, '5-options');
  await page.getByRole('button', { name: '確認画面へ' }).click();
  await title(page).filter({ hasText: '内容を確認してください' }).waitFor();
  const summary = (await page.locator('.summary').textContent()) ?? '';
  for (const s of [
    '住民票の写し',
    '世帯全員',
    '上郡 さくら',
    '世帯主の氏名・続柄：記載する',
    '本籍・筆頭者の氏名：記載する',
    '200円',
  ])
    assert.ok(summary.includes(s), `confirmation shows ${s}: ${summary}`);
  assert.match((await page.getByRole('note').textContent()) ?? '', /返品・交換や、手数料の返金はできません/);
  await shot(page, '6-confirm');
  await page.getByRole('button', { name: 'この内容で申し込む' }).click();
  await title(page).filter({ hasText: '手数料を投入してください' }).waitFor();
  await insertYen(page, 100);
  await page.locator('.amounts').filter({ hasText: '100円' }).waitFor();
  await shot(page, '7-pay');
  await insertYen(page, 500);
  await title(page)
    .filter({ hasText: /印刷中|証明書を作成しています/ })
    .waitFor();
  assert.match(
    (await page.locator('.big-notice').textContent()) ?? '',
    /回線状況により、印刷に数分時間がかかる場合がありますが、端末から離れないでください。/,
  );
  await shot(page, '8-printing');
  await title(page).filter({ hasText: '証明書と領収書をお受け取りください' }).waitFor({ timeout: 30_000 });
  const state = f.terminal.snapshot();
  assert.equal(state.result?.changeYen, 400);
  assert.deepEqual(state.tray.cash, [100, 100, 100, 100]);
  const cert = state.tray.documents.find((d) => d.kind === 'certificate');
  assert.ok(cert && state.tray.documents.some((d) => d.kind === 'receipt'));
  // The printed paper, as the tray serves it: all four names.
  const text = await printedText(page, cert.id);
  for (const name of ['上郡 太郎', '上郡 花子', '上郡 一郎', '上郡 さくら'])
    assert.ok(text.includes(name), name);
  await page.locator('.paper img').first().waitFor();
  await pagesShown(page);
  await page.getByRole('alert').filter({ hasText: 'お取り忘れにご注意ください' }).waitFor();
  assert.ok((await spoken(page)).some((t) => t.includes('証明書・領収書・おつりのお取り忘れ')));
  await shot(page, '8-take');
  await page.getByRole('button', { name: '証明書・領収書を取る' }).click();
  await page.getByRole('button', { name: 'お金を取る' }).click();
  await title(page).filter({ hasText: 'ご利用ありがとうございました' }).waitFor();
  await page.getByRole('button', { name: '終了' }).click();
  await page.getByRole('button', { name: /行政サービス/ }).waitFor();
  assert.deepEqual(f.terminal.snapshot().reminders, []);
  await page.close();
});

test("jiro's 戸籍全部事項証明書 from his 本籍 上郡町 on a weekday morning, paid with a 1000-yen note", async () => {
  const page = await openKiosk(f);
  await signIn(page, 'jiro', '8888');
  await page.getByRole('button', { name: /戸籍全部事項証明書/ }).click();
  await page.getByRole('radio', { name: /全部事項証明書/ }).check();
  await page.getByRole('button', { name: '確認画面へ' }).click();
  await title(page).filter({ hasText: '内容を確認してください' }).waitFor();
  const summary = (await page.locator('.summary').textContent()) ?? '';
  assert.ok(summary.includes('上郡町') && summary.includes('350円'), summary);
  await page.getByRole('button', { name: 'この内容で申し込む' }).click();
  await insertYen(page, 1000);
  await title(page).filter({ hasText: '証明書と領収書をお受け取りください' }).waitFor({ timeout: 30_000 });
  const state = f.terminal.snapshot();
  assert.equal(state.result?.changeYen, 650);
  assert.deepEqual(state.tray.cash, [500, 100, 50]);
  const cert = state.tray.documents.find((d) => d.cert === 'koseki');
  assert.ok(cert, JSON.stringify(state.tray));
  const text = await printedText(page, cert.id);
  assert.ok(text.includes('上郡 次郎'), 'the 戸籍 of jiro');
  await pagesShown(page);
  await shot(page, 'koseki-take');
  await takeAll(page);
  await page.close();
});

test("hanako's 印鑑登録証明書 is greyed with the reason in words; she cancels and nothing is charged", async () => {
  const page = await openKiosk(f);
  await signIn(page, 'hanako', '2345');
  const inkan = page.getByRole('button', { name: /印鑑登録証明書/ });
  assert.equal(await inkan.getAttribute('aria-disabled'), 'true');
  const why = (await page.locator('#why-inkan').textContent()) ?? '';
  assert.match(
    why,
    /印鑑登録がされていないため、印鑑登録証明書は発行できません。印鑑登録は.*お手続きください/,
  );
  assert.doesNotMatch(why, /SEAL_NOT_REGISTERED/, 'words, never a code alone');
  await inkan.click({ force: true });
  assert.match(
    (await title(page).textContent()) ?? '',
    /証明書を選んでください/,
    'a greyed certificate cannot be chosen',
  );
  await shot(page, 'refused-inkan');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  assert.match((await page.locator('#why-inkan').textContent()) ?? '', /No seal is registered/);
  await page.getByRole('button', { name: /日本語に切り替え/ }).click();
  await page.getByRole('button', { name: '取消（最初の画面に戻る）' }).click();
  await title(page).filter({ hasText: '手続きを取り消しました' }).waitFor();
  assert.deepEqual(f.terminal.snapshot().tray.cash, [], 'nothing was paid, nothing to give back');
  await page.getByRole('button', { name: '最初の画面に戻る' }).click();
  await page.getByRole('button', { name: /行政サービス/ }).waitFor();
  await page.close();
});

test('a wrong PIN twice, then the right one: the tries left are shown, then the card is accepted', async () => {
  const page = await openKiosk(f);
  await page.getByRole('button', { name: /行政サービス/ }).click();
  await putCard(page, 'ichiro');
  await typePin(page, '0000');
  await page.getByRole('alert').filter({ hasText: 'あと2回間違えるとロックされます' }).waitFor();
  await typePin(page, '1111');
  await page.getByRole('alert').filter({ hasText: 'あと1回間違えるとロックされます' }).waitFor();
  assert.match((await page.locator('.pin-left').textContent()) ?? '', /住民課で暗証番号の初期化・再設定/);
  await shot(page, 'pin-wrong');
  await typePin(page, '3456');
  await title(page).filter({ hasText: 'カードを取り外してください' }).waitFor();
  await takeCard(page);
  await title(page).filter({ hasText: '証明書を選んでください' }).waitFor();
  await page.getByRole('button', { name: '取消（最初の画面に戻る）' }).click();
  await page.getByRole('button', { name: '最初の画面に戻る' }).click();
  await page.getByRole('button', { name: /行政サービス/ }).waitFor();
  await page.close();
});

test('English from start to end: every screen and the voice in English', async () => {
  const page = await openKiosk(f);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  assert.equal(await page.evaluate('document.documentElement.lang'), 'en');
  await shot(page, 'en-1-start');
  await page.getByRole('button', { name: /Government services/ }).click();
  await title(page).filter({ hasText: 'Set your My Number card' }).waitFor();
  await putCard(page, 'hanako');
  await title(page).filter({ hasText: 'Enter your 4-digit PIN' }).waitFor();
  await typePin(page, '2345', 'en');
  await title(page).filter({ hasText: 'Remove your My Number card' }).waitFor();
  await page.getByRole('alert').filter({ hasText: 'Please remove your My Number card' }).waitFor();
  await takeCard(page);
  await title(page).filter({ hasText: 'Choose a certificate' }).waitFor();
  await page.getByRole('button', { name: /Certificate of residence/ }).click();
  await page.getByRole('radio', { name: 'Only me' }).check();
  await shot(page, 'en-5-options');
  await page.getByRole('button', { name: 'Next: confirm' }).click();
  await title(page).filter({ hasText: 'Please check your request' }).waitFor();
  assert.match((await page.getByRole('note').textContent()) ?? '', /cannot be returned or exchanged/);
  await shot(page, 'en-6-confirm');
  await page.getByRole('button', { name: 'Apply with these contents' }).click();
  await title(page).filter({ hasText: 'Insert the fee' }).waitFor();
  await insertYen(page, 2000, 'en');
  await title(page)
    .filter({ hasText: /Printing|Preparing/ })
    .waitFor();
  assert.match((await page.locator('.big-notice').textContent()) ?? '', /Please do not leave the machine/);
  await title(page).filter({ hasText: 'Take your certificates and receipt' }).waitFor({ timeout: 30_000 });
  await page
    .getByRole('alert')
    .filter({ hasText: 'Do not forget your certificates, receipt and change.' })
    .waitFor();
  await pagesShown(page);
  await shot(page, 'en-8-take');
  // No Japanese words of the interface on the English screen (people's names aside).
  const screen = (await page.locator('.screen').textContent()) ?? '';
  for (const ja of ['証明書と領収書', 'お受け取り', '終了', '取消', '手順'])
    assert.ok(!screen.includes(ja), `${ja} on the English screen`);
  assert.ok((await spoken(page)).some((t) => t === 'Do not forget your certificates, receipt and change.'));
  await takeAll(page, 'en');
  await page.close();
});
