import QRCode from 'qrcode';
import { num } from './canvas.js';

/** A QR code (error correction M) as filled rectangles, module size `unit`, origin top-left (y down). */
export const qrOps = (text: string, x: number, y: number, unit: number): { ops: string; size: number } => {
  // One byte-mode segment and a fixed mask: skips the segment optimiser and the mask search (fast, still standard).
  const qr = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], {
    errorCorrectionLevel: 'M',
    maskPattern: 2,
  });
  const n = qr.modules.size;
  const out: string[] = [];
  for (let r = 0; r < n; r++) {
    let start = -1;
    for (let col = 0; col <= n; col++) {
      const dark = col < n && qr.modules.get(r, col);
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        out.push(
          `${num(x + start * unit)} ${num(y + r * unit)} ${num((col - start) * unit)} ${num(unit)} re`,
        );
        start = -1;
      }
    }
  }
  return { ops: `0 g ${out.join(' ')} f`, size: n * unit };
};
