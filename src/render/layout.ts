import type { Canvas } from './canvas.js';

/** A vertical piece of a certificate body that is never split across pages. */
export interface Block {
  height: number;
  draw(c: Canvas, y: number): void;
}

/** What a certificate type contributes to the common page frame. */
export interface CertificateLayout {
  /** Printed title, e.g. 住民票の写し. */
  title: string;
  /** Repeated under the title on every page so that a loose page is recognisable. */
  header: [label: string, value: string][];
  blocks: Block[];
  /** The certification sentence (one or more lines) above the date and the mayor's name. */
  certification: string[];
}

export const LEFT = 48;
export const RIGHT = 547.28;
export const BODY_W = RIGHT - LEFT;
export const LINE = 15;

/** A framed table of label/value rows; each row may hold several label/value pairs side by side. */
export type Cell = [label: string, value: string, weight?: number];

export const tableBlock = (
  rows: Cell[][],
  o: {
    labelWidth?: number;
    rowHeight?: number;
    size?: number;
    frame?: boolean;
    left?: number;
    width?: number;
  } = {},
): Block => {
  const lw0 = o.labelWidth ?? 96;
  const rh = o.rowHeight ?? 22;
  const size = o.size ?? 10.5;
  const L = o.left ?? LEFT;
  const W = o.width ?? BODY_W;
  return {
    height: rows.length * rh,
    draw(c, y) {
      if (o.frame !== false) c.rect(L, y, W, rows.length * rh, 0.8);
      rows.forEach((row, i) => {
        const top = y + i * rh;
        if (i > 0) c.line(L, top, L + W, top, 0.4);
        const total = row.reduce((s, cell) => s + (cell[2] ?? 1), 0);
        let x = L;
        row.forEach(([label, value, weight], j) => {
          const cw = (W * (weight ?? 1)) / total;
          const lw = j === 0 ? lw0 : c.width(label, size - 1, 'gothic') + 14;
          if (j > 0) c.line(x, top, x, top + rh, 0.4);
          c.line(x + lw, top, x + lw, top + rh, 0.4);
          const ty = top + (rh - size) / 2;
          c.text(x + 6, ty + 0.5, label, { size: size - 1, style: 'gothic', maxWidth: lw - 10 });
          c.text(x + lw + 6, ty, value, { size, maxWidth: cw - lw - 12 });
          x += cw;
        });
      });
    },
  };
};

/** Several blocks kept together on one page. */
export const stackBlock = (blocks: Block[]): Block => ({
  height: blocks.reduce((s, b) => s + b.height, 0),
  draw(c, y) {
    let at = y;
    for (const b of blocks) {
      b.draw(c, at);
      at += b.height;
    }
  },
});

/** A heading line in gothic. */
export const headingBlock = (text: string, size = 11): Block => ({
  height: size + 12,
  draw(c, y) {
    c.text(LEFT, y + 6, text, { size, style: 'gothic' });
  },
});

/** Lines of text, each optionally with a label column (the computerised 戸籍 layout). */
export const linesBlock = (
  lines: { label?: string; text: string; indent?: number }[],
  o: { labelWidth?: number; size?: number; topRule?: boolean; gap?: number } = {},
): Block => {
  const lw = o.labelWidth ?? 110;
  const size = o.size ?? 10;
  const gap = o.gap ?? 4;
  return {
    height: lines.length * LINE + gap,
    draw(c, y) {
      if (o.topRule) c.line(LEFT, y, RIGHT, y, 0.4);
      lines.forEach((l, i) => {
        const ty = y + gap / 2 + i * LINE + (LINE - size) / 2;
        if (l.label)
          c.text(LEFT + 4 + (l.indent ?? 0), ty, l.label, { size, maxWidth: lw - 8 - (l.indent ?? 0) });
        c.text(LEFT + lw, ty, l.text, { size, maxWidth: BODY_W - lw - 4 });
      });
    },
  };
};

/** Empty vertical space. */
export const gapBlock = (height: number): Block => ({ height, draw() {} });

/** Splits blocks into pages of the given body heights; the last page must also hold `lastReserve`. */
export const paginate = (blocks: Block[], bodyHeight: number, lastReserve: number): Block[][] => {
  const pages: Block[][] = [[]];
  let used = 0;
  for (const b of blocks) {
    if (used + b.height > bodyHeight && pages[pages.length - 1]!.length > 0) {
      pages.push([]);
      used = 0;
    }
    pages[pages.length - 1]!.push(b);
    used += b.height;
  }
  if (used + lastReserve > bodyHeight) {
    // The certification never stands alone: the last block (e.g. 以下余白) goes with it.
    const last = pages[pages.length - 1]!;
    pages.push(last.length > 1 ? [last.pop()!] : []);
  }
  return pages;
};

/** 1,234,567 (yen amounts as tax certificates print them). */
export const yen = (n: number): string => {
  const s = String(Math.abs(Math.trunc(n)));
  return (n < 0 ? '△' : '') + s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
};
