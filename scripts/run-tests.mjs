#!/usr/bin/env node
// Runs every test with node's test runner. The whole suite runs under a non-Japan time
// zone, and the domain (calendar) tests once more under UTC, to prove Japan time is computed.
// Usage: node scripts/run-tests.mjs [path-prefix ...]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const find = (dir) => {
  let out = [];
  let names = [];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(find(p));
    else if (/\.test\.tsx?$/.test(name)) out.push(relative(root, p));
  }
  return out;
};
const prefixes = process.argv.slice(2);
const all = [...find(join(root, 'src')), ...find(join(root, 'test'))].sort();
const selected = prefixes.length ? all.filter((f) => prefixes.some((p) => f.startsWith(p))) : all;
if (selected.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const run = (files, tz) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TZ: tz },
  });
  return r.status ?? 1;
};
const domainTests = selected.filter((f) => f.startsWith('src/domain/'));
let status = 0;
if (domainTests.length && !prefixes.length) {
  console.log(`# domain tests under TZ=UTC (${domainTests.length} files)`);
  status ||= run(domainTests, 'UTC');
}
console.log(`# all tests under TZ=America/New_York (${selected.length} files)`);
status ||= run(selected, 'America/New_York');
process.exit(status);
