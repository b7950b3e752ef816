import { describeMachine, machineInfo } from './lib/machine.js';
import { dropInstallation, measureLoad, parseLoadArgs, prepareInstallation } from './lib/run-load.js';
import type { BenchModule } from './run.js';
import { writeSummary } from './summary.js';

// `npm run bench -- load [--seconds S] [--kiosks K] [--residents N] [--pg URL] [--no-profile]`:
// K virtual kiosks doing whole transactions against the center in its own process over HTTPS.

export default {
  description: 'end-to-end kiosk transactions per second against the center (HTTPS, mutual TLS, SQLite)',
  async run(args) {
    const log = (line: string) => console.error(`load: ${line}`);
    log(describeMachine(machineInfo()));
    const a = { ...parseLoadArgs(args, { seconds: 30, kiosks: 64, residents: 10_000 }), log };
    const inst = await prepareInstallation(a);
    try {
      log(`set up in ${JSON.stringify(inst.setupSeconds)} s`);
      const figures = await measureLoad(a, inst);
      log(
        `${figures.certificatesPerSecond} certificates/s, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, ` +
          `errors ${figures.errors}, isolation violations ${figures.isolationViolations}, server peak RSS ${figures.serverPeakRssMb} MB`,
      );
      writeSummary({ load: figures });
      return figures;
    } finally {
      if (!a.keep) await dropInstallation(inst);
      else log(`kept ${inst.dataDir}`);
    }
  },
} satisfies BenchModule;
