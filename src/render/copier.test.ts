import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { PAGE_H } from './canvas.js';
import { juminhyo } from './fixtures/demo-documents.js';
import {
  boxBlur,
  COPIER,
  type Crop,
  type Gray,
  rasterise,
  requirePoppler,
  threshold,
} from './raster-tools.js';
import { createRenderer } from './renderer.js';
import { latentPlacements } from './security-pattern.js';

// The seed: 「けん制文字は、コピーすると「複写」の文字が浮かび上がります」. A copier is modelled
// as its optics (a 3×3 box blur at 300 dpi, ≈0.25 mm) and its binarisation (a fixed threshold).
const DPI = COPIER.dpi;
const COPIER_BLUR = COPIER.blur;
const COPIER_THRESHOLD = COPIER.threshold;
// Normal view: the same raster averaged over ≈1 mm, the detail the eye resolves at reading distance.
const VIEW_BLUR = 6;

/** Mean of `img` inside and outside the word, over pixels where the certificate itself prints nothing. */
const contrast = (img: Gray, word: Gray, content: Gray): { inside: number; outside: number } => {
  let si = 0;
  let ni = 0;
  let so = 0;
  let no = 0;
  for (let i = 0; i < img.data.length; i++) {
    if (content.data[i]! > 0.02) continue;
    const w = word.data[i]!;
    if (w > 0.99) {
      si += img.data[i]!;
      ni++;
    } else if (w < 0.01) {
      so += img.data[i]!;
      no++;
    }
  }
  assert.ok(ni > 5000 && no > 5000, `too few pixels measured (inside ${ni}, outside ${no})`);
  return { inside: si / ni, outside: so / no };
};

describe('latent 「複写」 in the background pattern', () => {
  let original: Gray;
  let word: Gray;
  let content: Gray;

  before(async () => {
    requirePoppler();
    const doc = juminhyo({ scope: 'household', setainushi: true, honseki: true });
    const pdf = (await createRenderer().renderCertificate(doc)).pdf;
    const bare = (await createRenderer({ securityPattern: false }).renderCertificate(doc)).pdf;
    const mask = await createRenderer().renderLatentMask();
    // A region around one placement of the word, with ground all around it, on a page with text.
    const p = latentPlacements()[2]!;
    const crop: Crop = { x: p.x - 20, y: PAGE_H - p.y - 130, w: 290, h: 170 };
    original = rasterise(pdf, 1, DPI, crop);
    // Word mask shrunk and grown (blurred then cut) so that edges count on neither side.
    word = boxBlur(rasterise(mask, 1, DPI, crop), 4);
    content = boxBlur(rasterise(bare, 1, DPI, crop), 4);
  });

  it('is revealed by a copier: the word prints much darker than the ground', () => {
    const copy = threshold(boxBlur(original, COPIER_BLUR), COPIER_THRESHOLD);
    const { inside, outside } = contrast(copy, word, content);
    console.log(`copy: inside ${inside.toFixed(3)}, outside ${outside.toFixed(3)}`);
    assert.ok(inside > 0.2, `word too light on the copy (${inside})`);
    assert.ok(inside > 4 * outside + 0.05, `word not revealed: inside ${inside}, outside ${outside}`);
  });

  it('is hidden at normal view: inside and outside have the same tone', () => {
    const view = boxBlur(original, VIEW_BLUR);
    const { inside, outside } = contrast(view, word, content);
    console.log(`view: inside ${inside.toFixed(3)}, outside ${outside.toFixed(3)}`);
    assert.ok(outside > 0.04, `pattern too faint to measure (${outside})`);
    const ratio = inside / outside;
    assert.ok(ratio > 0.85 && ratio < 1.18, `word visible at normal view: ratio ${ratio}`);
  });
});
