import type { KeyObject } from 'node:crypto';
import {
  decodePagePart,
  joinPage,
  openSealed,
  PAGE_CODE_SLOTS,
  type PageImage,
  type PagePart,
  rebuiltContentSha256,
  sealContext,
  unpackPage,
} from '../render/index.js';
import { crop, decodeImage, type Region, type RgbaImage, rasterisePdfPage } from './scan.js';

// The back's page codes: read each slot, join the parts, open them with the verification service's
// private key, and rebuild the front page as an SVG to compare with the paper by eye.

const A4_W_PT = 595.28;

/** A rectangle in points from the page's top-left corner, with a margin: the pixels there (or undefined). */
export type SlotImage = (r: Region, margin: number) => RgbaImage | undefined;

/** The page codes found on a back side; the slots are filled in order, so reading stops after the last part. */
export const findPageParts = (slotImage: SlotImage): PagePart[] => {
  const out: PagePart[] = [];
  for (const [i, r] of PAGE_CODE_SLOTS.entries()) {
    if (out[0] && i >= out[0].parts) break;
    for (const m of [6, 14]) {
      const img = slotImage(r, m);
      const text = img && decodeImage(img);
      const part = text === undefined ? undefined : decodePagePart(text);
      if (part) {
        out.push(part);
        break;
      }
    }
    if (out.length === 0) break;
  }
  return out;
};

/** Slots of a scanned back side (the whole A4 page at any resolution). */
export const scanSlots =
  (img: RgbaImage): SlotImage =>
  (r, m) => {
    const s = img.width / A4_W_PT;
    return crop(img, (r.x - m) * s, (r.y - m) * s, (r.w + 2 * m) * s, (r.h + 2 * m) * s);
  };

/** Slots of a PDF's back page: each row of codes rasterised once (200 dpi), when first needed. */
export const pdfSlots = (pdf: Uint8Array, page: number, dpi = 200): SlotImage => {
  const bands = new Map<number, { band: Region; img: RgbaImage | undefined }>();
  return (r, m) => {
    let b = bands.get(r.y);
    if (!b) {
      const band = { x: 0, y: r.y - 20, w: A4_W_PT, h: r.h + 40 };
      b = { band, img: rasterisePdfPage(pdf, page, dpi, band) };
      bands.set(r.y, b);
    }
    if (!b.img) return undefined;
    const s = dpi / 72;
    return crop(b.img, (r.x - m) * s, (r.y - m - b.band.y) * s, (r.w + 2 * m) * s, (r.h + 2 * m) * s);
  };
};

/** A front page opened from its back. */
export interface DecodedPage {
  serial: string;
  page: number;
  pages: number;
  image: PageImage;
  /** sha256 of its content text, to compare with the signed back digest. */
  contentSha256: string;
}

/** Joins and opens the parts; a string says why it could not. */
export const openPageParts = (parts: PagePart[], key: KeyObject): DecodedPage | string => {
  const first = parts[0];
  if (!first) return 'no page code was found';
  const sealed = joinPage(parts);
  if (!sealed) return `page codes: ${parts.length} of ${first.parts} read`;
  const plain = openSealed(sealed, key, sealContext(first.serial, first.page, first.pages));
  const image = plain && unpackPage(plain);
  if (!image) return 'the page codes do not open with the verification key';
  return {
    serial: first.serial,
    page: first.page,
    pages: first.pages,
    image,
    contentSha256: rebuiltContentSha256(image),
  };
};

const esc = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
const n = (x: number): string => String(Math.round(x * 100) / 100);

/** The rebuilt front page as an A4 SVG (text in BIZ UD fonts, rules as lines). */
export const pageSvg = (p: PageImage): string => {
  const rules = p.rules
    .map(
      (l) =>
        `<line x1="${n(l.x1)}" y1="${n(l.y1)}" x2="${n(l.x2)}" y2="${n(l.y2)}" stroke-width="${n(l.width)}"/>`,
    )
    .join('');
  const runs = p.runs
    .map((r) => {
      const font = r.style === 'gothic' ? 'g' : 'm';
      const t = `translate(${n(r.x)} ${n(r.y + r.size * 0.88)})${r.hscale < 0.999 ? ` scale(${n(r.hscale)} 1)` : ''}`;
      return `<text class="${font}" font-size="${n(r.size)}" transform="${t}">${esc(r.text)}</text>`;
    })
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 595.28 841.89" class="decoded-page">` +
    `<style>.m{font-family:"BIZ UDMincho",serif}.g{font-family:"BIZ UDGothic",sans-serif}</style>` +
    `<rect width="595.28" height="841.89" fill="#fff"/><g stroke="#000">${rules}</g><g fill="#000">${runs}</g></svg>`
  );
};
