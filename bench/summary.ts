import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { linearFit } from './lib/stats.js';
import { barPanels, lineChart } from './lib/svg-chart.js';

// bench/results/SUMMARY.md: the goals of issue 10 against the latest results, a chart of
// throughput and latency percentiles (summary.svg), the soak's memory (soak-rss.svg) and the
// profile's top functions. `node --import tsx bench/summary.ts` rewrites it from the files.

type Figures = Record<string, unknown>;
type Lat = { p50Ms: number; p95Ms: number; p99Ms: number; count: number; meanMs: number };

const dir = join(new URL('.', import.meta.url).pathname, 'results');

const readResults = (): Record<string, Figures> => {
  const out: Record<string, Figures> = {};
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')))
    try {
      out[f.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Figures;
    } catch {
      // a half-written file: skip it
    }
  return out;
};

const n = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);
const fmt = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : '—';
const verdict = (ok: boolean | undefined) =>
  ok === undefined ? 'not measured' : ok ? '**met**' : '**missed**';

interface Run {
  label: string;
  cps: number;
  p50: number;
  p95: number;
  p99: number;
}

const runsOf = (r: Record<string, Figures>): Run[] => {
  const out: Run[] = [];
  const push = (label: string, f: Figures | undefined) => {
    if (f && Number.isFinite(n(f.certificatesPerSecond)))
      out.push({ label, cps: n(f.certificatesPerSecond), p50: n(f.p50Ms), p95: n(f.p95Ms), p99: n(f.p99Ms) });
  };
  push(`load ${fmt(r.load?.database)} ${fmt(r.load?.residents)}`, r.load);
  const scaleRuns = (r.scale?.runs ?? {}) as Record<string, Figures>;
  for (const [k, f] of Object.entries(scaleRuns)) push(`scale ${k}`, f);
  push('soak', r.soak);
  return out;
};

/** Writes SUMMARY.md and the charts from the result files, `fresh` taking precedence. */
export const writeSummary = (fresh: Record<string, Figures> = {}): void => {
  const r = { ...readResults(), ...fresh };
  const load = r.load;
  const scale = r.scale;
  const soak = r.soak;
  const runs = runsOf(r);
  const lines: string[] = ['# Benchmark summary', ''];
  lines.push(
    'Written by `bench/summary.ts` from `bench/results/*.json` (regenerate: `node --import tsx bench/summary.ts`).',
    'The machine is shared; each result records the load average at its start. Nothing here asserts a time.',
    '',
  );
  const machine = (load?.machine ?? scale?.machine ?? soak?.machine) as Figures | undefined;
  if (machine)
    lines.push(
      `Machine: ${fmt(machine.cpu)}, ${fmt(machine.cores)} cores, ${fmt(machine.memoryGb)} GB, Node ${String(machine.node)}.`,
      '',
    );

  const sqliteRatio = (scale?.ratios as Record<string, { throughput: number; p99: number }> | undefined)
    ?.sqlite;
  const peaks = [load, scale, soak].map((f) => n(f?.serverPeakRssMb)).filter(Number.isFinite);
  const violations = [load, scale, soak].map((f) => n(f?.isolationViolations)).filter(Number.isFinite);
  lines.push('## Goals (issue 10)', '', '| goal | measured | verdict |', '|---|---|---|');
  const sqliteLoad = load && load.database === 'sqlite' ? load : undefined;
  lines.push(
    `| ≥ 500 certificates/s end to end, SQLite, ${fmt(sqliteLoad?.kiosks)} kiosks | ${fmt(sqliteLoad?.certificatesPerSecond)} /s | ${verdict(sqliteLoad ? n(sqliteLoad.certificatesPerSecond) >= 500 : undefined)} |`,
    `| p99 of the whole transaction ≤ 100 ms at 64 kiosks | ${fmt(sqliteLoad?.p99Ms)} ms (p50 ${fmt(sqliteLoad?.p50Ms)}) | ${verdict(sqliteLoad ? n(sqliteLoad.p99Ms) <= 100 && sqliteLoad.kiosks === 64 : undefined)} |`,
    `| 1,000,000 residents within 10 % of 10,000 (SQLite) | throughput ratio ${fmt(sqliteRatio?.throughput)}, p99 ratio ${fmt(sqliteRatio?.p99)} | ${verdict(sqliteRatio ? sqliteRatio.throughput >= 0.9 : undefined)} |`,
    `| server memory < 512 MB under that load | peak ${peaks.length ? Math.max(...peaks) : '—'} MB | ${verdict(peaks.length ? Math.max(...peaks) < 512 : undefined)} |`,
    `| no memory growth over 10 minutes (second-half slope ≤ 1 MB/min, last minute ≤ first + 10 %) | ${soak ? `${fmt(soak.rssFirstMinuteMb)} → ${fmt(soak.rssLastMinuteMb)} MB over ${fmt(soak.seconds)} s, slope ${fmt(soak.rssSlopeMbPerMinute)} MB/min (second half ${fmt(soak.rssSlopeSecondHalfMbPerMinute)})` : '—'} | ${verdict(
      soak
        ? n(soak.rssSlopeSecondHalfMbPerMinute) <= 1 &&
            n(soak.rssLastMinuteMb) <= 1.1 * n(soak.rssFirstMinuteMb)
        : undefined,
    )} |`,
    `| no certificate in another person's session | ${violations.length ? violations.reduce((a, b) => a + b, 0) : '—'} isolation violations | ${verdict(violations.length ? violations.every((v) => v === 0) : undefined)} |`,
    '',
  );
  if (runs.length) {
    writeFileSync(
      join(dir, 'summary.svg'),
      barPanels([
        {
          title: 'Throughput',
          unit: 'certificates/s',
          series: ['certificates/s'],
          groups: runs.map((x) => ({ label: x.label, values: [x.cps] })),
          goal: { value: 500, label: 'goal 500/s' },
        },
        {
          title: 'Whole transaction latency',
          unit: 'ms',
          series: ['p50', 'p95', 'p99'],
          groups: runs.map((x) => ({ label: x.label, values: [x.p50, x.p95, x.p99] })),
          goal: { value: 100, label: 'goal p99 100 ms' },
        },
      ]),
    );
    lines.push('![throughput and latency percentiles](summary.svg)', '');
    lines.push('| run | certificates/s | p50 ms | p95 ms | p99 ms |', '|---|---|---|---|---|');
    for (const x of runs) lines.push(`| ${x.label} | ${x.cps} | ${x.p50} | ${x.p95} | ${x.p99} |`);
    lines.push('');
  }
  if (load) {
    lines.push(
      `## Load (${fmt(load.kiosks)} kiosks, ${fmt(load.seconds)} s, ${fmt(load.database)}, ${fmt(load.residents)} residents, load average ${JSON.stringify(load.loadAverage)})`,
      '',
      `${fmt(load.certificatesPerSecond)} certificates/s (${fmt(load.completedPerSecond)} completed transactions/s, ${fmt(load.pagesPerSecond)} PDF pages/s); ` +
        `errors ${fmt(load.errors)}; refusals ${JSON.stringify(load.refusals)}; server CPU ${fmt(load.serverCpuPercent)} % of one core, ` +
        `driver CPU ${fmt(load.clientCpuPercent)} %; server RSS peak ${fmt(load.serverPeakRssMb)} MB.`,
      '',
      '| step | count | p50 ms | p95 ms | p99 ms |',
      '|---|---|---|---|---|',
    );
    const steps = (load.steps ?? {}) as Record<string, Lat>;
    for (const [k, s] of Object.entries(steps))
      lines.push(`| ${k} | ${s.count} | ${s.p50Ms} | ${s.p95Ms} | ${s.p99Ms} |`);
    const t = load.transaction as Lat | undefined;
    if (t) lines.push(`| **whole transaction** | ${t.count} | ${t.p50Ms} | ${t.p95Ms} | ${t.p99Ms} |`);
    lines.push('', `Isolation: ${JSON.stringify(load.isolation)}`, '');
    const profile = load.profile as { sampledMs: number; idlePercent: number; top: Figures[] } | undefined;
    if (profile) {
      lines.push(
        `### Where the center's time goes (CPU profile under load: ${profile.sampledMs} ms sampled, ${profile.idlePercent} % idle)`,
        '',
        '| # | function | where | self % of busy |',
        '|---|---|---|---|',
      );
      for (const [i, f] of profile.top.entries())
        lines.push(
          `| ${i + 1} | \`${String(f.function)}\` | ${String(f.location)} | ${fmt(f.selfPercent)} |`,
        );
      lines.push('');
    }
  }
  if (scale) {
    lines.push(
      '## Scale',
      '',
      '| run | residents | certificates/s | p50 ms | p99 ms | errors | set-up s |',
      '|---|---|---|---|---|---|---|',
    );
    for (const [k, f] of Object.entries((scale.runs ?? {}) as Record<string, Figures>))
      lines.push(
        `| ${k} | ${fmt(f.residents)} | ${fmt(f.certificatesPerSecond)} | ${fmt(f.p50Ms)} | ${fmt(f.p99Ms)} | ${fmt(f.errors)} | ${JSON.stringify(f.setupSeconds)} |`,
      );
    lines.push('', `Ratios (largest / smallest register): ${JSON.stringify(scale.ratios)}`, '');
  }
  if (soak) {
    const samples = (soak.rssSamples ?? []) as { t: number; rssMb: number }[];
    const pts = samples.map((s) => ({ x: s.t, y: s.rssMb }));
    writeFileSync(
      join(dir, 'soak-rss.svg'),
      lineChart('Center RSS during the soak', 'MB', pts, linearFit(pts)),
    );
    lines.push(
      `## Soak (${fmt(soak.seconds)} s, ${fmt(soak.kiosks)} kiosks)`,
      '',
      `RSS first minute ${fmt(soak.rssFirstMinuteMb)} MB, last minute ${fmt(soak.rssLastMinuteMb)} MB, peak ${fmt(soak.serverPeakRssMb)} MB; ` +
        `slope ${fmt(soak.rssSlopeMbPerMinute)} MB/min (second half ${fmt(soak.rssSlopeSecondHalfMbPerMinute)}); ` +
        `${fmt(soak.certificatesPerSecond)} certificates/s, errors ${fmt(soak.errors)}, isolation violations ${fmt(soak.isolationViolations)}.`,
      '',
      '![center RSS during the soak](soak-rss.svg)',
      '',
    );
  }
  const others = Object.entries(r).filter(([k]) => !['load', 'scale', 'soak'].includes(k));
  if (others.length) {
    lines.push('## Other benchmarks', '');
    for (const [k, f] of others) {
      const scalars = Object.entries(f).filter(([key, v]) => typeof v === 'number' && key !== 'at') as [
        string,
        number,
      ][];
      lines.push(
        `- **${k}** (${String(f.at ?? '')}): ${scalars.map(([key, v]) => `${key} ${v}`).join(', ')}`,
      );
    }
    lines.push('');
  }
  writeFileSync(join(dir, 'SUMMARY.md'), `${lines.join('\n')}\n`);
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) writeSummary();
