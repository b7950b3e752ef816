import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pdfText, tempDir } from './kiosk-support.js';
import {
  insertYen,
  type KioskUiFixture,
  openKiosk,
  putCard,
  shot,
  spoken,
  startKioskUi,
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

const title = (page: import('playwright-core').Page) => page.locator('#screen-title');

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
  const pdf = await page.evaluate(async (id) => {
    const r = await fetch(`api/tray/${encodeURIComponent(id)}`);
    return Array.from(new Uint8Array(await r.arrayBuffer()));
  }, cert.id);
  const file = join(tempDir('kiosk-ui-pdf'), 'juminhyo.pdf');
  writeFileSync(file, Buffer.from(pdf));
  const text = pdfText(file);
  for (const name of ['上郡 太郎', '上郡 花子', '上郡 一郎', '上郡 さくら'])
    assert.ok(text.includes(name), name);
  await page.locator('.paper img').first().waitFor();
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.paper img')].every(
      (i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0,
    ),
  );
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
