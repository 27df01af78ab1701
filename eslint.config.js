import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Import boundaries keep the architecture honest (see ../shared/STYLE.md "Imports flow one way"):
// model is pure; web never reaches into api or mesh-sim; mesh-sim never reaches into api.
const nodeBuiltins = ['node:*', 'fs', 'path', 'http', 'https', 'net', 'child_process', 'os'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.tsbuild/**', 'e2e/output/**', '.test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['packages/model/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'packages/model is pure: no Node or I/O imports.' },
            {
              group: ['react', 'express', '@sluice/*', '@kubernetes/*'],
              message: 'packages/model imports nothing above it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/mesh-sim/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@sluice/api', '@sluice/web', 'react'], message: 'mesh-sim sits below api and web.' }] },
      ],
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@sluice/api', '@sluice/mesh-sim', 'express', '@kubernetes/*', ...nodeBuiltins],
              message: 'web talks to the API over HTTP only; shared types come from @sluice/model.',
            },
          ],
        },
      ],
    },
  },
);
