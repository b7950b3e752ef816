// `npm run bench [-- <name> [args…]]`: runs bench/<name>.bench.ts (all of them without a name),
// writes bench/results/<name>.json with the machine it ran on, and prints one JSON line each.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface BenchModule {
  /** What it measures, one line. */
  description: string;
  /** Runs the benchmark and returns its figures (never asserts a time). */
  run(args: string[]): Promise<Record<string, unknown>>;
}

const dir = new URL('.', import.meta.url).pathname;
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (name && !available.includes(name)) {
  console.error(`bench: unknown benchmark "${name}"; available: ${available.join(', ')}`);
  process.exit(2);
}
const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
};
mkdirSync(join(dir, 'results'), { recursive: true });
for (const bench of name ? [name] : available) {
  const mod = (await import(pathToFileURL(join(dir, `${bench}.bench.ts`)).href)) as { default: BenchModule };
  console.error(
    `bench ${bench}: ${mod.default.description} — ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}`,
  );
  const figures = await mod.default.run(name ? args : []);
  const result = { bench, at: new Date().toISOString(), machine, ...figures };
  writeFileSync(join(dir, 'results', `${bench}.json`), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify({ bench, ...figures }));
}
