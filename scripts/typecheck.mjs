#!/usr/bin/env node
// Type-checks the server (tsconfig.json) and every browser UI that has a web/<ui>/tsconfig.json.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const projects = ['tsconfig.json'];
for (const ui of readdirSync(join(root, 'web')).sort()) {
  if (existsSync(join(root, 'web', ui, 'tsconfig.json'))) projects.push(join('web', ui, 'tsconfig.json'));
}
for (const project of projects) {
  const r = spawnSync(process.execPath, [tsc, '-p', project, '--noEmit'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`typecheck: ${project} has errors`);
    process.exit(r.status ?? 1);
  }
  console.log(`typecheck: ${project} ok`);
}
