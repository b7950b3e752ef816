// Writes PNG previews of every certificate type (front and back) and of the copier simulation to
// docs/previews. Run: node --import tsx src/render/previews.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { PAGE_H } from './canvas.js';
import * as demo from './fixtures/demo-documents.js';
import {
  boxBlur,
  COPIER,
  type Gray,
  previewPng,
  rasterise,
  requirePoppler,
  threshold,
} from './raster-tools.js';
import { createRenderer } from './renderer.js';
import { latentPlacements } from './security-pattern.js';

const DPI = 60;
const out = join(import.meta.dirname, '..', '..', 'docs', 'previews');

const grayPng = (imgs: Gray[]): Buffer => {
  const w = imgs.reduce((s, i) => s + i.width, 0) + 10 * (imgs.length - 1);
  const h = Math.max(...imgs.map((i) => i.height));
  const png = new PNG({ width: w, height: h });
  png.data.fill(255);
  let x0 = 0;
  for (const img of imgs) {
    for (let y = 0; y < img.height; y++)
      for (let x = 0; x < img.width; x++) {
        const v = Math.round(255 * (1 - img.data[y * img.width + x]!));
        const i = (y * w + x0 + x) * 4;
        png.data[i] = png.data[i + 1] = png.data[i + 2] = v;
      }
    x0 += img.width + 10;
  }
  return PNG.sync.write(png, { colorType: 0, deflateLevel: 9 });
};

// Halves the resolution by averaging (keeps the file small).
const half = (img: Gray): Gray => {
  const width = img.width >> 1;
  const height = img.height >> 1;
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const at = (dx: number, dy: number): number => img.data[(2 * y + dy) * img.width + 2 * x + dx]!;
      data[y * width + x] = (at(0, 0) + at(1, 0) + at(0, 1) + at(1, 1)) / 4;
    }
  return { width, height, data };
};

const main = async (): Promise<void> => {
  requirePoppler();
  mkdirSync(out, { recursive: true });
  const renderer = createRenderer();
  const { signer } = demo.testSigner();
  const copierOnly = process.argv.includes('--copier-only');
  const docs = {
    juminhyo: demo.juminhyo({ scope: 'household', setainushi: true, honseki: true }),
    kisai: demo.juminhyo({ type: 'kisai', scope: 'household' }),
    inkan: demo.inkan(),
    shotoku: demo.tax('shotoku'),
    kazei: demo.tax('kazei'),
    koseki: demo.koseki('all'),
    fuhyo: demo.fuhyo('all'),
    yoshida: demo.yoshidaJuminhyo(),
  };
  for (const [name, doc] of copierOnly ? [] : Object.entries(docs)) {
    const r = await renderer.renderCertificate(doc, { signer });
    for (let sheet = 1; sheet <= r.sheets; sheet++) {
      for (const [side, page] of [
        ['front', sheet * 2 - 1],
        ['back', sheet * 2],
      ] as const) {
        if (side === 'back' && sheet > 1) continue;
        const file = `${name}-${sheet}-${side}.png`;
        const png = previewPng(r.pdf, page, DPI);
        writeFileSync(join(out, file), png);
        console.log(file, png.length);
      }
    }
  }
  if (!copierOnly) {
    const receipt = await renderer.renderReceipt(demo.receipt());
    writeFileSync(join(out, 'receipt.png'), previewPng(receipt.pdf, 1, DPI));
  }
  // The copier test made visible: a region of the original and its copy (blur + threshold).
  const pdf = (await renderer.renderCertificate(docs.juminhyo)).pdf;
  const p = latentPlacements()[2]!;
  const crop = { x: p.x - 20, y: PAGE_H - p.y - 130, w: 290, h: 170 };
  const original = rasterise(pdf, 1, COPIER.dpi, crop);
  const copy = threshold(boxBlur(original, COPIER.blur), COPIER.threshold);
  writeFileSync(join(out, 'copier-simulation.png'), grayPng([half(original), half(copy)]));
  console.log('copier-simulation.png');
};

await main();
