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
    rules: restrict([
      {
        group: ['electron'],
        message:
          'electron may be imported only in src-main/app and src-main/preload: the engine must run under plain Node (CLI, browser mode).',
      },
      { group: ['**/src-renderer/**'], message: 'The engine never imports UI code.' },
    ]),
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
    rules: restrict([
      {
        group: [...nodeModules, 'electron', 'better-sqlite3', 'ws'],
        message: 'The renderer is sandboxed with no Node: talk to the engine through the API client.',
      },
      {
        group: ['**/src-main/**'],
        message: 'src-renderer never imports from src-main: use the typed API in src-shared.',
      },
    ]),
  },
);
