import { describeMachine, machineInfo, round2 } from './lib/machine.js';
import { dropInstallation, measureLoad, parseLoadArgs, prepareInstallation } from './lib/run-load.js';
import { linearFit } from './lib/stats.js';
import type { BenchModule } from './run.js';
import { writeSummary } from './summary.js';

// `npm run bench -- soak [--seconds 600] [--kiosks 64]`: the load for ten minutes, the
// center's RSS sampled every 5 s; reports its growth and the slope of a straight-line fit.

export default {
  description: 'ten minutes of load: server memory over time (growth and slope)',
  async run(args) {
    const log = (line: string) => console.error(`soak: ${line}`);
    log(describeMachine(machineInfo()));
    const a = {
      ...parseLoadArgs(args, {
        seconds: 600,
        kiosks: 64,
        residents: 10_000,
        warmupSeconds: 10,
        profile: false,
      }),
      sampleEveryMs: 5000,
      log,
    };
    const inst = await prepareInstallation(a);
    try {
      const f = await measureLoad(a, inst);
      const samples = (f.rssSamples as { t: number; rssMb: number }[]).filter((s) => s.t >= a.warmupSeconds);
      const minute = (from: number, to: number) => {
        const xs = samples.filter((s) => s.t >= from && s.t < to).map((s) => s.rssMb);
        return xs.length ? xs.reduce((x, y) => x + y, 0) / xs.length : 0;
      };
      const end = a.warmupSeconds + a.seconds;
      const first = minute(a.warmupSeconds, a.warmupSeconds + Math.min(60, a.seconds / 4));
      const last = minute(end - Math.min(60, a.seconds / 4), end + 1);
      const points = samples.map((s) => ({ x: (s.t - a.warmupSeconds) / 60, y: s.rssMb }));
      const all = linearFit(points);
      const secondHalf = linearFit(points.filter((p) => p.x >= a.seconds / 120));
      const figures = {
        ...f,
        rssFirstMinuteMb: Math.round(first),
        rssLastMinuteMb: Math.round(last),
        rssGrowthMb: Math.round(last - first),
        rssSlopeMbPerMinute: round2(all.slope),
        rssSlopeSecondHalfMbPerMinute: round2(secondHalf.slope),
      };
      log(
        `RSS ${figures.rssFirstMinuteMb} → ${figures.rssLastMinuteMb} MB (peak ${f.serverPeakRssMb}), slope ${figures.rssSlopeMbPerMinute} MB/min ` +
          `(second half ${figures.rssSlopeSecondHalfMbPerMinute}); ${f.certificatesPerSecond} certificates/s, errors ${f.errors}, isolation violations ${f.isolationViolations}`,
      );
      writeSummary({ soak: figures });
      return figures;
    } finally {
      if (!a.keep) await dropInstallation(inst);
    }
  },
} satisfies BenchModule;
