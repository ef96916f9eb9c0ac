// Lint (npm run lint, and CI): typescript-eslint's recommended rules over the TypeScript sources;
// formatting is Prettier's (.prettierrc.json), so eslint-config-prettier turns off what it decides.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'tools/**', 'test-output/**', '.pact-data/**', 'apps/api/web/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      // Prettier wraps code at 160; what it cannot wrap (a long text, a URL, a pattern) may stay.
      'max-len': ['error', { code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }],
      // `const { _id, ...rest } = doc` leaves a field out on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests, test doubles, the demo's simulated people and the benchmarks read JSON answers as
    // they come; the product's code types what it reads.
    files: ['test/**', '**/*.spec.ts', 'libs/engine/src/testing/**', 'apps/demo/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
