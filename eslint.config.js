// ESLint flat config. The firmware core may import nothing from a host:
// no Electron, React, zustand or Node built-ins, and no browser globals.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const HOST_MODULES = ['electron', 'react', 'react-dom', 'zustand', 'ws', 'tftp', 'sql.js',
  'fs', 'path', 'dgram', 'http', 'https', 'net', 'os', 'child_process', 'crypto', 'url', 'events', 'stream', 'buffer'];

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'test-results', 'playwright-report', '.lab-data'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src-firmware/**/*.ts'],
    ignores: ['src-firmware/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        paths: HOST_MODULES.map((name) => ({ name, message: 'The firmware core reaches the outside only through the Board.' })),
        patterns: [{ group: ['node:*', '../src-*', '../../src-*'], message: 'The firmware core imports nothing from hosts.' }],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'setTimeout', 'clearTimeout', 'setInterval',
        'clearInterval', 'fetch', 'WebSocket', 'localStorage', 'process', 'Buffer', 'navigator', 'console',
        'TextDecoder', 'TextEncoder'],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Read time from board.clock.' },
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'Read time from board.clock.' },
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'Randomness comes from the board.' }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['src-main/**/*.ts', 'src-board/**/*.ts', 'src-lab/**/*.ts', 'src-ccem/**/*.ts', 'src-host/**/*.ts', 'scripts/**/*.mjs', 'e2e/**/*.ts', 'bench/**/*.ts', 'testing/**/*.ts', '*.config.*', 'src-firmware/**/*.test.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
);
