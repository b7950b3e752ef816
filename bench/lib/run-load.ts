import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { topFunctions } from './cpuprofile.js';
import { runDriver } from './driver.js';
import { createLoadInstallation, type LoadInstallation } from './fixture.js';
import { checkIssuedScopes, checkTextSamples } from './isolation.js';
import { machineInfo, round2 } from './machine.js';
import { sampleProcess } from './proc-sampler.js';
import { type CenterCounters, scrapeCenter } from './scrape.js';
import { startServerProcess } from './server-process.js';
import { type LatencySummary, summarise } from './stats.js';

// One measured load run: a fresh installation (or a given one), the center in its own
// process, the kiosks for warm-up + S seconds, then the isolation check of every document.

/**
 * Demo day and the server's clock: Wednesday 2026-11-25, 10:00 Japan time (groups A and B
 * open). The installation is made at 08:00 that day, so its CRL is fresh (a CRL more than a
 * day old makes the center answer SERVICE_UNAVAILABLE); the load's cards date from last year.
 */
export const DEMO_DAY = '2026-11-25';
export const SERVER_NOW = '2026-11-25T10:00';

export interface LoadArgs {
  seconds: number;
  kiosks: number;
  residents: number;
  warmupSeconds: number;
  profile: boolean;
  /** postgres:// URL: run on a fresh schema there instead of SQLite. */
  pgUrl?: string;
  sampleEveryMs?: number;
  keep?: boolean;
  log?: (line: string) => void;
}

export interface LoadFigures extends Record<string, unknown> {
  certificatesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  isolationViolations: number;
  serverPeakRssMb: number;
}

/** Parses `--seconds S --kiosks K --residents N --warmup W --no-profile --pg URL --keep`. */
export const parseLoadArgs = (args: string[], defaults: Partial<LoadArgs> = {}): LoadArgs => {
  const get = (name: string): string | undefined => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const num = (name: string, d: number): number => {
    const v = get(name);
    if (v === undefined) return d;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: not a number: ${v}`);
    return n;
  };
  const pgUrl = get('pg') ?? defaults.pgUrl;
  return {
    seconds: num('seconds', defaults.seconds ?? 30),
    kiosks: Math.max(1, Math.round(num('kiosks', defaults.kiosks ?? 64))),
    residents: Math.round(num('residents', defaults.residents ?? 10_000)),
    warmupSeconds: num('warmup', defaults.warmupSeconds ?? 3),
    profile: !args.includes('--no-profile') && (defaults.profile ?? true),
    ...(pgUrl ? { pgUrl } : {}),
    keep: args.includes('--keep'),
  };
};

const stepTable = (steps: Record<string, number[]>): Record<string, LatencySummary> =>
  Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, summarise(v)]));

/** Creates the installation for `a` in a temporary directory (and a fresh PostgreSQL schema). */
export const prepareInstallation = async (a: LoadArgs): Promise<LoadInstallation> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kofu-bench-'));
  const pgOpt = a.pgUrl ? { url: a.pgUrl, schema: `bench_${Date.now().toString(36)}` } : undefined;
  a.log?.(
    `setting up ${a.residents} residents on ${pgOpt ? `PostgreSQL schema ${pgOpt.schema}` : 'SQLite'} in ${dataDir}`,
  );
  return createLoadInstallation({
    dataDir,
    demoDay: DEMO_DAY,
    residents: a.residents,
    cards: Math.max(16, a.kiosks),
    terminals: a.kiosks,
    ...(pgOpt ? { pg: pgOpt } : {}),
  });
};

/** Deletes the installation's directory and PostgreSQL schema. */
export const dropInstallation = async (inst: LoadInstallation): Promise<void> => {
  rmSync(inst.dataDir, { recursive: true, force: true });
  if (inst.pg) {
    const c = new pg.Client({ connectionString: inst.pg.url });
    await c.connect();
    try {
      await c.query(`DROP SCHEMA IF EXISTS ${inst.pg.schema} CASCADE`);
    } finally {
      await c.end();
    }
  }
};

/** Runs the load once against an installation; returns the figures (never asserts a time). */
export const measureLoad = async (a: LoadArgs, inst: LoadInstallation): Promise<LoadFigures> => {
  const machine = machineInfo();
  const profileDir = a.profile ? join(inst.dataDir, 'profile') : undefined;
  const server = await startServerProcess({
    dataDir: inst.dataDir,
    now: SERVER_NOW,
    ...(inst.pg ? { pg: inst.pg } : {}),
    ...(profileDir ? { cpuProfileDir: profileDir } : {}),
  });
  const sampler = sampleProcess(server.pid, a.sampleEveryMs ?? 1000);
  a.log?.(
    `center pid ${server.pid} at ${server.url}; ${a.kiosks} kiosks for ${a.warmupSeconds}+${a.seconds} s`,
  );
  let profilePath: string | undefined;
  let centerCounters: CenterCounters | undefined;
  let d: Awaited<ReturnType<typeof runDriver>>;
  try {
    d = await runDriver({
      centerUrl: server.url,
      terminalDirs: inst.terminalDirs,
      holders: inst.holders,
      kiosks: a.kiosks,
      seconds: a.seconds,
      warmupSeconds: a.warmupSeconds,
      textSampleEvery: 7,
      maxTextSamples: 25,
    });
    centerCounters = await scrapeCenter(server.url, inst.terminalDirs[0]!);
  } finally {
    sampler.stop();
    profilePath = await server.stop();
  }
  const scopes = await checkIssuedScopes(d.issued, inst);
  const everyName = [
    ...new Set(inst.holders.flatMap((h) => [h.name, ...h.householdNames, ...h.kosekiNames])),
  ];
  const text = checkTextSamples(d.textSamples, everyName);
  const serverCpuSeconds = sampler.cpuSecondsBetween(d.windowStartMs, d.windowEndMs);
  const whole = summarise(d.transactionMs);
  const window = sampler.samples.filter(
    (s) => s.t * 1000 + sampler.originMs >= d.windowStartMs && s.t * 1000 + sampler.originMs <= d.windowEndMs,
  );
  // performance.now() to the monotonic clock the V8 profiler stamps its samples with.
  const toUs = (ms: number) => Number(process.hrtime.bigint() / 1000n) - (performance.now() - ms) * 1000;
  const profile = profilePath
    ? topFunctions(profilePath, 15, { fromUs: toUs(d.windowStartMs), toUs: toUs(d.windowEndMs) })
    : undefined;
  const figures: LoadFigures = {
    certificatesPerSecond: round2(d.certificates / d.seconds),
    p50Ms: whole.p50Ms,
    p99Ms: whole.p99Ms,
    errors: d.errors,
    isolationViolations: d.bindingViolations + scopes.violations + text.violations,
    serverPeakRssMb: Math.round(sampler.peakRssMb()),
    p95Ms: whole.p95Ms,
    transactionsPerSecond: round2(d.transactions / d.seconds),
    completedPerSecond: round2(d.succeeded / d.seconds),
    pagesPerSecond: round2(d.pages / d.seconds),
    database: inst.pg ? 'postgres' : 'sqlite',
    residents: inst.residents,
    kiosks: a.kiosks,
    cards: inst.holders.length,
    seconds: a.seconds,
    warmupSeconds: a.warmupSeconds,
    transactions: d.transactions,
    succeeded: d.succeeded,
    certificates: d.certificates,
    refusals: d.refusals,
    errorSamples: d.errorSamples,
    transaction: whole,
    steps: stepTable(d.stepMs),
    serverCpuPercent: Math.round((serverCpuSeconds / d.seconds) * 100),
    // CPU per transaction: less sensitive than latency to other work on a shared machine.
    serverCpuMsPerTransaction: round2((serverCpuSeconds * 1000) / (d.transactions || 1)),
    clientCpuPercent: Math.round((d.clientCpuSeconds / d.seconds) * 100),
    serverRssMb: {
      start: Math.round(window[0]?.rssMb ?? 0),
      end: Math.round(window.at(-1)?.rssMb ?? 0),
      peak: Math.round(sampler.peakRssMb()),
    },
    isolation: {
      documentsChecked: d.succeeded,
      bindingViolations: d.bindingViolations,
      recordsChecked: scopes.checked,
      scopeViolations: scopes.violations,
      unrecorded: scopes.unrecorded,
      textChecked: text.checked,
      textViolations: text.violations,
      ...(text.skipped ? { textSkipped: text.skipped } : {}),
      problems: [...scopes.samples, ...text.problems],
    },
    // The center's own /metrics since it started (warm-up and drain included), when mounted.
    ...(centerCounters ? { centerMetrics: centerCounters } : {}),
    perSecond: d.perSecond,
    rssSamples: sampler.samples.map((s) => ({
      t: round2(s.t),
      rssMb: Math.round(s.rssMb),
      cpu: Math.round(s.cpuPercent),
    })),
    setupSeconds: inst.setupSeconds,
    loadAverage: machine.loadAverage,
    ...(profile
      ? { profile: { sampledMs: profile.totalMs, idlePercent: profile.idlePercent, top: profile.top } }
      : {}),
  };
  return figures;
};
