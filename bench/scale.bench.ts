import { describeMachine, machineInfo, round2 } from './lib/machine.js';
import {
  dropInstallation,
  type LoadFigures,
  measureLoad,
  parseLoadArgs,
  prepareInstallation,
} from './lib/run-load.js';
import type { BenchModule } from './run.js';
import { writeSummary } from './summary.js';

// `npm run bench -- scale [--sizes 10000,1000000] [--seconds 20] [--kiosks 64] [--no-pg]`: the same
// load on registers of each size, on SQLite and (when KOFU_TEST_DATABASE_URL is set) PostgreSQL.

const brief = (f: LoadFigures) => ({
  certificatesPerSecond: f.certificatesPerSecond,
  p50Ms: f.p50Ms,
  p95Ms: f.p95Ms,
  p99Ms: f.p99Ms,
  errors: f.errors,
  errorSamples: f.errorSamples,
  refusals: f.refusals,
  transactions: f.transactions,
  serverCpuMsPerTransaction: f.serverCpuMsPerTransaction,
  isolation: f.isolation,
  isolationViolations: f.isolationViolations,
  serverPeakRssMb: f.serverPeakRssMb,
  serverCpuPercent: f.serverCpuPercent,
  steps: f.steps,
  setupSeconds: f.setupSeconds,
  loadAverage: f.loadAverage,
});

export default {
  description: 'the load on 10,000 and 1,000,000 residents (SQLite, and PostgreSQL if configured): the ratio',
  async run(args) {
    const log = (line: string) => console.error(`scale: ${line}`);
    log(describeMachine(machineInfo()));
    const i = args.indexOf('--sizes');
    const sizes = (i >= 0 ? (args[i + 1] ?? '') : '10000,1000000').split(',').map(Number);
    if (sizes.some((n) => !Number.isInteger(n) || n < 100))
      throw new Error('--sizes: residents, e.g. 10000,1000000');
    const pgUrl = args.includes('--no-pg') ? undefined : process.env.KOFU_TEST_DATABASE_URL;
    const databases: (string | undefined)[] = [undefined, ...(pgUrl ? [pgUrl] : [])];
    const runs: Record<string, ReturnType<typeof brief> & { database: string; residents: number }> = {};
    const ratios: Record<string, { throughput: number; p99: number }> = {};
    for (const db of databases) {
      const name = db ? 'postgres' : 'sqlite';
      const byRun: LoadFigures[] = [];
      for (const residents of sizes) {
        const a = {
          ...parseLoadArgs(args, { seconds: 20, kiosks: 64, warmupSeconds: 3, profile: false }),
          residents,
          ...(db ? { pgUrl: db } : {}),
          log,
        };
        const inst = await prepareInstallation(a);
        try {
          log(`${name} ${residents}: set up in ${JSON.stringify(inst.setupSeconds)} s`);
          const f = await measureLoad(a, inst);
          log(
            `${name} ${residents}: ${f.certificatesPerSecond} certificates/s, p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms, errors ${f.errors}`,
          );
          runs[`${name}-${residents}`] = { database: name, residents, ...brief(f) };
          byRun.push(f);
        } finally {
          await dropInstallation(inst);
        }
      }
      const small = byRun[0];
      const large = byRun.at(-1);
      if (small && large && byRun.length > 1)
        ratios[name] = {
          throughput: round2(large.certificatesPerSecond / (small.certificatesPerSecond || 1)),
          p99: round2(large.p99Ms / (small.p99Ms || 1)),
        };
    }
    const first = Object.values(runs)[0];
    const figures = {
      sizes,
      databases: databases.map((d) => (d ? 'postgres' : 'sqlite')),
      ratios,
      runs,
      // The short-form keys, for the smallest SQLite run.
      certificatesPerSecond: first?.certificatesPerSecond ?? 0,
      p50Ms: first?.p50Ms ?? 0,
      p99Ms: first?.p99Ms ?? 0,
      errors: Object.values(runs).reduce((s, r) => s + r.errors, 0),
      isolationViolations: Object.values(runs).reduce((s, r) => s + r.isolationViolations, 0),
      serverPeakRssMb: Math.max(0, ...Object.values(runs).map((r) => r.serverPeakRssMb)),
    };
    log(`ratios (largest / smallest): ${JSON.stringify(ratios)}`);
    writeSummary({ scale: figures });
    return figures;
  },
} satisfies BenchModule;
