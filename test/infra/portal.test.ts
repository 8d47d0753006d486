import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runInNewContext } from 'node:vm';
import { ENV, fallbackRoute, kebab, PORTAL_CSP } from '@sello/contracts';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { CONTEXT, functionNamed, logicalId, ofType, type Resource, synthesize } from './support.ts';

type Built = ReturnType<typeof synthesize>;

/** Managed CloudFront policies, by the ids AWS gives them. */
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

const DOMAIN = {
  portalDomain: 'portal.sello.example',
  portalCertificateArn:
    'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
};

/** A folder where no portal was ever built. */
const NO_BUILD = path.join(tmpdir(), 'sello-no-portal-build');

const only = (built: Built, type: string): Resource => {
  const found = ofType(built.templates.portal, type);
  expect(found, type).toHaveLength(1);
  return found[0]![1];
};
const distributionConfig = (built: Built) =>
  only(built, 'AWS::CloudFront::Distribution').Properties.DistributionConfig;
const portalIds = (built: Built) => {
  const { site } = built.portal;
  return {
    distribution: logicalId(built.portal, site.distribution),
    bucket: logicalId(built.portal, site.bucket),
    logBucket: logicalId(built.portal, site.logBucket),
    headers: logicalId(built.portal, site.headers),
    spaRewrite: logicalId(built.portal, site.spaRewrite),
  };
};

describe('the portal in AWS', () => {
  let built: Built;
  beforeAll(() => {
    built = synthesize({ portalDist: NO_BUILD });
  });

  it('comes after the API stack and before the area stacks, so nothing cycles', () => {
    expect(built.portal.stackName).toBe('Sello-test-Portal');
    expect(built.portal.dependencies).toContain(built.api);
    expect(built.api.dependencies).not.toContain(built.portal);
    expect(built.stateful.dependencies).not.toContain(built.portal);
    for (const area of built.areas.values()) expect(area.dependencies).toContain(built.portal);
  });

  it('keeps the site in a private, encrypted, versioned, logged bucket refusing plain HTTP', () => {
    const ids = portalIds(built);
    const buckets = Object.fromEntries(ofType(built.templates.portal, 'AWS::S3::Bucket'));
    expect(Object.keys(buckets).sort()).toEqual([ids.bucket, ids.logBucket].sort());
    const blockAll = {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    };
    const sse = {
      ServerSideEncryptionConfiguration: [
        { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
      ],
    };
    expect(buckets[ids.bucket]).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: {
        PublicAccessBlockConfiguration: blockAll,
        BucketEncryption: sse,
        VersioningConfiguration: { Status: 'Enabled' },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LoggingConfiguration: {
          DestinationBucketName: { Ref: ids.logBucket },
          LogFilePrefix: 'site-bucket/',
        },
      },
    });
    // CloudFront's standard logs need ACLs on their bucket; it is private all the same.
    expect(buckets[ids.logBucket]).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: {
        PublicAccessBlockConfiguration: blockAll,
        BucketEncryption: sse,
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] },
      },
    });
    for (const [, policy] of ofType(built.templates.portal, 'AWS::S3::BucketPolicy')) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it('lets only this distribution read the site bucket, through Origin Access Control', () => {
    const ids = portalIds(built);
    const policy = ofType(built.templates.portal, 'AWS::S3::BucketPolicy').find(
      ([, p]) => p.Properties.Bucket.Ref === ids.bucket,
    )?.[1];
    const allows = policy?.Properties.PolicyDocument.Statement.filter(
      (st: { Effect: string }) => st.Effect === 'Allow',
    );
    expect(allows).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [ids.bucket, 'Arn'] }, '/*']] },
        Condition: {
          StringEquals: {
            'AWS:SourceArn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':cloudfront::',
                  { Ref: 'AWS::AccountId' },
                  ':distribution/',
                  { Ref: ids.distribution },
                ],
              ],
            },
          },
        },
      },
    ]);
    const oac = ofType(built.templates.portal, 'AWS::CloudFront::OriginAccessControl');
    expect(oac).toHaveLength(1);
    expect(oac[0]![1].Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const s3Origin = distributionConfig(built).Origins.find(
      (o: { S3OriginConfig?: unknown }) => o.S3OriginConfig,
    );
    expect(s3Origin).toMatchObject({
      DomainName: { 'Fn::GetAtt': [ids.bucket, 'RegionalDomainName'] },
      OriginAccessControlId: { 'Fn::GetAtt': [oac[0]![0], 'Id'] },
      // No legacy origin access identity.
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
  });

  it('serves the site by default and the HTTP API under /v1/*, uncached, with every header but Host', () => {
    const ids = portalIds(built);
    const config = distributionConfig(built);
    const originOf = (id: string) => config.Origins.find((o: { Id: string }) => o.Id === id);
    expect(config.DefaultCacheBehavior).toEqual({
      TargetOriginId: expect.any(String),
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
      CachePolicyId: CACHING_OPTIMIZED,
      Compress: true,
      ResponseHeadersPolicyId: { Ref: ids.headers },
      FunctionAssociations: [
        {
          EventType: 'viewer-request',
          FunctionARN: { 'Fn::GetAtt': [ids.spaRewrite, 'FunctionARN'] },
        },
      ],
    });
    expect(originOf(config.DefaultCacheBehavior.TargetOriginId).S3OriginConfig).toBeDefined();

    expect(config.CacheBehaviors).toHaveLength(1);
    const [api] = config.CacheBehaviors;
    expect(api).toEqual({
      PathPattern: '/v1/*',
      TargetOriginId: api.TargetOriginId,
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
      ResponseHeadersPolicyId: { Ref: ids.headers },
      Compress: true,
    });
    const apiRef = logicalId(built.api, built.api.routedApi.api);
    expect(originOf(api.TargetOriginId)).toEqual({
      Id: api.TargetOriginId,
      DomainName: {
        'Fn::Join': [
          '',
          [
            {
              'Fn::ImportValue': expect.stringMatching(`^Sello-test-Api:ExportsOutputRef${apiRef}`),
            },
            '.execute-api.eu-west-1.',
            { Ref: 'AWS::URLSuffix' },
          ],
        ],
      },
      CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
    });
  });

  it('speaks HTTP/2 and HTTP/3, logs access, and has no distribution-wide error pages', () => {
    const ids = portalIds(built);
    const config = distributionConfig(built);
    expect(config).toMatchObject({
      Enabled: true,
      HttpVersion: 'http2and3',
      DefaultRootObject: 'index.html',
      Logging: {
        Bucket: { 'Fn::GetAtt': [ids.logBucket, 'RegionalDomainName'] },
        Prefix: 'cloudfront/',
      },
    });
    // Custom error responses would also rewrite the API's 403/404 problem+json answers.
    expect(config.CustomErrorResponses).toBeUndefined();
    // No domain configured: the *.cloudfront.net name and CloudFront's certificate.
    expect(config.Aliases).toBeUndefined();
    expect(config.ViewerCertificate).toBeUndefined();
  });

  it("answers the app's routes with /index.html, and files and bundles as they are", () => {
    const fn = only(built, 'AWS::CloudFront::Function');
    expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    const handler = runInNewContext(`${fn.Properties.FunctionCode}\nhandler`, {}) as (event: {
      request: { uri: string };
    }) => { uri: string };
    const served = (uri: string) => handler({ request: { uri } }).uri;
    const routes = [
      '/',
      '/invoices',
      '/invoices/01JF3Q6Z/pdf',
      '/invoices/F2026.000001',
      '/staff/ana@x.es',
      '/inbox/',
    ];
    for (const route of routes) expect(served(route), route).toBe('/index.html');
    const files = [
      '/index.html',
      '/assets/index-4f2a9c.js',
      '/assets/index-4f2a9c.css',
      '/assets/fonts/inter.woff2',
      '/favicon.svg',
      '/icons/icon-192.PNG',
      '/robots.txt',
      '/manifest.webmanifest',
    ];
    for (const file of files) expect(served(file), file).toBe(file);
  });

  it('adds a strict CSP, HSTS for two years with preload, DENY framing, nosniff and a referrer policy', () => {
    const policy = only(built, 'AWS::CloudFront::ResponseHeadersPolicy');
    expect(policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig).toEqual({
      ContentSecurityPolicy: {
        ContentSecurityPolicy:
          "default-src 'self'; script-src 'self'; " +
          "style-src 'self' 'sha256-38RhXrc7EdReTKsOm23ZPOCUgniTUUcjky8QOOrQx6o='; " +
          "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; frame-src 'self' blob:; " +
          "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        Override: true,
      },
      StrictTransportSecurity: {
        AccessControlMaxAgeSec: 2 * 365 * 24 * 3600,
        IncludeSubdomains: true,
        Preload: true,
        Override: true,
      },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ContentTypeOptions: { Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
    });
    expect(PORTAL_CSP).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('deploys bundles before pages, keeps old bundles, and invalidates /index.html', () => {
    const ids = portalIds(built);
    const resources = built.templates.portal.toJSON().Resources as Record<
      string,
      Resource & { DependsOn?: string[] }
    >;
    const deployments = Object.entries(resources).filter(
      ([, r]) => r.Type === 'Custom::CDKBucketDeployment',
    );
    expect(deployments).toHaveLength(2);
    const [assetsId, assets] = deployments.find(([, d]) => d.Properties.Include)!;
    const [, pages] = deployments.find(([, d]) => !d.Properties.Include)!;
    expect(assets.Properties).toMatchObject({
      DestinationBucketName: { Ref: ids.bucket },
      Exclude: ['*'],
      Include: ['assets/*'],
      Prune: false,
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
      OutputObjectKeys: false,
    });
    expect(assets.Properties.DistributionId).toBeUndefined();
    expect(pages.Properties).toMatchObject({
      DestinationBucketName: { Ref: ids.bucket },
      Exclude: ['assets/*'],
      Prune: true,
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionId: { Ref: ids.distribution },
      DistributionPaths: ['/index.html'],
      OutputObjectKeys: false,
    });
    expect(pages.DependsOn).toContain(assetsId);
  });

  it('deploys a placeholder page, and warns, when the portal was not built', () => {
    expect(built.portal.site.built).toBe(false);
    Annotations.fromStack(built.portal).hasWarning(
      '/Sello-test-Portal/Portal',
      Match.stringLikeRegexp(`No portal build at ${NO_BUILD}`),
    );
  });

  it('puts the portal URL in every area function, the onboarding mail among them', () => {
    const distribution = portalIds(built).distribution;
    const portalUrl = {
      'Fn::Join': [
        '',
        [
          'https://',
          {
            'Fn::ImportValue': expect.stringMatching(
              `^Sello-test-Portal:ExportsOutputFnGetAtt${distribution}DomainName`,
            ),
          },
        ],
      ],
    };
    // processIssuedInvoices mails the buyer the link to register in the portal.
    const [, notifier] = functionNamed(built.templates.areas, 'sello-test-process-issued-invoices');
    expect(notifier.Properties.Environment.Variables[ENV.portalUrl]).toEqual(portalUrl);
    const functions = ofType(built.templates.areas, 'AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(1);
    for (const [, fn] of functions) {
      expect(
        fn.Properties.Environment.Variables[ENV.portalUrl],
        fn.Properties.FunctionName,
      ).toEqual(portalUrl);
    }
    // The fallback (404s only) lives in the stack the portal points at, and writes no links.
    const [, fallback] = functionNamed(
      built.templates.api,
      `sello-test-${kebab(fallbackRoute.id)}`,
    );
    expect(fallback.Properties.Environment.Variables[ENV.portalUrl]).toBeUndefined();
  });
});

describe('the portal on its own domain', () => {
  let built: Built;
  beforeAll(() => {
    built = synthesize({ context: DOMAIN, portalDist: NO_BUILD });
  });

  it('answers on the domain with its certificate, TLS 1.2 or later, by SNI', () => {
    expect(distributionConfig(built)).toMatchObject({
      Aliases: ['portal.sello.example'],
      ViewerCertificate: {
        AcmCertificateArn: DOMAIN.portalCertificateArn,
        MinimumProtocolVersion: 'TLSv1.2_2021',
        SslSupportMethod: 'sni-only',
      },
    });
  });

  it('puts https://<domain> in the functions, and the area stacks no longer import the portal', () => {
    const [, notifier] = functionNamed(built.templates.areas, 'sello-test-process-issued-invoices');
    expect(notifier.Properties.Environment.Variables[ENV.portalUrl]).toBe(
      'https://portal.sello.example',
    );
    for (const area of built.areas.values()) expect(area.dependencies).not.toContain(built.portal);
    // Still exported: a stage moving to its own domain drops the imports in the same deployment.
    const outputs = built.templates.portal.toJSON().Outputs as Record<
      string,
      { Export?: { Name: string } }
    >;
    const distribution = portalIds(built).distribution;
    expect(
      Object.values(outputs).some((o) =>
        o.Export?.Name.startsWith(
          `Sello-test-Portal:ExportsOutputFnGetAtt${distribution}DomainName`,
        ),
      ),
    ).toBe(true);
  });
});

describe('a built portal', () => {
  let dist: string;
  beforeAll(() => {
    dist = mkdtempSync(path.join(tmpdir(), 'sello-portal-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>built portal</title>');
    writeFileSync(path.join(dist, 'assets', 'index-4f2a9c.js'), 'console.log(1)');
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('is what both deployments copy', () => {
    const built = synthesize({ portalDist: dist });
    expect(built.portal.site.built).toBe(true);
    Annotations.fromStack(built.portal).hasNoWarning(
      '*',
      Match.stringLikeRegexp('No portal build'),
    );
    const deployments = ofType(built.templates.portal, 'Custom::CDKBucketDeployment');
    const keys = new Set(deployments.map(([, d]) => JSON.stringify(d.Properties.SourceObjectKeys)));
    expect(keys.size).toBe(1);
    // The asset they name is this folder, zipped (tests synthesize without staging a copy).
    const [key] = deployments[0]![1].Properties.SourceObjectKeys as string[];
    const manifest = JSON.parse(
      readFileSync(path.join(built.app.outdir, 'Sello-test-Portal.assets.json'), 'utf8'),
    ) as { files: Record<string, { source: { path: string; packaging: string } }> };
    expect(manifest.files[key!.replace(/\.zip$/, '')]?.source).toEqual({
      path: dist,
      packaging: 'zip',
    });
  });
});

describe('portal context', () => {
  const build = (context: Record<string, string>) => () =>
    buildApp({
      bundling: false,
      cfnValidation: false,
      nag: false,
      context: { ...CONTEXT, ...context },
    });

  it('takes the domain and the certificate together', () => {
    expect(build({ portalDomain: DOMAIN.portalDomain })).toThrow(/go together/);
    expect(build({ portalCertificateArn: DOMAIN.portalCertificateArn })).toThrow(/go together/);
  });

  it('refuses a certificate outside us-east-1 and a domain that is not a host name', () => {
    expect(
      build({
        ...DOMAIN,
        portalCertificateArn: DOMAIN.portalCertificateArn.replace('us-east-1', 'eu-west-1'),
      }),
    ).toThrow(/us-east-1/);
    expect(build({ ...DOMAIN, portalDomain: 'https://portal.sello.example' })).toThrow(
      /portalDomain/,
    );
  });
});
