import { readFileSync } from 'node:fs';

// Another process's memory and CPU from /proc (Linux): VmRSS/VmHWM of status, utime+stime of stat.

export interface ProcSample {
  /** Seconds since the sampler started. */
  t: number;
  rssMb: number;
  hwmMb: number;
  /** CPU of the process since the previous sample, in % of one core. */
  cpuPercent: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux (getconf CLK_TCK)

const kbField = (status: string, name: string): number => {
  const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  return m ? Number(m[1]) / 1024 : 0;
};

/** utime + stime in ticks; fields after the command name, which may hold spaces. */
export const cpuTicks = (stat: string): number => {
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state): utime is field 14, stime field 15.
  return Number(rest[11]) + Number(rest[12]);
};

export interface ProcSampler {
  samples: ProcSample[];
  /** performance.now() when sampling started: sample t is seconds after it. */
  originMs: number;
  /** CPU seconds of the process between two performance.now() instants (to the nearest samples). */
  cpuSecondsBetween(fromMs: number, toMs: number): number;
  peakRssMb(): number;
  stop(): void;
}

/** Samples /proc/<pid> every `everyMs` until stopped; a vanished process stops it. */
export const sampleProcess = (pid: number, everyMs: number): ProcSampler => {
  const samples: ProcSample[] = [];
  const ticks: { t: number; ticks: number }[] = [];
  const t0 = performance.now();
  let last: { t: number; ticks: number } | undefined;
  let peak = 0;
  const take = () => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const now = {
        t: (performance.now() - t0) / 1000,
        ticks: cpuTicks(readFileSync(`/proc/${pid}/stat`, 'utf8')),
      };
      const rssMb = kbField(status, 'VmRSS');
      const hwmMb = kbField(status, 'VmHWM');
      peak = Math.max(peak, hwmMb, rssMb);
      const cpuPercent = last
        ? ((now.ticks - last.ticks) / TICKS_PER_SECOND / (now.t - last.t || 1)) * 100
        : 0;
      samples.push({ t: now.t, rssMb, hwmMb, cpuPercent });
      ticks.push(now);
      last = now;
    } catch {
      clearInterval(timer);
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  timer.unref();
  const ticksAt = (t: number): number => {
    let best = ticks[0]?.ticks ?? 0;
    for (const s of ticks) if (s.t <= t) best = s.ticks;
    return best;
  };
  return {
    samples,
    originMs: t0,
    cpuSecondsBetween: (fromMs, toMs) =>
      (ticksAt((toMs - t0) / 1000) - ticksAt((fromMs - t0) / 1000)) / TICKS_PER_SECOND,
    peakRssMb: () => peak,
    stop: () => {
      take();
      clearInterval(timer);
    },
  };
};
