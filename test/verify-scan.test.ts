import assert from 'node:assert/strict';
import type { KeyObject } from 'node:crypto';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { juminhyo, tax, testSigner } from '../src/render/fixtures/demo-documents.js';
import { BACK_CODE_REGION, createRenderer, FRONT_CODE_REGION, PAGE_CODE_SLOTS } from '../src/render/index.js';
import { pdfPageTexts, type RgbaImage, verifyFiles } from '../src/verify/index.js';
import { rasterisePdfPage } from '../src/verify/scan.js';

// A back side printed and scanned: 300 dpi, rotated by 1°, blurred, with noise, still verifies.

/** Rotates about the page centre, blurs and adds noise, within rows/columns [x0,x1)×[y0,y1) only (speed). */
const perturb = (
  img: RgbaImage,
  degrees: number,
  seed: number,
  box: [number, number, number, number],
): RgbaImage => {
  const { width: w, height: h } = img;
  const [bx0, by0, bx1, by1] = box;
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const grey = new Float32Array(w * h);
  for (let i = 0; i < w * h; i++)
    grey[i] = (img.data[i * 4]! + img.data[i * 4 + 1]! + img.data[i * 4 + 2]!) / 3;
  // Rotation about the centre, bilinear, then a 3×3 box blur and uniform noise of ±20 levels.
  const rot = new Float32Array(w * h).fill(255);
  for (let y = by0; y < by1; y++)
    for (let x = bx0; x < bx1; x++) {
      const dx = x - w / 2;
      const dy = y - h / 2;
      const sx = cos * dx + sin * dy + w / 2;
      const sy = -sin * dx + cos * dy + h / 2;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) continue;
      const fx = sx - x0;
      const fy = sy - y0;
      const p = (xx: number, yy: number): number => grey[yy * w + xx]!;
      rot[y * w + x] =
        (p(x0, y0) * (1 - fx) + p(x0 + 1, y0) * fx) * (1 - fy) +
        (p(x0, y0 + 1) * (1 - fx) + p(x0 + 1, y0 + 1) * fx) * fy;
    }
  let s = seed;
  const rand = (): number => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
  const data = new Uint8ClampedArray(w * h * 4).fill(255);
  for (let y = by0; y < by1; y++)
    for (let x = bx0; x < bx1; x++) {
      let sum = 0;
      let n = 0;
      for (let j = -1; j <= 1; j++)
        for (let i = -1; i <= 1; i++) {
          const v = rot[(y + j) * w + x + i];
          if (v !== undefined && x + i >= 0 && x + i < w) {
            sum += v;
            n++;
          }
        }
      const v = sum / n + (rand() - 0.5) * 40;
      data.set([v, v, v, 255], (y * w + x) * 4);
    }
  return { width: w, height: h, data };
};

const toPng = (img: RgbaImage): Uint8Array => {
  const png = new PNG({ width: img.width, height: img.height });
  png.data = Buffer.from(img.data);
  return new Uint8Array(PNG.sync.write(png));
};

test('a back side scanned at 300 dpi with a 1° rotation, blur and noise verifies; a wrong key does not', async () => {
  const issuer = testSigner('284815-1');
  const keys: ReadonlyMap<string, KeyObject> = new Map([['284815-1', issuer.publicKey]]);
  const pdf = (await createRenderer().renderCertificate(juminhyo(), { signer: issuer.signer })).pdf;
  // A whole 300 dpi page costs pdftoppm seconds for the patterns: rasterise the band around the
  // code (what the verifier reads) and place it on a white A4 page.
  const r = BACK_CODE_REGION;
  const band = { x: r.x - 60, y: r.y - 60, w: r.w + 120, h: r.h + 120 };
  const part = rasterisePdfPage(pdf, 2, 300, band);
  assert.ok(part);
  const px = 300 / 72;
  const back: RgbaImage = {
    width: 2480,
    height: 3508,
    data: new Uint8ClampedArray(2480 * 3508 * 4).fill(255),
  };
  const ox = Math.round(band.x * px);
  const oy = Math.round(band.y * px);
  for (let y = 0; y < part.height; y++)
    back.data.set(
      part.data.subarray(y * part.width * 4, (y + 1) * part.width * 4),
      ((oy + y) * 2480 + ox) * 4,
    );
  const box: [number, number, number, number] = [ox + 1, oy + 1, ox + part.width - 1, oy + part.height - 1];
  const scan = toPng(perturb(back, 1, 7, box));
  const v = verifyFiles([scan], keys);
  assert.equal(v.outcome, 'valid', v.problems.join('; '));
  assert.equal(v.checks.content, false);
  assert.equal(v.sheets[0]?.signature, 'ok');
  const other: ReadonlyMap<string, KeyObject> = new Map([['284815-1', testSigner().publicKey]]);
  assert.equal(verifyFiles([scan], other).outcome, 'forged');
  const tilted = toPng(perturb(back, -1, 3, box));
  assert.equal(verifyFiles([tilted], keys).outcome, 'valid');

  // The front: its small signed code (top right) read from the same kind of scan.
  const f = FRONT_CODE_REGION;
  const fband = { x: f.x - 40, y: f.y - 30, w: f.w + 70, h: f.h + 60 };
  const fpart = rasterisePdfPage(pdf, 1, 300, fband);
  assert.ok(fpart);
  const front: RgbaImage = {
    width: 2480,
    height: 3508,
    data: new Uint8ClampedArray(2480 * 3508 * 4).fill(255),
  };
  const fx = Math.round(fband.x * px);
  const fy = Math.round(fband.y * px);
  for (let y = 0; y < fpart.height; y++)
    front.data.set(
      fpart.data.subarray(y * fpart.width * 4, (y + 1) * fpart.width * 4),
      ((fy + y) * 2480 + fx) * 4,
    );
  const fbox: [number, number, number, number] = [
    fx + 1,
    fy + 1,
    Math.min(2479, fx + fpart.width - 1),
    fy + fpart.height - 1,
  ];
  const fv = verifyFiles([toPng(perturb(front, 1, 11, fbox))], keys);
  assert.equal(fv.outcome, 'valid', fv.problems.join('; '));
  assert.equal(fv.sheets[0]?.front?.municipality, '284815');
  assert.match(fv.sheets[0]?.front?.shortCode ?? '', /^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
});

/** A white 300 dpi A4 page with the given bands (points) of a PDF page rasterised in place. */
const bandsOnA4 = (
  pdf: Uint8Array,
  page: number,
  bands: { x: number; y: number; w: number; h: number }[],
) => {
  const px = 300 / 72;
  const img: RgbaImage = {
    width: 2480,
    height: 3508,
    data: new Uint8ClampedArray(2480 * 3508 * 4).fill(255),
  };
  for (const band of bands) {
    const part = rasterisePdfPage(pdf, page, 300, band);
    assert.ok(part);
    const ox = Math.round(band.x * px);
    const oy = Math.round(band.y * px);
    for (let y = 0; y < part.height; y++)
      img.data.set(
        part.data.subarray(y * part.width * 4, (y + 1) * part.width * 4),
        ((oy + y) * 2480 + ox) * 4,
      );
  }
  return img;
};

test('the multi-code sealed back, scanned (1° rotation, blur, noise) as PNG and as JPEG: valid, and the page opens', async () => {
  const issuer = testSigner('284815-1');
  const keys: ReadonlyMap<string, KeyObject> = new Map([['284815-1', issuer.publicKey]]);
  const service = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  // A 所得証明書: its sealed page needs both rows of page codes.
  const pdf = (
    await createRenderer().renderCertificate(tax('shotoku'), {
      signer: issuer.signer,
      pageKey: service.publicKey,
    })
  ).pdf;
  const r = BACK_CODE_REGION;
  const rows = [PAGE_CODE_SLOTS[0]!, PAGE_CODE_SLOTS[3]!].map((s) => ({
    x: 20,
    y: s.y - 20,
    w: 555,
    h: s.h + 40,
  }));
  const back = bandsOnA4(pdf, 2, [...rows, { x: r.x - 20, y: r.y - 20, w: r.w + 40, h: r.h + 40 }]);
  const scanned = perturb(back, 1, 5, [1, 1, 2479, 3507]);
  const front = pdfPageTexts(pdf)![0]!;
  for (const [kind, bytes] of [
    ['png', toPng(scanned)],
    ['jpeg', new Uint8Array(jpeg.encode({ ...scanned, data: Buffer.from(scanned.data) }, 85).data)],
  ] as const) {
    const v = verifyFiles([bytes], keys, { pageKey: service.privateKey });
    assert.equal(v.outcome, 'valid', `${kind}: ${v.problems.join('; ')}`);
    assert.equal(v.sheets[0]?.pageMatches, true, kind);
    // The sealed page's text is the front's text, so the scan of the back proves the content.
    assert.equal(v.checks.content, true, kind);
    assert.deepEqual(
      v.opened?.[0]?.image.runs.map((x) => x.text),
      front,
      kind,
    );
    assert.ok((v.opened?.[0]?.image.rules.length ?? 0) > 4, kind);
    // Without the service's key the signature still verifies; nothing is opened.
    const offline = verifyFiles([bytes], keys);
    assert.equal(offline.outcome, 'valid', kind);
    assert.equal(offline.opened, undefined);
    // Another key does not open it.
    const other = verifyFiles([bytes], keys, {
      pageKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey,
    });
    assert.equal(other.opened?.length, 0);
    assert.match(other.problems.join(';'), /do not open/);
  }
});
