// Small hand-written SVG charts for the summary: grouped bars and one line. No dependencies.

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const COLORS = ['#1f77b4', '#ff7f0e', '#d62728', '#2ca02c', '#9467bd'];

const niceMax = (v: number): number => {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
};

export interface BarPanel {
  title: string;
  unit: string;
  series: string[];
  /** One group per run: its label and one value per series. */
  groups: { label: string; values: number[] }[];
  /** A goal line, e.g. 500 certificates/s. */
  goal?: { value: number; label: string };
}

/** Panels of grouped bars side by side, each with its own axis. */
export const barPanels = (panels: BarPanel[], width = 960, height = 360): string => {
  const pw = width / panels.length;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
  ];
  panels.forEach((p, pi) => {
    const x0 = pi * pw + 50;
    const y0 = 40;
    const w = pw - 70;
    const h = height - 120;
    const max = niceMax(Math.max(...p.groups.flatMap((g) => g.values), p.goal?.value ?? 0));
    out.push(
      `<text x="${x0 + w / 2}" y="20" text-anchor="middle" font-size="13" font-weight="bold">${esc(p.title)}</text>`,
    );
    for (let i = 0; i <= 4; i++) {
      const y = y0 + h - (h * i) / 4;
      out.push(`<line x1="${x0}" y1="${y}" x2="${x0 + w}" y2="${y}" stroke="#ddd"/>`);
      out.push(
        `<text x="${x0 - 4}" y="${y + 4}" text-anchor="end">${+((max * i) / 4).toPrecision(3)}</text>`,
      );
    }
    out.push(`<text x="${x0 - 40}" y="${y0 - 8}">${esc(p.unit)}</text>`);
    const gw = w / Math.max(1, p.groups.length);
    const bw = (gw * 0.8) / p.series.length;
    p.groups.forEach((g, gi) => {
      g.values.forEach((v, si) => {
        const bh = (h * Math.min(v, max)) / max;
        const x = x0 + gi * gw + gw * 0.1 + si * bw;
        out.push(
          `<rect x="${x.toFixed(1)}" y="${(y0 + h - bh).toFixed(1)}" width="${(bw - 1).toFixed(1)}" height="${bh.toFixed(1)}" fill="${COLORS[si % COLORS.length]}"><title>${esc(`${g.label} ${p.series[si]}: ${v}`)}</title></rect>`,
        );
      });
      const lx = x0 + gi * gw + gw / 2;
      out.push(
        `<text x="${lx}" y="${y0 + h + 14}" text-anchor="end" transform="rotate(-30 ${lx} ${y0 + h + 14})">${esc(g.label)}</text>`,
      );
    });
    if (p.goal) {
      const y = y0 + h - (h * p.goal.value) / max;
      out.push(`<line x1="${x0}" y1="${y}" x2="${x0 + w}" y2="${y}" stroke="#000" stroke-dasharray="5,3"/>`);
      out.push(`<text x="${x0 + w}" y="${y - 3}" text-anchor="end">${esc(p.goal.label)}</text>`);
    }
    p.series.forEach((s, si) => {
      const lx = x0 + si * 90;
      out.push(
        `<rect x="${lx}" y="${height - 18}" width="10" height="10" fill="${COLORS[si % COLORS.length]}"/>`,
      );
      out.push(`<text x="${lx + 14}" y="${height - 9}">${esc(s)}</text>`);
    });
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
};

/** One line over time (e.g. RSS during the soak), with an optional straight fit. */
export const lineChart = (
  title: string,
  unit: string,
  points: { x: number; y: number }[],
  fit?: { slope: number; intercept: number },
  width = 960,
  height = 260,
): string => {
  const x0 = 60;
  const y0 = 30;
  const w = width - 90;
  const h = height - 70;
  const maxX = Math.max(1, ...points.map((p) => p.x));
  const maxY = niceMax(Math.max(...points.map((p) => p.y), 1));
  const px = (x: number) => (x0 + (w * x) / maxX).toFixed(1);
  const py = (y: number) => (y0 + h - (h * y) / maxY).toFixed(1);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${esc(title)}</text>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const y = y0 + h - (h * i) / 4;
    out.push(`<line x1="${x0}" y1="${y}" x2="${x0 + w}" y2="${y}" stroke="#ddd"/>`);
    out.push(`<text x="${x0 - 4}" y="${y + 4}" text-anchor="end">${+((maxY * i) / 4).toPrecision(3)}</text>`);
  }
  out.push(`<text x="${x0 - 50}" y="${y0 - 10}">${esc(unit)}</text>`);
  out.push(`<text x="${x0 + w}" y="${height - 20}" text-anchor="end">${Math.round(maxX)} s</text>`);
  out.push(
    `<polyline fill="none" stroke="${COLORS[0]}" stroke-width="1.5" points="${points.map((p) => `${px(p.x)},${py(p.y)}`).join(' ')}"/>`,
  );
  if (fit)
    out.push(
      `<line x1="${px(0)}" y1="${py(fit.intercept)}" x2="${px(maxX)}" y2="${py(fit.intercept + fit.slope * maxX)}" stroke="${COLORS[2]}" stroke-dasharray="4,3"/>`,
    );
  out.push('</svg>');
  return `${out.join('\n')}\n`;
};
