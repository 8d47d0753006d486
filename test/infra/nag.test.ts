import { ACCESS, fallbackRoute, type RouteDef } from '@sello/contracts';
import { type App, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { MIN_REASON_LENGTH } from '../../infra/constructs/nag.ts';
import { CONTEXT, reachTables } from './support.ts';

/** AwsSolutions with acknowledgements ignored: what the rules find before anyone argues. */
class UnacknowledgedChecks extends AwsSolutionsChecks {}
Object.defineProperty(UnacknowledgedChecks.prototype, 'isAcknowledged', { value: () => false });

interface Ack {
  path: string;
  id: string;
  reason: string;
}

function acknowledgements(app: App): Ack[] {
  return app.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
          path: c.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

// Every Access on one route, so the nag also sees the mail, artifact, scheduler and user grants.
const everyAccess: RouteDef = {
  id: 'probeEverything',
  method: 'POST',
  path: '/v1/probes',
  entry: fallbackRoute.entry,
  auth: 'tenant',
  access: [...ACCESS],
  summary: 'probe',
  tag: 'Probe',
  responses: {},
};

describe.each([
  ['the route table', {}],
  ['a route with every access', { routes: [everyAccess] }],
  ['functions invoking functions and run-time schedule targets', reachTables()],
  [
    'a stage serving the portal on its own domain',
    {
      context: {
        ...CONTEXT,
        portalDomain: 'portal.sello.example',
        portalCertificateArn:
          'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      },
    },
  ],
])('cdk-nag AwsSolutions on %s', (_, tables) => {
  const build = () =>
    buildApp({ bundling: false, cfnValidation: false, nag: true, context: CONTEXT, ...tables });

  it('synthesizes with the checks registered and no unacknowledged finding', () => {
    const { app } = build();
    expect(() => app.synth()).not.toThrow();
    const report = new AwsSolutionsChecks().validateScope(app);
    const findings = report.violations.map(
      (v) => `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath)}`,
    );
    expect(findings).toEqual([]);
  });

  it('acknowledges only real findings, each with a reason', () => {
    const { app } = build();
    app.synth();
    const raw = new UnacknowledgedChecks().validateScope(app).violations;
    const acks = acknowledgements(app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.reason.trim().length, `${ack.id} at ${ack.path}`).toBeGreaterThanOrEqual(
        MIN_REASON_LENGTH,
      );
      const matched = raw.some(
        (v) =>
          v.ruleName === ack.id &&
          v.violatingResources.some(
            (r) => r.constructPath === ack.path || !!r.constructPath?.startsWith(`${ack.path}/`),
          ),
      );
      expect(matched, `stale acknowledgement ${ack.id} at ${ack.path}`).toBe(true);
    }
  });
});

it('fails synthesis on a finding nobody acknowledged', () => {
  const { app, stateful } = buildApp({
    bundling: false,
    cfnValidation: false,
    nag: true,
    context: CONTEXT,
  });
  // A queue without a dead-letter queue or TLS enforcement.
  new sqs.Queue(stateful, 'Careless', { encryption: sqs.QueueEncryption.SQS_MANAGED });
  expect(() => app.synth()).toThrow(/AwsSolutions-SQS[34]/);
});
