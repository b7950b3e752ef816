import { readFileSync } from 'node:fs';

// V8 .cpuprofile (from node --cpu-prof): self time per function, from the sample counts.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export interface HotFunction {
  function: string;
  /** Where it is: repository-relative or package path, with the line. */
  location: string;
  selfPercent: number;
  selfMs: number;
}

/** For an esbuild bundle: the source file each line came from (esbuild's `// path` markers). */
const bundleSources = new Map<string, (line: number) => string | undefined>();
const sourceOf = (file: string): ((line: number) => string | undefined) => {
  let f = bundleSources.get(file);
  if (!f) {
    const marks: { line: number; path: string }[] = [];
    try {
      for (const [i, l] of readFileSync(file, 'utf8').split('\n').entries()) {
        const m = /^\/\/ ((?:src|test|node_modules)\/\S+\.[cm]?[jt]s)$/.exec(l);
        if (m) marks.push({ line: i, path: m[1]! });
      }
    } catch {
      // not readable: keep bundle positions
    }
    f = (line) => {
      let hit: string | undefined;
      for (const mk of marks) if (mk.line <= line) hit = mk.path;
      return hit;
    };
    bundleSources.set(file, f);
  }
  return f;
};

const place = (url: string, line: number): string => {
  if (!url) return '(native)';
  const u = url.replace(/^file:\/\//, '');
  if (u.includes('/.cache/kofu-bench/')) return sourceOf(u)(line) ?? `bundle:${line + 1}`;
  const nm = u.lastIndexOf('node_modules/');
  const short = nm >= 0 ? u.slice(nm + 'node_modules/'.length) : u.replace(/^.*?\/(src|bench|test)\//, '$1/');
  return `${short}:${line + 1}`;
};

/**
 * The top `n` functions by self time, plus the total sampled time; `window` (monotonic clock,
 * microseconds, as process.hrtime) keeps only the samples taken under load.
 */
export const topFunctions = (
  path: string,
  n = 15,
  window?: { fromUs: number; toUs: number },
): { totalMs: number; idlePercent: number; top: HotFunction[] } => {
  const p = JSON.parse(readFileSync(path, 'utf8')) as {
    nodes: ProfileNode[];
    startTime: number;
    endTime: number;
    samples: number[];
    timeDeltas: number[];
  };
  const selfUs = new Map<number, number>();
  // Each sample's time is the delta to the next one.
  let at = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    at += p.timeDeltas[i] ?? 0;
    if (window && (at < window.fromUs || at > window.toUs)) continue;
    const id = p.samples[i]!;
    const dt = p.timeDeltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
  }
  const byFunction = new Map<string, { fn: string; loc: string; us: number }>();
  let total = 0;
  let idle = 0;
  for (const node of p.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    total += us;
    const name = node.callFrame.functionName || '(anonymous)';
    if (name === '(idle)') {
      idle += us;
      continue;
    }
    const loc = place(node.callFrame.url, node.callFrame.lineNumber);
    const key = `${name}@${loc}`;
    const e = byFunction.get(key) ?? { fn: name, loc, us: 0 };
    e.us += us;
    byFunction.set(key, e);
  }
  const busy = total - idle || 1;
  const top = [...byFunction.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, n)
    .map((e) => ({
      function: e.fn,
      location: e.loc,
      selfPercent: Math.round((e.us / busy) * 1000) / 10,
      selfMs: Math.round(e.us / 1000),
    }));
  return {
    totalMs: Math.round(total / 1000),
    idlePercent: Math.round((idle / (total || 1)) * 1000) / 10,
    top,
  };
};
