import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Apps Script services: only src/gas may touch them.
const appsScriptGlobals = [
  'SpreadsheetApp',
  'FormApp',
  'MailApp',
  'GmailApp',
  'ScriptApp',
  'LockService',
  'PropertiesService',
  'HtmlService',
  'Utilities',
  'Session',
  'Logger',
  'DriveApp',
  'DocumentApp',
  'CacheService',
  'UrlFetchApp',
];
const nodeGlobals = [
  'process',
  'Buffer',
  'require',
  'module',
  '__dirname',
  '__filename',
  'setTimeout',
  'setInterval',
  'console',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'outbox/', 'test-artifacts/', 'dist-cli/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The domain is pure: time comes in as a value, the world only through ports.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[...appsScriptGlobals, ...nodeGlobals].map((name) => ({
          name,
          message: 'src/domain is pure: no Apps Script or Node globals (go through a port).',
        })),
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process'],
              message: 'src/domain is pure: no Node modules.',
            },
            {
              group: ['**/app/**', '**/gas/**', '**/node/**', 'exceljs', 'nodemailer'],
              message: 'src/domain depends on nothing outside it.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'src/domain takes time as an argument.' },
        { object: 'Math', property: 'random', message: 'src/domain is deterministic.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'src/domain takes time as an argument.',
        },
      ],
    },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...appsScriptGlobals.map((name) => ({
          name,
          message: 'src/app talks to the world only through ports.',
        })),
        ...['process', 'Buffer', 'require'].map((name) => ({
          name,
          message: 'src/app talks to the world only through ports.',
        })),
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', '**/gas/**', '**/node/**', 'exceljs', 'nodemailer'],
              message: 'src/app depends on ports, not shells.',
            },
          ],
        },
      ],
    },
  },
  {
    // Apps Script's V8 has none of these: a bundle that uses one builds, then fails in Google.
    files: ['src/gas/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'process',
          'Buffer',
          'require',
          'module',
          'setTimeout',
          'setInterval',
          'URL',
          'TextEncoder',
          'fetch',
        ].map((name) => ({ name, message: 'Apps Script has no such global.' })),
      ],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', '**/node/**'], message: 'src/gas runs in Apps Script.' }] },
      ],
    },
  },
);
