import type { ReceiptDocument } from '../domain/documents.js';
import { japanDate, japanParts, parseJapanIso } from '../domain/japan-time.js';
import { formatWareki } from '../domain/wareki.js';
import type { Canvas } from './canvas.js';
import { yen } from './layout.js';

/** A5 portrait: the receipt is printed on its own small sheet. */
export const RECEIPT_SIZE: [number, number] = [419.53, 595.28];
const L = 36;
const R = RECEIPT_SIZE[0] - 36;

/** 領収書: what was bought and paid, where and when; no personal data. */
export const drawReceipt = (c: Canvas, r: ReceiptDocument): void => {
  const at = parseJapanIso(r.issuedAt);
  if (!at) throw new Error(`issuedAt is not an ISO time: ${r.issuedAt}`);
  const p = japanParts(at);
  const when = `${formatWareki(japanDate(at))} ${p.hour}時${String(p.minute).padStart(2, '0')}分`;
  c.text(RECEIPT_SIZE[0] / 2, 36, '領収書', { size: 20, style: 'gothic', align: 'center' });
  let y = 80;
  for (const [label, value] of [
    ['発行日時', when],
    ['受付番号', r.orderId],
    ['店舗', r.storeName],
    ['端末番号', r.terminalId],
  ] as const) {
    c.text(L, y, label, { size: 9.5, style: 'gothic' });
    c.text(L + 70, y, value, { size: 10.5, maxWidth: R - L - 70 });
    y += 18;
  }
  y += 10;
  const cols = [L, L + 200, L + 250, R];
  c.line(L, y, R, y, 0.8);
  c.text(cols[0]! + 4, y + 5, '証明書', { size: 9.5, style: 'gothic' });
  c.text(cols[2]! - 4, y + 5, '通数', { size: 9.5, style: 'gothic', align: 'right' });
  c.text(L + 300, y + 5, '単価', { size: 9.5, style: 'gothic', align: 'right' });
  c.text(R - 4, y + 5, '金額', { size: 9.5, style: 'gothic', align: 'right' });
  y += 20;
  c.line(L, y, R, y, 0.4);
  for (const line of r.lines) {
    c.text(cols[0]! + 4, y + 5, line.nameJa, { size: 10, maxWidth: 190 });
    c.text(cols[2]! - 4, y + 5, `${line.copies}通`, { size: 10, align: 'right' });
    c.text(L + 300, y + 5, `${yen(line.feeEach)}円`, { size: 10, align: 'right' });
    c.text(R - 4, y + 5, `${yen(line.subtotal)}円`, { size: 10, align: 'right' });
    y += 20;
  }
  c.line(L, y, R, y, 0.8);
  y += 8;
  for (const [label, value, size] of [
    ['合計', r.totalYen, 13],
    ['お預かり', r.paidYen, 10.5],
    ['お釣り', r.changeYen, 10.5],
  ] as const) {
    c.text(L + 200, y, label, { size: size - 1, style: 'gothic' });
    c.text(R - 4, y, `${yen(value)}円`, { size, align: 'right' });
    y += size + 9;
  }
  y += 14;
  c.text(L, y, '上記の金額を証明書交付手数料として領収しました。', { size: 10 });
  c.text(L, y + 18, `収納：${r.issuers.join('・')}`, { size: 10, maxWidth: R - L });
  c.text(L, y + 44, '※ 誤って取得した証明書の返品・交換、手数料の返金はできません。', { size: 8.5 });
  c.text(L, y + 58, '※ 証明書・領収書・マイナンバーカードのお取り忘れにご注意ください。', { size: 8.5 });
};
