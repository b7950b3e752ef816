#!/usr/bin/env node
// The package build (run by `npm ci` through `prepare`, and by `npm start`): compiles the
// server and CLI with tsc, then builds every browser UI that has a web/<ui>/build.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const run = (label, cmd, args) => {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`build: ${label} failed`);
    process.exit(r.status ?? 1);
  }
  console.log(`build: ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
};
run('server and CLI (tsc)', process.execPath, [
  join(root, 'node_modules/typescript/bin/tsc'),
  '-p',
  'tsconfig.build.json',
]);
for (const ui of readdirSync(join(root, 'web')).sort()) {
  const script = join(root, 'web', ui, 'build.mjs');
  if (existsSync(script)) run(`web/${ui}`, process.execPath, [script]);
}
