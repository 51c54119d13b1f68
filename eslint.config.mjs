import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['build/**', '.local/**', 'node_modules/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,mjs,cjs,js}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // Apps Script globals may be named only in src/platform/.
      'no-restricted-globals': [
        'error',
        ...[
          'CardService',
          'PropertiesService',
          'CacheService',
          'LockService',
          'Session',
          'Utilities',
          'SpreadsheetApp',
          'Sheets',
          'ScriptApp',
          'Logger',
        ].map((name) => ({ name, message: 'Apps Script globals belong in src/platform/.' })),
      ],
    },
  },
  {
    files: ['src/platform/**/*.ts'],
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
