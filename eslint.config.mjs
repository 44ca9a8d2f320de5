// Lint for every package: typescript-eslint's recommended rules, plus the few that catch real
// bugs in async code. Layer boundaries are checked by dependency-cruiser (.dependency-cruiser.cjs).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/cdk.out/**', '**/coverage/**', '**/.turbo/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Configuration is read from the environment once per app (apps/cli/src/io/config.ts, the
    // Lambda runtime), into the container's one typed config: nothing below reads process.env.
    files: ['packages/*/src/**/*.ts', 'apps/cli/src/commands/**/*.ts', 'apps/lambdas/src/handlers/**/*.ts', 'apps/lambdas/src/http/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.fixture.ts', 'packages/local-stack/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Take configuration from the one typed config (configFromEnv in the app\'s config reader), not from process.env.' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
