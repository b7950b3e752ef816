import type { DocFonts, PdfDoc } from './doc-fonts.js';
import type { FontStyle } from './font-set.js';

/** A4 portrait in points. */
export const PAGE_W = 595.28;
export const PAGE_H = 841.89;

export type Align = 'left' | 'center' | 'right';

export interface TextOptions {
  size?: number;
  style?: FontStyle;
  align?: Align;
  /** Stretch or squeeze horizontally to fit at most this width (as printed forms do). */
  maxWidth?: number;
  /** Excluded from the page's content text (decorative labels such as the seal). */
  decorative?: boolean;
}

/** Formats a coordinate compactly and deterministically. */
export const num = (n: number): string => {
  const r = Math.round(n * 100) / 100;
  return r === 0 ? '0' : String(r);
};

/**
 * Drawing on one page in pdfkit's coordinates (origin top-left, y down), written as raw
 * content-stream operators; every text drawn is logged, in order, as the page's content text.
 */
export class Canvas {
  readonly ops: string[] = [];
  readonly texts: string[] = [];

  constructor(
    private readonly fonts: DocFonts,
    private readonly doc?: PdfDoc,
  ) {}

  /** Writes what was drawn so far to the current page. */
  flush(): void {
    if (this.ops.length && this.doc) this.doc.addContent(this.ops.join('\n'));
    this.ops.length = 0;
  }

  /** Draws with pdfkit itself (images, SVG paths), after what was drawn so far. */
  withDoc(draw: (doc: PdfDoc) => void): void {
    if (!this.doc) throw new Error('canvas has no document');
    this.flush();
    draw(this.doc);
  }

  /** Width of a text in points. */
  width(text: string, size = 10.5, style: FontStyle = 'mincho'): number {
    return this.fonts.encode(text, style).width * size;
  }

  /** Draws text whose top edge is at y (baseline at 0.88 em). */
  text(x: number, y: number, text: string, o: TextOptions = {}): number {
    if (text === '') return 0;
    const size = o.size ?? 10.5;
    const enc = this.fonts.encode(text, o.style ?? 'mincho');
    let w = enc.width * size;
    let hscale = 1;
    if (o.maxWidth !== undefined && w > o.maxWidth) {
      hscale = o.maxWidth / w;
      w = o.maxWidth;
    }
    const left = o.align === 'center' ? x - w / 2 : o.align === 'right' ? x - w : x;
    this.ops.push(`BT ${num(hscale)} 0 0 -1 ${num(left)} ${num(y + size * 0.88)} Tm ${enc.ops(size)} ET`);
    if (!o.decorative) this.texts.push(text);
    return w;
  }

  line(x1: number, y1: number, x2: number, y2: number, width = 0.6): void {
    this.ops.push(`${num(width)} w ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S`);
  }

  rect(x: number, y: number, w: number, h: number, width = 0.6): void {
    this.ops.push(`${num(width)} w ${num(x)} ${num(y)} ${num(w)} ${num(h)} re S`);
  }

  fillRect(x: number, y: number, w: number, h: number, rgb: [number, number, number]): void {
    this.ops.push(`q ${rgb.map(num).join(' ')} rg ${num(x)} ${num(y)} ${num(w)} ${num(h)} re f Q`);
  }

  raw(op: string): void {
    this.ops.push(op);
  }
}
