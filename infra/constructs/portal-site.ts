import { existsSync } from 'node:fs';
import { PORTAL_CSP } from '@sello/contracts';
import {
  Annotations,
  BOOTSTRAP_QUALIFIER_CONTEXT,
  DefaultStackSynthesizer,
  Duration,
  RemovalPolicy,
  Stack,
} from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { acknowledge, findingText } from './nag.ts';

export interface PortalSiteProps {
  stage: string;
  /** Host name of the HTTP API (`<id>.execute-api.<region>.amazonaws.com`): `/v1/*` goes there. */
  apiDomain: string;
  /** The portal's own domain and its us-east-1 certificate; else the `*.cloudfront.net` name. */
  domain?: { name: string; certificateArn: string };
  /** The built portal (Vite's `dist/`); when it does not exist a placeholder page is deployed. */
  distPath: string;
}

/**
 * Viewer-request function of the site's behaviour (never of `/v1/*`): a path that does not end in
 * a static file's extension is a route of the single-page app and gets `/index.html`, so deep
 * links work and a route parameter with a dot (`/staff/ana@x.es`, `F2026.000001`) is still a
 * route. CloudFront's custom error responses would do the same for 403/404, but they apply to
 * the whole distribution and would turn the API's own 403 and 404 problem+json into the page.
 */
export const SPA_REWRITE = `var FILE = /\\.(?:html|js|mjs|css|map|json|webmanifest|txt|xml|ico|png|svg|jpe?g|gif|webp|avif|woff2?|ttf|otf)$/i;
function handler(event) {
  var request = event.request;
  if (!FILE.test(request.uri)) request.uri = '/index.html';
  return request;
}`;

/** Shown when `cdk synth` runs before the portal was built (tests, a first offline synth). */
const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sello</title></head>
<body><p>The Sello portal was not built when this stage was deployed.</p></body></html>
`;

/** Hashed bundles never change under the same name; everything else is revalidated each time. */
const IMMUTABLE = [
  s3deploy.CacheControl.setPublic(),
  s3deploy.CacheControl.maxAge(Duration.days(365)),
  s3deploy.CacheControl.immutable(),
];
const REVALIDATE = [s3deploy.CacheControl.noCache()];

/**
 * The web portal in AWS: a private bucket read by CloudFront through Origin Access Control, the
 * HTTP API under `/v1/*` on the same origin (so the portal needs no CORS and its refresh cookie
 * stays first-party), strict security headers on every answer, and access logs.
 */
export class PortalSite extends Construct {
  readonly bucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly headers: cloudfront.ResponseHeadersPolicy;
  readonly spaRewrite: cloudfront.Function;
  /** `https://<portal domain or distribution domain>`, no trailing slash. */
  readonly url: string;
  /** Whether `distPath` held a build at synth (else the placeholder page was deployed). */
  readonly built: boolean;

  constructor(scope: Construct, id: string, props: PortalSiteProps) {
    super(scope, id);

    // CloudFront's standard logs are written with an ACL grant to its log-delivery account, so
    // this bucket keeps ACLs (owner-preferred); it also takes the site bucket's access logs.
    this.logBucket = new s3.Bucket(this, 'Logs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [
        // A year of access history, plus a margin for the yearly review (as the API's logs).
        { id: 'expire-access-logs', expiration: Duration.days(400) },
        { id: 'expire-noncurrent', noncurrentVersionExpiration: Duration.days(30) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new s3.Bucket(this, 'Site', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      // A bad release can be rolled back object by object for a month.
      versioned: true,
      lifecycleRules: [
        { id: 'expire-noncurrent', noncurrentVersionExpiration: Duration.days(30) },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'site-bucket/',
      // Only a build of the portal lives here; retained anyway so a stack deletion cannot fail
      // on a non-empty bucket (no auto-delete custom resource).
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: `Sello ${props.stage}: security headers of the portal and the API behind it`,
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: PORTAL_CSP, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
    });

    this.spaRewrite = new cloudfront.Function(this, 'SpaRewrite', {
      comment: 'Routes of the single-page app answer /index.html',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(SPA_REWRITE),
    });

    const certificate = props.domain
      ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn)
      : undefined;

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Sello ${props.stage} portal`,
      domainNames: props.domain ? [props.domain.name] : undefined,
      certificate,
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      sslSupportMethod: cloudfront.SSLMethod.SNI,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // Europe and North America: the customers are Spanish and EU taxpayers.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      defaultRootObject: 'index.html',
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        responseHeadersPolicy: this.headers,
        functionAssociations: [
          { eventType: cloudfront.FunctionEventType.VIEWER_REQUEST, function: this.spaRewrite },
        ],
      },
      additionalBehaviors: {
        '/v1/*': {
          origin: new origins.HttpOrigin(props.apiDomain, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
          }),
          // An API: no redirect of a POST to https, every method, nothing cached, and every
          // header, cookie and query string passed on except Host (API Gateway routes by it).
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: this.headers,
        },
      },
    });
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'Tenants and their customers invoice across the EU and beyond; no country is to be kept ' +
        'out, and the API authorizes every request itself.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR2',
      'A CloudFront web ACL must be created in us-east-1 while a stage deploys to one region; ' +
        'the site is static files and the API behind /v1/* is throttled per stage and ' +
        'authenticates every call. A WAF is an operator add-on per stage.',
    );
    if (!props.domain) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        'Without portalDomain the portal is served on *.cloudfront.net with the default ' +
          'certificate, whose minimum protocol CloudFront fixes; a stage with its own domain ' +
          '(portalDomain, portalCertificateArn) gets TLSv1.2_2021 by SNI.',
      );
    }

    this.built = existsSync(props.distPath);
    if (!this.built) {
      Annotations.of(this).addWarningV2(
        '@sello/portal:placeholder',
        `No portal build at ${props.distPath}: a placeholder page is deployed instead. Build ` +
          'the portal before `cdk deploy`.',
      );
    }
    const source = this.built
      ? s3deploy.Source.asset(props.distPath)
      : s3deploy.Source.data('index.html', PLACEHOLDER);
    // Bundles first, kept across releases (an open tab of the previous release still loads its
    // chunks); then the rest, pruned, with index.html last so it never names a missing bundle.
    const assets = new s3deploy.BucketDeployment(this, 'DeployAssets', {
      sources: [source],
      destinationBucket: this.bucket,
      exclude: ['*'],
      include: ['assets/*'],
      prune: false,
      cacheControl: IMMUTABLE,
      // The list of copied keys would go back in the custom resource's answer, capped at 4 KB.
      outputObjectKeys: false,
    });
    const pages = new s3deploy.BucketDeployment(this, 'DeployPages', {
      sources: [source],
      destinationBucket: this.bucket,
      exclude: ['assets/*'],
      cacheControl: REVALIDATE,
      distribution: this.distribution,
      distributionPaths: ['/index.html'],
      outputObjectKeys: false,
    });
    pages.node.addDependency(assets);
    this.acknowledgeDeploymentHandler();

    this.url = `https://${props.domain?.name ?? this.distribution.distributionDomainName}`;
  }

  /** The CDK-provided handler behind BucketDeployment (one per stack, shared by both). */
  private acknowledgeDeploymentHandler(): void {
    const stack = Stack.of(this);
    const handler = stack.node.children.find((c) =>
      c.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    if (!handler) throw new Error('BucketDeployment made no handler where it used to');
    acknowledge(
      handler,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      "CDK's BucketDeployment handler role; it only runs at deploy time to copy the portal " +
        'build into its bucket, and its log writes are all the managed policy adds.',
    );
    for (const action of [
      's3:GetBucket*',
      's3:GetObject*',
      's3:List*',
      's3:Abort*',
      's3:DeleteObject*',
    ]) {
      acknowledge(
        handler,
        `AwsSolutions-IAM5[Action::${action}]`,
        "CDK's read and read-write grants for the BucketDeployment handler: it reads the " +
          "build's zip from the asset bucket and copies it into, and prunes, the site bucket.",
      );
    }
    acknowledge(
      handler,
      `AwsSolutions-IAM5[Resource::${findingText(handler, this.bucket.bucketArn)}/*]`,
      'The handler copies every file of the portal build into the site bucket, whatever it is ' +
        'called; the wildcard stays inside that one bucket.',
    );
    if (stack.synthesizer instanceof DefaultStackSynthesizer) {
      // The bootstrap bucket's name as the default synthesizer renders it (its own is private).
      const qualifier =
        stack.node.tryGetContext(BOOTSTRAP_QUALIFIER_CONTEXT) ??
        DefaultStackSynthesizer.DEFAULT_QUALIFIER;
      const values: Record<string, string> = {
        Qualifier: qualifier,
        'AWS::AccountId': stack.account,
        'AWS::Region': stack.region,
      };
      const assets = DefaultStackSynthesizer.DEFAULT_FILE_ASSETS_BUCKET_NAME.replace(
        /\$\{([\w:]+)\}/g,
        (_, key: string) => values[key] ?? key,
      );
      acknowledge(
        handler,
        `AwsSolutions-IAM5[Resource::${findingText(handler, `arn:${stack.partition}:s3:::${assets}/*`)}]`,
        "The handler reads the build's zip from the CDK bootstrap asset bucket, where asset " +
          'names are content hashes not known before synth.',
      );
    }
    acknowledge(
      handler,
      'AwsSolutions-IAM5[Resource::*]',
      "CDK grants the BucketDeployment handler CloudFront's CreateInvalidation and " +
        'GetInvalidation on "*"; it only invalidates /index.html of this distribution.',
    );
    acknowledge(
      handler,
      'AwsSolutions-L1',
      "The runtime of CDK's BucketDeployment handler is chosen and upgraded by aws-cdk-lib; it " +
        'runs only at deploy time.',
    );
  }
}
