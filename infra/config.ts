import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ObjectLockMode } from 'aws-cdk-lib/aws-s3';
import type { Node } from 'constructs';

/** Everything a stage may vary. Read from CDK context (`cdk.json` or `-c key=value`). */
export interface StageConfig {
  stage: string;
  /** Undefined keeps the stacks account-agnostic (offline synth). */
  account?: string;
  /** Always concrete: a customer-managed key on TableV2 cannot be rendered region-agnostic. */
  region: string;
  /** Domain verified in SES (DKIM records are stack outputs). */
  mailDomain: string;
  /** Sender address; must belong to `mailDomain`. */
  mailFrom: string;
  /** Browser origins allowed by CORS on the HTTP API (the portal needs none: same origin). */
  corsOrigins: string[];
  /**
   * The portal's own domain and its ACM certificate (in us-east-1, as CloudFront requires).
   * Without it the portal is served on the distribution's `*.cloudfront.net` name.
   */
  portal?: { domain: string; certificateArn: string };
  logRetention: RetentionDays;
  /** Object Lock default retention on artifacts (legal retention of invoices). */
  objectLockMode: ObjectLockMode;
  objectLockYears: number;
  /**
   * VERI*FACTU: the billing system's producer (SistemaInformatico), AEAT environment and
   * submitter. Without a producer NIF no records are generated in this stage.
   */
  verifactu?: {
    producerNif: string;
    producerName: string;
    installation: string;
    environment: 'test' | 'production';
    submitter: 'aeat' | 'sandbox';
  };
  /**
   * The operator's extra CAs whose certificates prove a tenant's tax id (PEM text, read at synth
   * from the file context `trustedCasPem` names), besides the list Sello ships.
   */
  trustedCasPem?: string;
  /**
   * Mexico: the PAC that stamps CFDI. `provider` picks the adapter (SW Sapien, the one Sello
   * speaks to); `url` is its base (`https://services.sw.com.mx`, or `services.test.sw.com.mx`);
   * `credentialsSecret` names the Secrets Manager secret the operator creates with the account,
   * JSON `{"user", "password"}` or `{"token"}`. Without it the stage stamps nothing (503).
   */
  pac?: { provider: 'sw-sapien'; url: string; credentialsSecret: string };
  /**
   * Connectors: the insurer e-invoicing platform's base URL (Sello's generic insurer-platform
   * protocol; each user signs in with their own credentials, stored sealed in the table). Without
   * it that connector is off in this stage (forwarding through it answers 409).
   */
  insurerPlatformUrl?: string;
  /**
   * FACe's providers web service (`https://webservice.face.gob.es/facturasspp2`, or staging's
   * `https://se-face-webservice.redsara.es/facturasspp2`). Without it the FACe connector is off.
   */
  faceUrl?: string;
}

const STAGE_PATTERN = /^[a-z][a-z0-9-]{1,15}$/;

/**
 * Context values from `-c` arrive as strings, values from cdk.json as JSON; accept both and fail
 * at synth time with the key's name rather than deploy something half-configured.
 */
export function readStageConfig(node: Node): StageConfig {
  const get = (key: string): unknown => node.tryGetContext(key);
  const text = (key: string): string | undefined => {
    const value = get(key);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') throw new Error(`Context "${key}" must be a string`);
    return value;
  };

  const stage = text('stage') ?? 'dev';
  if (!STAGE_PATTERN.test(stage)) {
    throw new Error(`Context "stage" must match ${STAGE_PATTERN} (got "${stage}")`);
  }

  const mailDomain = text('mailDomain') ?? `${stage}.sello.example`;
  const mailFrom = text('mailFrom') ?? `facturas@${mailDomain}`;
  if (!mailFrom.endsWith(`@${mailDomain}`)) {
    throw new Error(`Context "mailFrom" (${mailFrom}) must be an address in "${mailDomain}"`);
  }

  const mode = text('objectLockMode') ?? 'GOVERNANCE';
  if (mode !== 'GOVERNANCE' && mode !== 'COMPLIANCE') {
    throw new Error(`Context "objectLockMode" must be GOVERNANCE or COMPLIANCE (got "${mode}")`);
  }

  return {
    stage,
    account: text('account') ?? process.env.CDK_DEFAULT_ACCOUNT,
    // EU by default: invoices of Spanish and EU taxpayers stay in the EU.
    region: text('region') ?? process.env.CDK_DEFAULT_REGION ?? 'eu-west-1',
    mailDomain,
    mailFrom,
    corsOrigins: list(get('corsOrigins'), 'corsOrigins') ?? ['http://localhost:3000'],
    logRetention: retention(get('logRetentionDays') ?? (stage === 'prod' ? 365 : 30)),
    objectLockMode: mode === 'COMPLIANCE' ? ObjectLockMode.COMPLIANCE : ObjectLockMode.GOVERNANCE,
    // Spain: the tax authority can audit 4 years back (LGT art. 66) and the Commercial Code keeps
    // books and supporting documents for 6 (art. 30); the longer one wins.
    objectLockYears: positiveInt(get('objectLockYears') ?? 6, 'objectLockYears'),
    ...portal(text),
    ...verifactu(text, stage),
    ...trustedCas(text),
    ...pac(text),
    ...insurerPlatform(text),
    ...face(text),
  };
}

function insurerPlatform(text: (key: string) => string | undefined) {
  const url = httpsUrl(text, 'insurerPlatformUrl');
  return url ? { insurerPlatformUrl: url } : {};
}

function face(text: (key: string) => string | undefined) {
  const url = httpsUrl(text, 'faceUrl');
  return url ? { faceUrl: url } : {};
}

/** An optional context value that must be an https:// URL when given. */
function httpsUrl(text: (key: string) => string | undefined, key: string): string | undefined {
  const url = text(key);
  if (url && !/^https:\/\/[^/\s]+(\/[^\s]*)?$/.test(url)) {
    throw new Error(`Context "${key}" must be an https:// URL (got "${url}")`);
  }
  return url || undefined;
}

/** Secrets Manager names: letters, digits and /_+=.@- (the console's rule). */
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

function pac(text: (key: string) => string | undefined) {
  const url = text('pacUrl');
  const credentialsSecret = text('pacCredentialsSecret');
  if (!url && !credentialsSecret) return {};
  if (!url || !credentialsSecret) {
    throw new Error(
      'Contexts "pacUrl" and "pacCredentialsSecret" go together: give both or neither',
    );
  }
  const provider = text('pac') ?? 'sw-sapien';
  if (provider !== 'sw-sapien') {
    throw new Error(`Context "pac" must be sw-sapien (got "${provider}")`);
  }
  if (!/^https:\/\/[^/]+\/?$/.test(url)) {
    throw new Error(`Context "pacUrl" must be an https:// base URL (got "${url}")`);
  }
  if (!SECRET_NAME.test(credentialsSecret) || credentialsSecret.startsWith('arn:')) {
    throw new Error(
      `Context "pacCredentialsSecret" must be a Secrets Manager secret name (got "${credentialsSecret}")`,
    );
  }
  return { pac: { provider, url, credentialsSecret } as const };
}

/**
 * Lambda holds at most 4 KB of environment per function (all variables together): room for one
 * or two CA certificates next to the other variables. More belong in packages/signing/trusted-cas.
 */
export const TRUSTED_CAS_PEM_LIMIT = 3000;

function trustedCas(text: (key: string) => string | undefined) {
  const file = text('trustedCasPem');
  if (!file) return {};
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Context "trustedCasPem": cannot read ${file} (${(error as Error).message})`);
  }
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new Error(`Context "trustedCasPem": no certificate in ${file}`);
  for (const [index, block] of blocks.entries()) {
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(block);
    } catch {
      throw new Error(`Context "trustedCasPem": certificate ${index + 1} of ${file} is unreadable`);
    }
    // Only CAs issue the certificates that prove a tax id: anything else here is a mistake.
    if (!certificate.ca) {
      throw new Error(
        `Context "trustedCasPem": certificate ${index + 1} of ${file} (${certificate.subject.replaceAll('\n', ', ')}) is not a CA certificate`,
      );
    }
  }
  // Only the certificates: comments and blank lines would spend the 4 KB for nothing.
  const trustedCasPem = `${blocks.join('\n')}\n`;
  if (trustedCasPem.length > TRUSTED_CAS_PEM_LIMIT) {
    throw new Error(
      `Context "trustedCasPem": ${trustedCasPem.length} characters of certificates exceed the ` +
        `${TRUSTED_CAS_PEM_LIMIT} a Lambda environment can hold; add them to ` +
        'packages/signing/trusted-cas instead',
    );
  }
  return { trustedCasPem };
}

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
// CloudFront only takes certificates from ACM in us-east-1.
const CLOUDFRONT_CERTIFICATE = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/;

function portal(text: (key: string) => string | undefined) {
  const domain = text('portalDomain');
  const certificateArn = text('portalCertificateArn');
  if (!domain && !certificateArn) return {};
  if (!domain || !certificateArn) {
    throw new Error('Context "portalDomain" and "portalCertificateArn" go together');
  }
  if (!DOMAIN.test(domain)) {
    throw new Error(`Context "portalDomain" must be a lower-case host name (got "${domain}")`);
  }
  if (!CLOUDFRONT_CERTIFICATE.test(certificateArn)) {
    throw new Error(
      `Context "portalCertificateArn" must be an ACM certificate in us-east-1 (got "${certificateArn}")`,
    );
  }
  return { portal: { domain, certificateArn } };
}

function verifactu(text: (key: string) => string | undefined, stage: string) {
  const producerNif = text('verifactuProducerNif');
  if (!producerNif) return {};
  const environment = text('verifactuEnvironment') ?? (stage === 'prod' ? 'production' : 'test');
  if (environment !== 'test' && environment !== 'production') {
    throw new Error(
      `Context "verifactuEnvironment" must be test or production (got "${environment}")`,
    );
  }
  const submitter = text('verifactuSubmitter') ?? 'aeat';
  if (submitter !== 'aeat' && submitter !== 'sandbox') {
    throw new Error(`Context "verifactuSubmitter" must be aeat or sandbox (got "${submitter}")`);
  }
  return {
    verifactu: {
      producerNif,
      producerName: text('verifactuProducerName') ?? 'Sello',
      installation: text('verifactuInstallation') ?? stage,
      environment,
      submitter,
    } as const,
  };
}

function list(value: unknown, key: string): string[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const items = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(items) || !items.every((i) => typeof i === 'string')) {
    throw new Error(`Context "${key}" must be a list of strings or a comma-separated string`);
  }
  const origins = items.map((i) => i.trim()).filter(Boolean);
  for (const origin of origins) {
    if (origin !== '*' && !/^https?:\/\/[^/]+$/.test(origin)) {
      throw new Error(`Context "${key}": "${origin}" is not an origin (scheme://host[:port])`);
    }
  }
  return origins;
}

function positiveInt(value: unknown, key: string): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    throw new Error(`Context "${key}" must be a positive integer (got ${String(value)})`);
  }
  return n;
}

function retention(value: unknown): RetentionDays {
  const days = positiveInt(value, 'logRetentionDays');
  // RetentionDays is a numeric enum of the values CloudWatch Logs accepts.
  if (!Object.values(RetentionDays).includes(days)) {
    throw new Error(`Context "logRetentionDays": ${days} is not a CloudWatch Logs retention`);
  }
  return days as RetentionDays;
}
