import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import checkFile from 'eslint-plugin-check-file';

// Import boundaries and cycles are checked by dependency-cruiser (.dependency-cruiser.cjs), not here:
// one place states the layering (docs/decisions/0001-import-boundaries-with-dependency-cruiser.md).

// kebab-case that may start with a digit (e2e journeys are numbered: 01-canary-rollout.spec.ts).
const kebab = '+([a-z0-9])*(-+([a-z0-9]))';

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
    // One case style for file and folder names across the repo (STYLE.md): kebab-case, so an import
    // path never differs from the file by case on a case-insensitive disk. Components are PascalCase
    // inside their files, not in their names.
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    plugins: { 'check-file': checkFile },
    rules: {
      'check-file/filename-naming-convention': [
        'error',
        { '**/*.{ts,tsx,js,mjs,cjs}': kebab },
        { ignoreMiddleExtensions: true },
      ],
      'check-file/folder-naming-convention': ['error', { '**/': kebab }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { globals: { ...globals.node }, sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Inside a feature, './x' and '../api/x'; anything further away goes through '@/' (apps/web/src).
      // After a merge: node scripts/alias-web-imports.mjs && npx prettier --write apps/web/src
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./\\.\\./', message: "Use the '@/' alias for imports that climb two folders." }] },
      ],
    },
  },
);
