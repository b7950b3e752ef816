import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';

// Raster helpers for tests and previews (poppler-utils' pdftoppm, pngjs). Not used when rendering.

/**
 * The copier model of the latent-image test: its optics as a 3×3 box blur at 300 dpi (≈0.25 mm)
 * and its binarisation as a fixed threshold on darkness.
 */
export const COPIER = { dpi: 300, blur: 1, threshold: 0.18 } as const;

/** A grey image as darkness 0 (white) … 1 (black). */
export interface Gray {
  width: number;
  height: number;
  data: Float32Array;
}

/** Fails loudly (never skips) when poppler-utils is not installed. */
export const requirePoppler = (): void => {
  for (const tool of ['pdftoppm', 'pdftotext', 'pdffonts']) {
    try {
      execFileSync(tool, ['-v'], { stdio: 'pipe' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        throw new Error(`${tool} is missing: install poppler-utils (apt-get install -y poppler-utils)`);
    }
  }
};

const withTemp = <T>(fn: (dir: string) => T): T => {
  const dir = mkdtempSync(join(tmpdir(), 'kofu-render-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** PNG bytes of one page (1-based) at a resolution. */
export const pagePng = (pdf: Uint8Array, page: number, dpi: number, gray = false, crop?: Crop): Buffer =>
  withTemp((dir) => {
    const input = join(dir, 'in.pdf');
    writeFileSync(input, pdf);
    const args = ['-r', String(dpi), '-f', String(page), '-l', String(page), '-png', '-singlefile'];
    if (gray) args.push('-gray');
    if (crop) {
      const px = (pt: number): string => String(Math.round((pt * dpi) / 72));
      args.push('-x', px(crop.x), '-y', px(crop.y), '-W', px(crop.w), '-H', px(crop.h));
    }
    execFileSync('pdftoppm', [...args, input, join(dir, 'out')], { stdio: 'pipe' });
    const out = join(dir, 'out.png');
    if (!existsSync(out)) throw new Error(`pdftoppm produced no page ${page}`);
    return readFileSync(out);
  });

/** A region of a page in points from the top-left corner. */
export interface Crop {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A page (or a region of it) rasterised in grey. */
export const rasterise = (pdf: Uint8Array, page: number, dpi: number, crop?: Crop): Gray => {
  const png = PNG.sync.read(pagePng(pdf, page, dpi, true, crop));
  const data = new Float32Array(png.width * png.height);
  for (let i = 0; i < data.length; i++) data[i] = 1 - png.data[i * 4]! / 255;
  return { width: png.width, height: png.height, data };
};

/** A box blur of radius r (a (2r+1)² window), separable. */
export const boxBlur = (img: Gray, r: number): Gray => {
  const { width: w, height: h } = img;
  const tmp = new Float32Array(w * h);
  const out = new Float32Array(w * h);
  const n = 2 * r + 1;
  for (let y = 0; y < h; y++) {
    let sum = 0;
    for (let x = -r; x <= r; x++) sum += img.data[y * w + Math.min(w - 1, Math.max(0, x))]!;
    for (let x = 0; x < w; x++) {
      tmp[y * w + x] = sum / n;
      sum += img.data[y * w + Math.min(w - 1, x + r + 1)]! - img.data[y * w + Math.max(0, x - r)]!;
    }
  }
  for (let x = 0; x < w; x++) {
    let sum = 0;
    for (let y = -r; y <= r; y++) sum += tmp[Math.min(h - 1, Math.max(0, y)) * w + x]!;
    for (let y = 0; y < h; y++) {
      out[y * w + x] = sum / n;
      sum += tmp[Math.min(h - 1, y + r + 1) * w + x]! - tmp[Math.max(0, y - r) * w + x]!;
    }
  }
  return { width: w, height: h, data: out };
};

/** Pixels darker than the threshold become black (1), the rest white (0): a copier's binarisation. */
export const threshold = (img: Gray, t: number): Gray => ({
  ...img,
  data: img.data.map((v) => (v > t ? 1 : 0)),
});

/**
 * A colour page rendered at `factor`× the target resolution and averaged down (true area tone,
 * which poppler's own low-resolution anti-aliasing overstates for hairlines), levels quantised
 * to keep the file small.
 */
export const previewPng = (pdf: Uint8Array, page: number, dpi: number, factor = 3, step = 12): Buffer => {
  const src = PNG.sync.read(pagePng(pdf, page, dpi * factor));
  const w = Math.floor(src.width / factor);
  const h = Math.floor(src.height / factor);
  const dst = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let ch = 0; ch < 3; ch++) {
        let sum = 0;
        for (let dy = 0; dy < factor; dy++)
          for (let dx = 0; dx < factor; dx++)
            sum += src.data[((y * factor + dy) * src.width + x * factor + dx) * 4 + ch]!;
        const v = sum / (factor * factor);
        dst.data[(y * w + x) * 4 + ch] = v > 250 ? 255 : Math.min(255, Math.round(v / step) * step);
      }
      dst.data[(y * w + x) * 4 + 3] = 255;
    }
  }
  return PNG.sync.write(dst, { colorType: 2, deflateLevel: 9 });
};

/** The text pdftotext extracts, pages separated by form feeds. */
export const pdfText = (pdf: Uint8Array, layout = true): string =>
  withTemp((dir) => {
    const input = join(dir, 'in.pdf');
    writeFileSync(input, pdf);
    return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', input, '-'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  });

/** pdffonts' rows: name, type, and the emb / sub / uni flags. */
export const pdfFonts = (pdf: Uint8Array): { name: string; emb: boolean; sub: boolean; uni: boolean }[] =>
  withTemp((dir) => {
    const input = join(dir, 'in.pdf');
    writeFileSync(input, pdf);
    const out = execFileSync('pdffonts', [input], { encoding: 'utf8' });
    return out
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '')
      .map((l) => {
        const f = l.trim().split(/\s+/);
        const [emb, sub, uni] = f.slice(-5, -2);
        return { name: f[0]!, emb: emb === 'yes', sub: sub === 'yes', uni: uni === 'yes' };
      });
  });

/** sha256 of every page's grey pixels (not of the PNG file, whose encoding may vary) at a resolution. */
export const pageImageHashes = (pdf: Uint8Array, dpi: number): string[] =>
  withTemp((dir) => {
    const input = join(dir, 'in.pdf');
    writeFileSync(input, pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', input, join(dir, 'p')], { stdio: 'pipe' });
    return readdirSync(dir)
      .filter((f) => f.startsWith('p') && f.endsWith('.png'))
      .sort((a, b) => Number(a.replace(/\D/g, '')) - Number(b.replace(/\D/g, '')))
      .map((f) => {
        const png = PNG.sync.read(readFileSync(join(dir, f)));
        return createHash('sha256').update(`${png.width}x${png.height}:`).update(png.data).digest('hex');
      });
  });
