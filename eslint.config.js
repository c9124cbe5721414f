import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const sharedForbiddenImports = [
  'electron',
  'react',
  'react-dom',
  'fabric',
  'better-sqlite3',
  'electron-store',
  'canvas',
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'child_process',
  'node:child_process',
  'net',
  'node:net',
  'http',
  'node:http',
  'https',
  'node:https',
  'worker_threads',
  'node:worker_threads',
  'os',
  'node:os',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'test-results/**', '.tmp/**', 'demo/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-throw-literal': 'error',
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'multi-line'],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: sharedForbiddenImports.map((name) => ({
            name,
            message: 'shared/ is pure: no I/O, no Electron, no UI. Do the I/O in main/ and pass data in.',
          })),
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'shared/ never opens the network; inject a resolver.' },
        { name: 'window', message: 'shared/ is not browser code.' },
        { name: 'document', message: 'shared/ is not browser code.' },
        { name: 'localStorage', message: 'shared/ is pure.' },
        { name: 'process', message: 'shared/ does not read the environment; pass values in.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Take the time from an injected clock.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Take the time from an injected clock.' },
      ],
    },
  },
  {
    files: ['main/services/**/*.ts', 'main/db/**/*.ts', 'main/cli/**/*.ts', 'main/serve/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Services, the database and the CLI run in plain Node: no electron import.' }] },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
