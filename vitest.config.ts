import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The browser test files share one platform and its demo tenant: run them in the order of their
 * names, the same on every machine (the default orders by earlier durations and file sizes).
 */
class ByName extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    return [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId));
  }
}

/**
 * Test tiers (see README): unit tests live next to the code and touch no network; integration and
 * contract tests run against real local servers started once per run by the global setup; infra
 * tests synthesise the CDK app; browser tests drive the portal in Debian's Chromium against one
 * `npm start` of their own.
 */
export default defineConfig({
  test: {
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Generous: certificate and key generation take seconds on a busy 2-core machine, and a
          // timeout is a hang detector here, never a speed check (speed is `npm run bench`).
          testTimeout: 60_000,
          include: [
            'packages/*/src/**/*.test.ts',
            'packages/portal/scripts/**/*.test.ts',
            'test/architecture/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: [
            'test/integration/**/*.test.ts',
            'test/contract/**/*.test.ts',
            'test/conformance/**/*.test.ts',
          ],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/per-file.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // One platform for all files (it may build the portal first: minutes when busy); the
          // files one after another, each with its own browser, so two cores are not swamped.
          globalSetup: ['test/e2e/support/global-setup.ts'],
          fileParallelism: false,
          sequence: { sequencer: ByName },
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
