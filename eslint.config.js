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
    files: ['main/services/**/*.ts', 'main/db/**/*.ts', 'main/cli/**/*.ts', 'main/serve/**/*.ts', 'main/ipc/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Services, the database and the CLI run in plain Node: no electron import.' }] },
      ],
    },
  },
  {
    // The UI reaches main only through renderer/platform/api.ts; from shared/ it takes the contract,
    // the message catalogue, errors/results and the design document, never Node or signing code.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'child_process', 'electron', 'better-sqlite3'], message: 'The renderer is a web page: ask main through the IPC contract.' },
            { group: ['**/main/**'], message: 'The renderer reaches main only through renderer/platform/api.ts.' },
            {
              group: ['**/shared/sign/**', '**/shared/bake/**', '**/shared/site/**', '**/shared/ob2/**', '**/shared/ob3/**', '**/shared/verify/**'],
              allowTypeImports: true,
              message: 'Only types from signing, baking, site and verification code may enter the UI bundle.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
