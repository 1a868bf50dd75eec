import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * The exported HTML report's viewer (src-renderer/report): one script and one stylesheet with
 * nothing to load, which the engine inlines into every report file (src-main/report). Built by
 * `npm run build` after the app, into out/report.
 */
export default defineConfig({
  plugins: [svelte()],
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: resolve(import.meta.dirname, 'out/report'),
    emptyOutDir: true,
    minify: true,
    cssCodeSplit: false,
    lib: {
      entry: resolve(import.meta.dirname, 'src-renderer/report/main.ts'),
      formats: ['iife'],
      name: 'ThermographReport',
      fileName: () => 'report.js',
      cssFileName: 'report',
    },
  },
});
