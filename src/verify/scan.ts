import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { BACK_CODE_REGION, FRONT_CODE_REGION } from '../render/index.js';

// Finding the back code: in a PDF page (rasterised by pdftoppm around BACK_CODE_REGION) or in a
// scanned image (the whole image, then the region scaled to the image, since the pattern can mislead jsQR).

const A4_W_PT = 595.28;

export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

// jsqr's CommonJS default export, as NodeNext types see it.
const jsQR = jsqr as unknown as typeof jsqr.default;

const jsqrText = (img: RgbaImage): string | undefined =>
  jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' })?.data;

/** Drops the light security tint: a fixed threshold (the codes print black on white panels). */
const binarise = (img: RgbaImage): RgbaImage => {
  const data = new Uint8ClampedArray(img.data.length);
  for (let i = 0; i < data.length; i += 4) {
    const v = img.data[i]! + img.data[i + 1]! + img.data[i + 2]! < 450 ? 0 : 255;
    data[i] = v;
    data[i + 1] = v;
    data[i + 2] = v;
    data[i + 3] = 255;
  }
  return { width: img.width, height: img.height, data };
};

/** The text of the QR code in an image, if jsQR finds one (as is, then thresholded). */
export const decodeImage = (img: RgbaImage): string | undefined => jsqrText(img) ?? jsqrText(binarise(img));

/** A rectangle of an image (clipped to it), in pixels. */
export const crop = (img: RgbaImage, x: number, y: number, w: number, h: number): RgbaImage => {
  const x0 = Math.max(0, Math.round(x));
  const y0 = Math.max(0, Math.round(y));
  const cw = Math.max(1, Math.min(img.width - x0, Math.round(w)));
  const ch = Math.max(1, Math.min(img.height - y0, Math.round(h)));
  const data = new Uint8ClampedArray(cw * ch * 4);
  for (let r = 0; r < ch; r++)
    data.set(
      img.data.subarray(((y0 + r) * img.width + x0) * 4, ((y0 + r) * img.width + x0 + cw) * 4),
      r * cw * 4,
    );
  return { width: cw, height: ch, data };
};

/** Decodes a PNG; undefined when it is not one. */
export const readPng = (bytes: Uint8Array): RgbaImage | undefined => {
  try {
    const png = PNG.sync.read(Buffer.from(bytes));
    return { width: png.width, height: png.height, data: new Uint8ClampedArray(png.data) };
  } catch {
    return undefined;
  }
};

/** Decodes a baseline or progressive JPEG (pure JS); undefined when it is not one or is too large. */
export const readJpeg = (bytes: Uint8Array): RgbaImage | undefined => {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  try {
    const j = jpeg.decode(Buffer.from(bytes), {
      useTArray: true,
      maxResolutionInMP: 40,
      maxMemoryUsageInMB: 512,
    });
    return {
      width: j.width,
      height: j.height,
      data: new Uint8ClampedArray(j.data.buffer, j.data.byteOffset, j.data.length),
    };
  } catch {
    return undefined;
  }
};

/** A PNG or JPEG image; undefined when it is neither. */
export const readImage = (bytes: Uint8Array): RgbaImage | undefined => readPng(bytes) ?? readJpeg(bytes);

/** The back code's text in a scanned page image (A4 portrait at any resolution), if one is found. */
export const findBackCode = (img: RgbaImage): string | undefined => {
  const s = img.width / A4_W_PT;
  const r = BACK_CODE_REGION;
  // The panel itself first (the pattern around it can mislead jsQR), then wider for a shifted scan.
  for (const m of [0, 12, 40]) {
    const text = decodeImage(crop(img, (r.x - m) * s, (r.y - m) * s, (r.w + 2 * m) * s, (r.h + 2 * m) * s));
    if (text !== undefined) return text;
  }
  return decodeImage(img);
};

/** A rectangle in points from the page's top-left corner. */
export interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The front code's text in a scanned front page image, if one is found. */
export const findFrontCode = (img: RgbaImage): string | undefined => {
  const s = img.width / A4_W_PT;
  const r = FRONT_CODE_REGION;
  for (const m of [4, 12, 30]) {
    const text = decodeImage(crop(img, (r.x - m) * s, (r.y - m) * s, (r.w + 2 * m) * s, (r.h + 2 * m) * s));
    if (text !== undefined) return text;
  }
  return undefined;
};

/** Rasterises one PDF page (1-based) with pdftoppm, optionally only a region; undefined when poppler fails. */
export const rasterisePdfPage = (
  pdf: Uint8Array,
  page: number,
  dpi: number,
  region?: Region,
): RgbaImage | undefined => {
  const dir = mkdtempSync(join(tmpdir(), 'kofu-verify-'));
  try {
    const input = join(dir, 'in.pdf');
    writeFileSync(input, pdf);
    const args = ['-r', String(dpi), '-f', String(page), '-l', String(page), '-png', '-singlefile'];
    const px = (pt: number): string => String(Math.round((pt * dpi) / 72));
    const r = region;
    if (r) args.push('-x', px(r.x), '-y', px(r.y), '-W', px(r.w), '-H', px(r.h));
    execFileSync('pdftoppm', [...args, input, join(dir, 'out')], { stdio: 'pipe' });
    const out = join(dir, 'out.png');
    return existsSync(out) ? readPng(readFileSync(out)) : undefined;
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
