import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// The console is served by the kofu server at /admin/; its API is /admin/api.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  base: '/admin/',
  plugins: [preact()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 300 },
  logLevel: 'warn',
});
