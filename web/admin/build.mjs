#!/usr/bin/env node
// Builds the admin console into web/admin/dist (vite). Run from anywhere: node web/admin/build.mjs
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
await build({ root, configFile: fileURLToPath(new URL('./vite.config.mjs', import.meta.url)) });
console.log(`admin console built into ${root}dist`);
