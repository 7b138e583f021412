import { defineConfig } from 'vitest/config';

/**
 * Three projects:
 *   unit         fast, no servers (fakes named in test names)
 *   integration  real servers, real sockets; one file at a time so servers do not fight for 2 cores
 *   slo          the SLO suites in assertions/, one file at a time, long timeouts
 * `pnpm test` runs unit + integration; `pnpm test:slo` runs slo through `archtdd run`.
 */
export default defineConfig({
  test: {
    // The archtdd reporter writes reports/out/{baseline.json,baseline.html,summary.md,junit.xml}
    // from task.meta (it writes nothing when no test carries archtdd meta); vitest's own JUnit
    // goes beside it for CI systems that want per-test timings.
    reporters: ['default', './reports/vitest-reporter.ts', ['junit', { outputFile: `${process.env.ARCHTDD_REPORT_DIR ?? 'reports/out'}/vitest-junit.xml` }]],
    // Servers and load share 2 cores: one test file at a time keeps measurements honest.
    fileParallelism: false,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'slo',
          include: ['assertions/**/*.slo.ts'],
          setupFiles: ['./cli/plugins.ts'],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          pool: 'forks',
          sequence: { concurrent: false },
        },
      },
    ],
  },
});
