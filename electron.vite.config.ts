import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Main-process entries are CommonJS (no "type": "module"), so `node out/main/<entry>.js` runs the
// engine under plain Node: the CLI and browser mode never need the Electron runtime.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          main: resolve(__dirname, 'src-main/app/main.ts'),
          cli: resolve(__dirname, 'src-main/cli/main.ts'),
          start: resolve(__dirname, 'src-main/cli/start.ts'),
          // Profile files are parsed in a worker thread, off the engine's event loop.
          'import-worker': resolve(__dirname, 'src-main/import/import-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { preload: resolve(__dirname, 'src-main/preload/preload.ts') },
        // A sandboxed preload cannot be ESM and cannot require npm packages: bundle everything.
        output: { format: 'cjs', codeSplitting: false },
      },
      externalizeDeps: false,
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [svelte()],
    build: {
      outDir: 'out/renderer',
      minify: true,
      // ECharts is most of the bundle; it loads from disk (or loopback), so one chunk is fine.
      chunkSizeWarningLimit: 1_000,
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
