import { deflateSync } from 'node:zlib';
import { num, PAGE_H, PAGE_W } from './canvas.js';
import { type FontSet, MINCHO } from './font-set.js';
import { outlineOps } from './outline.js';

// The latent image: figure (inside 「複写」) and ground drawn as 45° line screens of equal average
// tone (9 %) but different frequency: the ground fine (0.5 pt period, 45 % coverage of a light
// ink), the figure coarser (1.6 pt period, 18 % of an ink 2.5× as dark). At normal view both read as
// the same light tint; a copier's optics blur the fine ground into a flat tint that its threshold
// drops, while the coarse figure lines stay dark enough to print, so the word appears on the copy.
export const LATENT_WORD = '複写';
export const GROUND = { period: 0.5, width: 0.225 };
export const FIGURE = { period: 1.6, width: 0.288 };
export const PATTERN_RGB: [number, number, number] = [0.42, 0.52, 0.68];
/** The ground ink: the pattern ink lightened to 40 % of its darkness (45 % × 0.4 = 18 % × 1). */
export const GROUND_RGB = PATTERN_RGB.map((c) => 1 - (1 - c) * 0.4) as [number, number, number];
const GUILLOCHE_RGB: [number, number, number] = [0.55, 0.7, 0.6];
const WORD_SIZE = 120;
const MICRO_SIZE = 1.6;
const MICRO_ROW = 26;

/**
 * Where the latent word is placed, in PDF page coordinates (origin bottom-left, baseline left).
 * The back keeps its middle band free for the code's panel (coarse figure lines beside a QR
 * code mislead decoders looking for its finder patterns).
 */
export const latentPlacements = (side: 'front' | 'back' = 'front'): { x: number; y: number }[] => {
  const out: { x: number; y: number }[] = [];
  (side === 'front' ? [660, 390, 120] : [690, 40]).forEach((y, row) => {
    for (const x of [40, 320]) out.push({ x: x + (row % 2) * 20, y });
  });
  return out;
};

// 45° stripes of perpendicular period p and width w covering the page, as filled parallelograms.
const stripes = (p: number, w: number): string => {
  const step = p * Math.SQRT2;
  const ww = w * Math.SQRT2;
  const out: string[] = [];
  for (let c = -PAGE_H; c < PAGE_W; c += step) {
    out.push(
      `${num(c)} 0 m ${num(c + PAGE_H)} ${num(PAGE_H)} l ${num(c + PAGE_H + ww)} ${num(PAGE_H)} l ${num(c + ww)} 0 l h`,
    );
  }
  return out.join('\n');
};

/** The outlines of every latent word on the page, as path operators. */
export const latentWordPaths = (fonts: FontSet, side: 'front' | 'back' = 'front'): string => {
  const face = fonts.outlines;
  const s = WORD_SIZE / face.font.unitsPerEm;
  const parts: string[] = [];
  for (const { x, y } of latentPlacements(side)) {
    let pen = x;
    for (const ch of LATENT_WORD) {
      const g = face.font.glyphForCodePoint(ch.codePointAt(0)!);
      parts.push(outlineOps(g.path.commands, [s, 0, 0, s, pen, y]));
      pen += g.advanceWidth * s;
    }
  }
  return parts.join('\n');
};

export interface SecurityPatterns {
  /** Deflated Form XObject content for the front and the back (PDF coordinates). */
  front: Buffer;
  back: Buffer;
  /** The けん制文字 cell: the municipality's name in micro outlines (not text, so not extracted). */
  micro: { content: Buffer; width: number; height: number };
}

/** The resource name under which the forms expect the micro-text tiling pattern. */
export const MICRO_PATTERN = 'PM';

/** Builds the background patterns of one municipality once; every document reuses them. */
export const buildSecurityPatterns = (fonts: FontSet, issuerName: string): SecurityPatterns => {
  const face = fonts.faces[MINCHO]!.font;
  const s = MICRO_SIZE / face.unitsPerEm;
  const glyphs: string[] = [];
  let pen = 0;
  for (const ch of `${issuerName}　`) {
    const g = face.glyphForCodePoint(ch.codePointAt(0)!);
    glyphs.push(outlineOps(g.path.commands, [s, 0, 0, s, pen, 3]));
    pen += g.advanceWidth * s;
  }
  const cell = `${PATTERN_RGB.map((c) => num(1 - (1 - c) * 0.7)).join(' ')} rg ${glyphs.join(' ')} f`;
  const micro = [`q /Pattern cs /${MICRO_PATTERN} scn 0 0 ${num(PAGE_W)} ${num(PAGE_H)} re f Q`];
  const rgb = PATTERN_RGB.map(num).join(' ');
  const latent = (side: 'front' | 'back'): string => {
    const words = latentWordPaths(fonts, side);
    return [
      `q ${GROUND_RGB.map(num).join(' ')} rg`,
      stripes(GROUND.period, GROUND.width),
      'f Q',
      `q 1 1 1 rg ${words} f Q`,
      `q ${words} W n ${rgb} rg`,
      stripes(FIGURE.period, FIGURE.width),
      'f Q',
      ...micro,
    ].join('\n');
  };
  const guilloche: string[] = [`q ${GUILLOCHE_RGB.map(num).join(' ')} RG 0.35 w`];
  for (let k = 0; k < 18; k++) {
    const y0 = 40 + k * 44;
    const pts: string[] = [];
    for (let x = 0; x <= PAGE_W + 4; x += 4) {
      const y = y0 + 14 * Math.sin((x / 61) * Math.PI + k * 0.7) + 6 * Math.sin((x / 17) * Math.PI + k);
      pts.push(`${num(x)} ${num(y)} ${pts.length === 0 ? 'm' : 'l'}`);
    }
    guilloche.push(`${pts.join(' ')} S`);
  }
  guilloche.push('Q');
  return {
    front: deflateSync(latent('front')),
    back: deflateSync(`${latent('back')}\n${guilloche.join('\n')}`),
    micro: { content: deflateSync(cell), width: pen, height: MICRO_ROW },
  };
};
