import { num } from './canvas.js';
import type { FontSet } from './font-set.js';
import { outlineOps } from './outline.js';

export const SEAL_SIZE = 64;
export const SEAL_RGB = '0.82 0.1 0.12';

/**
 * The 職印 (e.g. 上郡町長之印) as path operators in a SEAL_SIZE square at the origin (y down):
 * a square frame and the characters in columns read top to bottom, right to left.
 */
export const officialSealOps = (fonts: FontSet, text: string): string => {
  const chars = [...text];
  const rows = chars.length <= 4 ? 2 : chars.length <= 6 ? 2 : 3;
  const cols = Math.ceil(chars.length / rows);
  const inner = SEAL_SIZE - 10;
  const cw = inner / cols;
  const ch = inner / rows;
  const face = fonts.outlines.font;
  const parts: string[] = [];
  chars.forEach((c, i) => {
    const col = cols - 1 - Math.floor(i / rows);
    const row = i % rows;
    const g = face.glyphForCodePoint(c.codePointAt(0)!);
    const sx = (cw * 1.08) / face.unitsPerEm;
    const sy = (ch * 1.12) / face.unitsPerEm;
    const x0 = 5 + col * cw - cw * 0.04;
    const baseline = 5 + row * ch + ch * 0.95;
    parts.push(outlineOps(g.path.commands, [sx, 0, 0, -sy, x0, baseline]));
  });
  return `${SEAL_RGB} RG ${SEAL_RGB} rg 3 w 2.5 2.5 ${num(SEAL_SIZE - 5)} ${num(SEAL_SIZE - 5)} re S ${parts.join(' ')} f`;
};
