import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

// The center under test, in its own process: the center child-process entry (the same
// startServer that `kofu serve` runs), bundled by esbuild so that no TypeScript loader
// thread sits in the measured process, optionally with V8's --cpu-prof.

export interface ServerProcessOptions {
  dataDir: string;
  /** Japan time without offset: the server clock starts there (like `kofu serve --now`). */
  now: string;
  pg?: { url: string; schema: string };
  /** Directory for the .cpuprofile written at exit; no profiling without it. */
  cpuProfileDir?: string;
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** SIGTERM, wait for exit; returns the .cpuprofile path when profiling. */
  stop(): Promise<string | undefined>;
}

const root = new URL('../../', import.meta.url).pathname;

/** Bundles test/center-instance.ts (packages stay external, resolved from node_modules). */
export const bundleCenter = (): string => {
  const out = join(root, 'node_modules', '.cache', 'kofu-bench', 'center.mjs');
  execFileSync(
    join(root, 'node_modules', '.bin', 'esbuild'),
    [
      join(root, 'test', 'center-instance.ts'),
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--packages=external',
      '--target=node20',
      '--log-level=error',
      `--outfile=${out}`,
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return out;
};

/** Starts the center and resolves once it prints its URL. */
export const startServerProcess = async (o: ServerProcessOptions): Promise<ServerProcess> => {
  const args: string[] = [];
  if (o.cpuProfileDir) {
    mkdirSync(o.cpuProfileDir, { recursive: true });
    args.push('--cpu-prof', `--cpu-prof-dir=${o.cpuProfileDir}`);
  }
  args.push(bundleCenter());
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      KOFU_DATA: o.dataDir,
      KOFU_NOW: o.now,
      ...(o.pg ? { KOFU_PG_URL: o.pg.url, KOFU_PG_SCHEMA: o.pg.schema } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const u = (JSON.parse(line) as { url?: string }).url;
        if (u) resolve(u);
      } catch {
        // not the URL line
      }
    });
    void exited.then((code) => reject(new Error(`center exited (${code}) before listening: ${stderr}`)));
  });
  return {
    url,
    pid: child.pid!,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
      if (!o.cpuProfileDir) return undefined;
      const files = readdirSync(o.cpuProfileDir).filter((f) => f.endsWith('.cpuprofile'));
      return files.length ? join(o.cpuProfileDir, files.sort().at(-1)!) : undefined;
    },
  };
};
