import { type Canvas, num, PAGE_W } from './canvas.js';
import { qrOps } from './qr.js';
import { encodePagePart, splitPage } from './tamper-code.js';

// Where the sealed front page goes on the back: up to six QR codes in white panels, three above the
// signed back code (BACK_CODE_REGION, y 240–520) and three below its explanation (to y ≈ 608).

const SLOT = 150;
const GAP = (PAGE_W - 2 * 48 - 3 * SLOT) / 2;
const row = (y: number) => [0, 1, 2].map((i) => ({ x: 48 + i * (SLOT + GAP), y, w: SLOT, h: SLOT }));

/** The page codes' squares in points from the top-left corner, in part order. */
export const PAGE_CODE_SLOTS: readonly { x: number; y: number; w: number; h: number }[] = [
  ...row(52),
  ...row(636),
];

/** Sealed bytes per code (about 450 characters, a version-15 QR code at level M); more per code past six. */
export const PART_BYTES = 300;

/**
 * Draws a sheet's sealed page on its back, split over as many page codes as it needs (at most six):
 * white panels and the caption on the canvas; the codes' modules are returned as one content
 * stream (in page coordinates) for the caller to place deflated, since they are most of the bytes.
 */
export const drawPageCodes = (
  c: Canvas,
  sealed: Uint8Array,
  head: { serial: string; page: number; pages: number },
): string => {
  const n = Math.min(PAGE_CODE_SLOTS.length, Math.ceil(sealed.length / PART_BYTES));
  const ops: string[] = [];
  splitPage(sealed, head, n).forEach((part, i) => {
    const s = PAGE_CODE_SLOTS[i]!;
    // One QR encoding at one module per unit, scaled into the slot.
    const qr = qrOps(encodePagePart(part), 0, 0, 1);
    const unit = s.w / qr.size;
    c.fillRect(s.x - 8, s.y - 8, s.w + 16, s.h + 16, [1, 1, 1]);
    ops.push(`q ${num(unit)} 0 0 ${num(unit)} ${num(s.x)} ${num(s.y)} cm ${qr.ops} Q`);
  });
  c.fillRect(48, 800, PAGE_W - 96, 14, [1, 1, 1]);
  c.text(
    PAGE_W / 2,
    802,
    `上下の${n}個のコードには表面の内容が暗号化して記録されています（復号できるのは検証サービスだけです）。`,
    { size: 7, style: 'gothic', align: 'center', decorative: true },
  );
  return ops.join('\n');
};
