import type { PathCommand } from 'fontkit';
import { num } from './canvas.js';

/** An affine map [a b c d e f]: X = a·x + c·y + e, Y = b·x + d·y + f. */
export type Affine = [number, number, number, number, number, number];

/** PDF path operators (no painting operator) for glyph outline commands under an affine map. */
export const outlineOps = (commands: readonly PathCommand[], t: Affine): string => {
  const [a, b, c, d, e, f] = t;
  const p = (x: number, y: number): string => `${num(a * x + c * y + e)} ${num(b * x + d * y + f)}`;
  const out: string[] = [];
  let cx = 0;
  let cy = 0;
  for (const { command, args } of commands) {
    switch (command) {
      case 'moveTo':
        out.push(`${p(args[0]!, args[1]!)} m`);
        [cx, cy] = [args[0]!, args[1]!];
        break;
      case 'lineTo':
        out.push(`${p(args[0]!, args[1]!)} l`);
        [cx, cy] = [args[0]!, args[1]!];
        break;
      case 'quadraticCurveTo': {
        // A quadratic Bézier as the cubic with control points 2/3 of the way to the quadratic one.
        const [qx, qy, x, y] = args as [number, number, number, number];
        const c1x = cx + (2 / 3) * (qx - cx);
        const c1y = cy + (2 / 3) * (qy - cy);
        const c2x = x + (2 / 3) * (qx - x);
        const c2y = y + (2 / 3) * (qy - y);
        out.push(`${p(c1x, c1y)} ${p(c2x, c2y)} ${p(x, y)} c`);
        [cx, cy] = [x, y];
        break;
      }
      case 'bezierCurveTo':
        out.push(`${p(args[0]!, args[1]!)} ${p(args[2]!, args[3]!)} ${p(args[4]!, args[5]!)} c`);
        [cx, cy] = [args[4]!, args[5]!];
        break;
      case 'closePath':
        out.push('h');
        break;
    }
  }
  return out.join(' ');
};
