// Folders are layers (ARCHITECTURE.md). These rules make a layer leak a lint error whose message
// says why the rule exists, so the fix is obvious to whoever trips it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

const nodeModules = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'http',
  'net',
  'crypto',
  'url',
  'util',
];

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

// What the whole renderer forbids; charts repeat it in their own rule set.
const rendererWide = [
  {
    group: [...nodeModules, 'electron', 'better-sqlite3', 'ws'],
    message: 'The renderer is sandboxed with no Node: talk to the engine through the API client.',
  },
  {
    group: ['**/src-main/**'],
    message: 'src-renderer never imports from src-main: use the typed API in src-shared.',
  },
];

// What every engine folder forbids; a folder's own rule set replaces the engine-wide one, so it repeats these.
const engineWide = [
  {
    group: ['electron'],
    message:
      'electron may be imported only in src-main/app and src-main/preload: the engine must run under plain Node (CLI, browser mode).',
  },
  { group: ['**/src-renderer/**'], message: 'The engine never imports UI code.' },
];

export default tseslint.config(
  {
    ignores: ['out/**', 'node_modules/**', 'native/**', 'test-results/**', 'playwright-report/**', 'test/fixtures/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser }, globals: { ...globals.browser } },
  },
  {
    files: ['src-shared/**'],
    rules: restrict([
      {
        group: [...nodeModules, 'electron', 'better-sqlite3', 'ws', 'pidusage', 'systeminformation'],
        message: 'src-shared is pure TypeScript shared by main and renderer: no Node, no Electron, no I/O.',
      },
      {
        group: ['**/src-main/**', '**/src-renderer/**'],
        message: 'src-shared must not depend on a process-specific layer.',
      },
    ]),
  },
  {
    files: ['src-main/**'],
    ignores: ['src-main/app/**', 'src-main/preload/**'],
    rules: restrict(engineWide),
  },
  {
    files: ['src-main/collectors/**'],
    rules: restrict([
      {
        group: ['child_process', 'node:child_process', 'systeminformation'],
        message:
          'A sample must never spawn a process: collectors read /proc (pidusage is the only fallback, where /proc is absent).',
      },
      {
        group: ['electron', 'better-sqlite3', '**/store/**'],
        message: 'collectors only read the system; sessions/ writes to the store.',
      },
    ]),
  },
  // Inside the engine, dependencies point one way: api → sessions → profilers and collectors; sessions
  // and api write through store, which reads only collectors (is a recorder alive?) and src-shared.
  {
    files: ['src-main/sessions/**'],
    rules: restrict([
      ...engineWide,
      {
        group: ['**/api/**', '**/server/**', '**/cli/**', '!**/src-shared/**'],
        message:
          'sessions/ is used by the API, the server and the CLI, never the reverse: shared types live in src-shared.',
      },
    ]),
  },
  {
    files: ['src-main/profilers/**'],
    rules: restrict([
      ...engineWide,
      {
        group: ['**/sessions/**', '**/api/**', '**/server/**', '**/cli/**', '**/store/**', '!**/src-shared/**'],
        message:
          'profilers/ run one profiler on one target and return profiles: the recording (sessions/) drives them and stores what they return.',
      },
    ]),
  },
  {
    files: ['src-main/store/**'],
    rules: restrict([
      ...engineWide,
      {
        group: ['**/sessions/**', '**/api/**', '**/server/**', '**/cli/**', '**/profilers/**', '!**/src-shared/**'],
        message: 'store/ keeps model values (src-shared types) and knows nothing of who records or profiles them.',
      },
    ]),
  },
  {
    files: ['src-main/analysis/**'],
    rules: restrict([
      {
        group: [...nodeModules, 'electron', 'better-sqlite3', 'ws', '**/store/**', '**/collectors/**'],
        message: 'analysis/ is pure: functions of model values with no I/O, so it can be tested and reused anywhere.',
      },
    ]),
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(rendererWide),
  },
  {
    // A rule set replaces the one above for these files, so it repeats the renderer's own patterns.
    files: [
      'src-renderer/charts/**',
      'src-renderer/components/flame-graph/**',
      'src-renderer/components/stack-chart/**',
    ],
    rules: restrict([
      ...rendererWide,
      {
        group: ['**/views/**', '**/state/**'],
        message:
          'Charts (the timeline, the flame graph, the stack chart) are drawn from values they are given: views and app state use them, never the other way round (a type both need lives beside the chart).',
      },
    ]),
  },
);
