import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import type { SealImage } from '../../domain/documents.js';

// Demo 印影: a red ring with the surname written top to bottom, drawn from the glyph
// outlines of BIZ UD明朝 (Noto Serif JP for characters it lacks, e.g. 𠮷), as filled
// paths in a 100×100 box.

const require = createRequire(import.meta.url);
const fontPath = (pkg: string, file: string) => require.resolve(`@expo-google-fonts/${pkg}/${file}`);

/** Ring: outer circle clockwise, inner counter-clockwise, so it fills under either fill rule. */
const ring = (r1: number, r2: number): string =>
  `M50 ${50 - r1}A${r1} ${r1} 0 1 1 50 ${50 + r1}A${r1} ${r1} 0 1 1 50 ${50 - r1}Z` +
  `M50 ${50 - r2}A${r2} ${r2} 0 1 0 50 ${50 + r2}A${r2} ${r2} 0 1 0 50 ${50 - r2}Z`;

const r1 = (n: number) => Math.round(n * 10) / 10;

/** Draws seal images; fonts are loaded once per instance (no module-level state). */
export const createSealDrawer = (): ((surname: string) => SealImage) => {
  const fonts = [
    fontkit.create(readFileSync(fontPath('biz-udmincho', '700Bold/BIZUDMincho_700Bold.ttf'))),
    fontkit.create(readFileSync(fontPath('noto-serif-jp', '700Bold/NotoSerifJP_700Bold.ttf'))),
  ];
  const cache = new Map<string, SealImage>();
  return (surname: string) => {
    const hit = cache.get(surname);
    if (hit) return hit;
    const chars = [...surname].slice(0, 3);
    const cell = 64 / Math.max(1, chars.length);
    const paths = [ring(47, 43)];
    chars.forEach((ch, i) => {
      const cp = ch.codePointAt(0)!;
      const font = fonts.find((f) => f.hasGlyphForCodePoint(cp));
      if (!font) return;
      const glyph = font.glyphForCodePoint(cp);
      const em = font.unitsPerEm;
      const s = cell / em;
      const x0 = 50 - (em / 2) * s;
      const top = 18 + i * cell;
      const X = (x: number) => r1(x0 + x * s);
      const Y = (y: number) => r1(top + (em * 0.88 - y) * s);
      let d = '';
      for (const c of glyph.path.commands) {
        const a = c.args;
        if (c.command === 'moveTo') d += `M${X(a[0]!)} ${Y(a[1]!)}`;
        else if (c.command === 'lineTo') d += `L${X(a[0]!)} ${Y(a[1]!)}`;
        else if (c.command === 'quadraticCurveTo') d += `Q${X(a[0]!)} ${Y(a[1]!)} ${X(a[2]!)} ${Y(a[3]!)}`;
        else if (c.command === 'bezierCurveTo')
          d += `C${X(a[0]!)} ${Y(a[1]!)} ${X(a[2]!)} ${Y(a[3]!)} ${X(a[4]!)} ${Y(a[5]!)}`;
        else d += 'Z';
      }
      if (d) paths.push(d);
    });
    const image: SealImage = { format: 'svg-path', paths, widthMm: 15 };
    cache.set(surname, image);
    return image;
  };
};

/** A small geometric seal (ring and bars) for bulk synthetic data, where size matters. */
export const simpleSealJson = (surname: string): string => {
  const n = Math.min(3, [...surname].length);
  const bars = Array.from({ length: n }, (_, i) => {
    const y = 26 + i * (48 / n);
    return `M32 ${r1(y)}H68V${r1(y + 48 / n - 6)}H32Z`;
  });
  return JSON.stringify({ format: 'svg-path', paths: [ring(47, 43), ...bars], widthMm: 15 });
};
