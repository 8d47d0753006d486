/**
 * The import boundaries of the repository, as a dependency-cruiser rule set. Paths are relative to
 * the folder cruised (the repository root, or a fixture tree shaped like it), so one rule set
 * serves the real code and the fixtures that prove each rule bites.
 */
import type { IForbiddenRuleType } from 'dependency-cruiser';

/** Packages that hold no adapter and must not reach AWS, the wiring or the local platform. */
const PURE = 'core|contracts|formats|signing|pdf';

export const FORBIDDEN: IForbiddenRuleType[] = [
  {
    name: 'core-is-the-domain',
    comment: 'core imports no other workspace package, no AWS SDK, no HTTP or Lambda library',
    severity: 'error',
    from: { path: '^packages/core/' },
    to: {
      path: [
        '^packages/(?!core/)',
        '^(functions|infra)/',
        'node_modules/(@aws-sdk|@middy|@aws-lambda-powertools|aws-lambda|aws-cdk-lib)/',
      ],
    },
  },
  {
    name: 'http-has-no-adapters',
    comment: 'packages/http takes its stores by injection: no AWS adapter, no wiring, no SDK',
    severity: 'error',
    from: { path: '^packages/http/' },
    to: { path: ['^packages/(aws|app|local)/', 'node_modules/@aws-sdk/'] },
  },
  {
    name: 'aws-holds-adapters-only',
    comment:
      'adapters implement ports; they never reach the wiring, the HTTP layer or the local stack',
    severity: 'error',
    from: { path: '^packages/aws/' },
    to: { path: ['^packages/(app|http|local)/', '^(functions|infra)/'] },
  },
  {
    name: `pure-packages-reach-no-adapter`,
    comment: 'formats, signing, pdf and contracts reach no adapter, wiring or local platform',
    severity: 'error',
    from: { path: `^packages/(${PURE})/` },
    to: {
      path: ['^packages/(aws|app|http|local)/', '^(functions|infra)/', 'node_modules/@aws-sdk/'],
    },
  },
  {
    name: 'functions-use-entry-points',
    comment:
      'a function imports only the wiring, the HTTP layer, the contracts and core entry points',
    severity: 'error',
    from: { path: '^functions/' },
    to: {
      pathNot: [
        '^packages/(app|http|contracts)/src/',
        '^packages/core/src/([^/]+/index|errors)\\.ts$',
        'node_modules/@types/aws-lambda/',
      ],
    },
  },
  {
    name: 'infra-imports-no-runtime',
    comment: 'the CDK app reads only the contracts (route table, env names, resource names)',
    severity: 'error',
    from: { path: '^infra/' },
    to: { path: '^packages/(?!contracts/)' },
  },
  {
    name: 'no-relative-reach-into-another-package',
    comment: 'a package imports another by its name and exports, never its files by relative path',
    severity: 'error',
    from: { path: '^packages/([^/]+)/' },
    to: {
      path: '^packages/',
      pathNot: '^packages/$1/',
      // A relative specifier ('../../core/src/x.ts'); '@sello/core' resolves as an alias.
      dependencyTypes: ['local'],
      dependencyTypesNot: ['aliased'],
    },
  },
  {
    name: 'no-circular',
    comment: 'no module takes part in an import cycle',
    severity: 'error',
    from: { path: '^(packages|functions|infra)/' },
    to: { circular: true },
  },
];
