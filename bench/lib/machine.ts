import { cpus, loadavg, totalmem } from 'node:os';

// What a result was measured on: the figures mean little without the machine and its load.

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  /** 1, 5 and 15-minute load averages when the run started (the machine is shared). */
  loadAverage: [number, number, number];
}

/** The machine this process runs on, with the load average now. */
export const machineInfo = (): MachineInfo => {
  const [a = 0, b = 0, c = 0] = loadavg();
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: [round2(a), round2(b), round2(c)],
  };
};

export const round2 = (n: number): number => Math.round(n * 100) / 100;

/** One line for the console. */
export const describeMachine = (m: MachineInfo): string =>
  `${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}, load average ${m.loadAverage.join(' ')}`;
