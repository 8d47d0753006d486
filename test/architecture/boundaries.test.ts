import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cruiseTree, describeViolations, packageCycles } from './cruise.ts';
import { FORBIDDEN } from './rules.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));

// Cruising ~600 modules with the TypeScript compiler takes seconds, more on a busy machine.
const SLOW = 300_000;

describe('import boundaries', () => {
  it(
    'hold across packages, functions and infra',
    async () => {
      const result = await cruiseTree(repoRoot, ['packages', 'functions', 'infra'], FORBIDDEN);
      expect(result.modules.length).toBeGreaterThan(300);
      expect(describeViolations(result)).toEqual([]);
      expect(packageCycles(result)).toEqual([]);
    },
    SLOW,
  );

  it(
    'bite: every rule reports its deliberate breach in the fixture tree',
    async () => {
      const result = await cruiseTree(fixtures, ['packages', 'functions', 'infra'], FORBIDDEN);
      expect(describeViolations(result)).toEqual(
        [
          'aws-holds-adapters-only: packages/aws/src/repository.ts -> packages/app/src/wiring.ts',
          'core-is-the-domain: packages/core/src/invoices/leak.ts -> packages/aws/src/repository.ts',
          'functions-use-entry-points: functions/area/operation.ts -> packages/aws/src/repository.ts',
          'http-has-no-adapters: packages/http/src/handler.ts -> packages/aws/src/repository.ts',
          'infra-imports-no-runtime: infra/stack.ts -> packages/core/src/invoices/index.ts',
          'no-circular: packages/pdf/src/a.ts -> packages/pdf/src/b.ts',
          'no-circular: packages/pdf/src/a.ts -> packages/signing/src/sign.ts',
          'no-relative-reach-into-another-package: packages/aws/src/repository.ts -> packages/app/src/wiring.ts',
          'no-relative-reach-into-another-package: packages/core/src/invoices/leak.ts -> packages/aws/src/repository.ts',
          'no-relative-reach-into-another-package: packages/formats/src/build.ts -> packages/app/src/wiring.ts',
          'no-relative-reach-into-another-package: packages/http/src/handler.ts -> packages/aws/src/repository.ts',
          'no-relative-reach-into-another-package: packages/pdf/src/a.ts -> packages/signing/src/sign.ts',
          'no-relative-reach-into-another-package: packages/signing/src/sign.ts -> packages/pdf/src/b.ts',
          'pure-packages-reach-no-adapter: packages/core/src/invoices/leak.ts -> packages/aws/src/repository.ts',
          'pure-packages-reach-no-adapter: packages/formats/src/build.ts -> packages/app/src/wiring.ts',
        ].sort(),
      );
      // Every rule is shown to fire at least once.
      const fired = new Set(result.summary.violations.map((v) => v.rule.name));
      expect([...fired].sort()).toEqual(FORBIDDEN.map((r) => r.name).sort());
      expect(packageCycles(result)).toEqual([['packages/pdf', 'packages/signing', 'packages/pdf']]);
    },
    SLOW,
  );
});
