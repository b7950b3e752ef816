#!/usr/bin/env node
// The dependency rule of STYLE.md: each part of src/ may import only the parts below it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, sep } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'src');

// Internal parts each part may import (itself always allowed).
const ALLOWED = {
  domain: [],
  pki: ['domain'],
  registers: ['domain'],
  render: ['domain'],
  municipality: ['domain', 'registers', 'render', 'pki'],
  verify: ['domain', 'render', 'pki'],
  center: ['domain', 'pki', 'registers', 'municipality', 'render', 'verify'],
  kiosk: ['domain', 'pki', 'render', 'center', 'verify'],
  admin: ['domain', 'pki', 'registers', 'municipality', 'center', 'render', 'verify'],
  server: ['*'],
  cli: ['*'],
};
// domain is pure: no I/O, no node built-ins, only these packages.
const DOMAIN_PACKAGES = new Set(['@holiday-jp/holiday_jp']);
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(ts|tsx|mts)$/.test(name)) files.push(p);
  }
};
walk(src);

const IMPORT_RE =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;
const problems = [];
for (const file of files) {
  const rel = relative(src, file);
  const part = rel.split(sep)[0];
  const isTest = /\.test\.tsx?$/.test(file);
  const allowed = ALLOWED[part];
  if (!allowed) {
    problems.push(`${rel}: part "${part}" is not in the dependency table of scripts/check-deps.mjs`);
    continue;
  }
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (!spec) continue;
    if (spec.startsWith('.')) {
      const target = relative(src, join(file, '..', spec));
      const targetPart = target.split(sep)[0];
      if (target.startsWith('..')) {
        if (!isTest) problems.push(`${rel}: imports ${spec} from outside src/`);
      } else if (targetPart !== part && !allowed.includes('*') && !allowed.includes(targetPart)) {
        problems.push(`${rel}: ${part} may not import ${targetPart} (${spec})`);
      }
    } else if (part === 'domain' && !isTest) {
      if (builtins.has(spec) || builtins.has(spec.split('/')[0]))
        problems.push(`${rel}: domain imports node built-in ${spec}`);
      else if (!DOMAIN_PACKAGES.has(spec))
        problems.push(`${rel}: domain imports package ${spec} (not in DOMAIN_PACKAGES)`);
    }
  }
}
if (problems.length > 0) {
  console.error(`dependency rule: ${problems.length} violation(s)`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`dependency rule: ${files.length} files checked, no violations`);
