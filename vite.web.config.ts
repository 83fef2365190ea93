import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The browser shell's renderer: the same src-renderer Electron loads, built to out/web. */
export default defineConfig({
  root: resolve(import.meta.dirname, 'src-renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'out/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    /* The firmware bundles sip.js; one chunk of about 1 MB is expected. */
    chunkSizeWarningLimit: 2048,
  },
});
