import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vitest from '@vitest/eslint-plugin';

export default tseslint.config(
  { ignores: ['node_modules/**', 'reports/out/**', 'bench/out/**', '.archtdd/**', '.podman/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['test/**/*.ts', 'assertions/**/*.ts'],
    plugins: { vitest },
    rules: {
      ...vitest.configs.recommended.rules,
      // vitest does not warn about a missing await on custom async matchers: make lint do it.
      'vitest/valid-expect': [
        'error',
        { asyncMatchers: ['toHold', 'toResolve', 'toReject', 'rejects', 'resolves'], alwaysAwait: true, maxArgs: 2 },
      ],
      'vitest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*', 'assert*'] }],
    },
  },
);
