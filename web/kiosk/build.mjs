#!/usr/bin/env node
// Builds the kiosk screen into web/kiosk/dist (Vite + Preact) and copies the served
// Japanese web font (BIZ UDGothic) next to it: the kiosk needs no system font.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { build } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const outDir = join(here, 'dist');

await build({
  root: here,
  base: './',
  configFile: false,
  logLevel: 'warn',
  plugins: [preact({ prerender: { enabled: false } })],
  build: { outDir, emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1000 },
});

const fonts = join(root, 'node_modules', '@expo-google-fonts', 'biz-udgothic');
mkdirSync(join(outDir, 'fonts'), { recursive: true });
for (const [from, to] of [
  ['400Regular/BIZUDGothic_400Regular.ttf', 'BIZUDGothic-Regular.ttf'],
  ['700Bold/BIZUDGothic_700Bold.ttf', 'BIZUDGothic-Bold.ttf'],
])
  copyFileSync(join(fonts, from), join(outDir, 'fonts', to));
console.log(`kiosk screen built in ${outDir}`);
