import type { DocumentHeader } from '../domain/documents.js';
import { formatWareki } from '../domain/wareki.js';
import { type Canvas, num, PAGE_H, PAGE_W } from './canvas.js';
import { type Block, BODY_W, type CertificateLayout, LEFT, RIGHT } from './layout.js';
import { SEAL_SIZE } from './official-seal.js';
import { qrOps } from './qr.js';

export const BODY_TOP_FIRST = 92;
export const BODY_TOP_NEXT = 112;
export const BODY_BOTTOM = PAGE_H - 60;
/** Room the certification, date and mayor's name take at the foot of the last page. */
export const CERT_RESERVE = 150;
const CERT_TOP = PAGE_H - 200;

/** The repeated top of every front page: 固有番号, title, and on later pages the identifying fields. */
export const drawFrontHeader = (
  c: Canvas,
  d: DocumentHeader,
  layout: CertificateLayout,
  sheet: number,
  sheets: number,
): number => {
  c.text(LEFT, 24, `${d.issuer.prefecture}${d.issuer.name}`, { size: 8.5, style: 'gothic' });
  c.text(RIGHT, 24, `固有番号 ${d.serial}`, { size: 9, style: 'gothic', align: 'right' });
  c.text(PAGE_W / 2, 48, layout.title, { size: 20, style: 'gothic', align: 'center' });
  if (sheet === 1) return BODY_TOP_FIRST;
  const line = layout.header.map(([l, v]) => `${l} ${v}`).join('　');
  c.text(LEFT, 86, `（${sheet} / ${sheets} 枚目）${line}`, { size: 9, maxWidth: BODY_W });
  c.line(LEFT, 102, RIGHT, 102, 0.4);
  return BODY_TOP_NEXT;
};

/** The foot of every front page: 固有番号 and page number (the sheets are not stapled). */
export const drawFooter = (c: Canvas, d: DocumentHeader, sheet: number, sheets: number): void => {
  c.line(LEFT, PAGE_H - 46, RIGHT, PAGE_H - 46, 0.4);
  c.text(LEFT, PAGE_H - 40, 'コンビニ交付', { size: 8, style: 'gothic' });
  c.text(PAGE_W / 2, PAGE_H - 40, `固有番号 ${d.serial}`, { size: 9, style: 'gothic', align: 'center' });
  c.text(RIGHT, PAGE_H - 40, `${sheet} / ${sheets}`, { size: 9, style: 'gothic', align: 'right' });
};

/** The body blocks of one page, top to bottom. */
export const drawBlocks = (c: Canvas, blocks: Block[], top: number): number => {
  let y = top;
  for (const b of blocks) {
    b.draw(c, y);
    y += b.height;
  }
  return y;
};

/** Certification sentence, issue date, the mayor's title and name, and the 職印 over its end. */
export const drawCertification = (
  c: Canvas,
  d: DocumentHeader,
  layout: CertificateLayout,
  sealOps: string,
): void => {
  let y = CERT_TOP;
  for (const line of layout.certification) {
    c.text(LEFT + 24, y, line, { size: 11, maxWidth: BODY_W - 48 });
    y += 18;
  }
  c.text(LEFT + 24, y + 8, formatWareki(d.issuedOn), { size: 11 });
  const nameY = y + 56;
  const sealX = RIGHT - SEAL_SIZE;
  c.text(sealX - 8, nameY, `${d.issuer.mayorTitle}　${d.issuer.mayorName}`, { size: 14, align: 'right' });
  c.raw(`q 1 0 0 1 ${num(sealX)} ${num(nameY + 7 - SEAL_SIZE / 2)} cm ${sealOps} Q`);
};

/** The white panel on the back that holds the QR code (points from the top-left corner). */
export const BACK_CODE_REGION = { x: (PAGE_W - 280) / 2, y: 240, w: 280, h: 280 } as const;

export interface BackInfo {
  code: string;
  signed: boolean;
  keyId: string;
  contentSha256: string;
}

/** The back: the anti-tampering code inside the pattern, with what it certifies in words. */
export const drawBack = (
  c: Canvas,
  d: DocumentHeader,
  sheet: number,
  sheets: number,
  info: BackInfo,
): void => {
  c.text(PAGE_W / 2, 24, '（裏面）', { size: 9, style: 'gothic', align: 'center' });
  c.text(RIGHT, 24, `固有番号 ${d.serial}　${sheet} / ${sheets}`, {
    size: 9,
    style: 'gothic',
    align: 'right',
  });
  const unit = 3.6;
  const qr = qrOps(info.code, 0, 0, unit);
  const { x: bx, y: by, w: box } = BACK_CODE_REGION;
  c.fillRect(bx, by, box, box, [1, 1, 1]);
  const q = bx + (box - qr.size) / 2;
  c.raw(`q 1 0 0 1 ${num(q)} ${num(by + (box - qr.size) / 2)} cm ${qr.ops} Q`);
  const lines = [
    'この面には偽造・改ざん防止のための模様と、表面の内容を証明するコードが印刷されています。',
    'この用紙をコピーすると、「複写」の文字が浮かび上がります。',
    info.signed
      ? `コードには表面（${sheet}枚目）の内容の要約値と発行者の電子署名（鍵 ${info.keyId}）が記録されています。`
      : '見本（電子署名なし）：この面のコードには署名がなく、この証明書の真正性は検証できません。',
    `要約値 SHA-256 ${info.contentSha256.slice(0, 32)}…`,
  ];
  c.fillRect(LEFT, by + box + 16, BODY_W, lines.length * 16 + 8, [1, 1, 1]);
  lines.forEach((l, i) => {
    c.text(PAGE_W / 2, by + box + 20 + i * 16, l, { size: 9, align: 'center', maxWidth: BODY_W - 8 });
  });
};
