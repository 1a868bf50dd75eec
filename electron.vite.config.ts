import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * Compiles the reading pump (resources/proc-pump/proc-pump.c) to out/main/proc-pump on Linux. It is
 * optional: without a C compiler the build goes on and recordings sample on a Node.js timer, at a
 * higher CPU cost (src-main/sessions/reading-pump.ts).
 */
function readingPump(): Plugin {
  return {
    name: 'thermograph-reading-pump',
    apply: 'build',
    closeBundle() {
      if (process.platform !== 'linux') return;
      const source = resolve(__dirname, 'resources/proc-pump/proc-pump.c');
      const output = resolve(__dirname, 'out/main/proc-pump');
      const flags = ['-O2', '-std=c11', '-Wall', '-Wextra', '-o', output, source];
      const compilers = process.env.CC ? [process.env.CC] : ['cc', 'gcc', 'clang'];
      const failures: string[] = [];
      for (const compiler of compilers) {
        const result = spawnSync(compiler, flags, { stdio: 'inherit' });
        if (result.status === 0) return;
        failures.push(`${compiler}: ${result.error ? result.error.message : `exit code ${result.status}`}`);
      }
      console.warn(
        `Thermograph: the reading pump was not built (${failures.join('; ')}); recordings faster than 1 Hz will ` +
          'use more CPU. Install a C compiler (gcc or clang) and build again to get it.',
      );
    },
  };
}

// Main-process entries are CommonJS (no "type": "module"), so `node out/main/<entry>.js` runs the
// engine under plain Node: the CLI and browser mode never need the Electron runtime.
export default defineConfig({
  main: {
    plugins: [readingPump()],
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
