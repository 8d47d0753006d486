/**
 * Environment variable names shared by the CDK stack (which sets them) and the runtime (which reads
 * them). Names live only here so the two cannot drift.
 */
export const ENV = {
  stage: 'SELLO_STAGE',
  tableName: 'SELLO_TABLE_NAME',
  artifactBucket: 'SELLO_ARTIFACT_BUCKET',
  signingKeyId: 'SELLO_SIGNING_KEY_ID',
  secretsKeyId: 'SELLO_SECRETS_KEY_ID',
  /**
   * PEM certificate of the platform's default signing key, for tenants that have not uploaded
   * their own certificate (the local platform; a test stage). Unset in production.
   */
  signingCertificate: 'SELLO_SIGNING_CERTIFICATE',
  mailFrom: 'SELLO_MAIL_FROM',
  mailConfigurationSet: 'SELLO_MAIL_CONFIGURATION_SET',
  schedulerGroup: 'SELLO_SCHEDULER_GROUP',
  schedulerRoleArn: 'SELLO_SCHEDULER_ROLE_ARN',
  schedulerDlqArn: 'SELLO_SCHEDULER_DLQ_ARN',
  /** VERI*FACTU: the producer of the billing system (SistemaInformatico); records are off without it. */
  verifactuProducerNif: 'SELLO_VERIFACTU_PRODUCER_NIF',
  verifactuProducerName: 'SELLO_VERIFACTU_PRODUCER_NAME',
  verifactuInstallation: 'SELLO_VERIFACTU_INSTALLATION',
  /** `test` (AEAT pre-production) or `production`: the QR base URL and the submission endpoint. */
  verifactuEnvironment: 'SELLO_VERIFACTU_ENVIRONMENT',
  verifactuSubmitter: 'SELLO_VERIFACTU_SUBMITTER', // `sandbox` | `aeat`; unset: nothing is sent
  /** Local only: path-style S3 URLs (s3rver has no virtual-host DNS). */
  s3ForcePathStyle: 'SELLO_S3_FORCE_PATH_STYLE',
  /** Local only: where the local signer keeps its key and certificate. */
  localSignerDir: 'SELLO_LOCAL_SIGNER_DIR',
  /** Public base URL of the API, used in links (e-mails, Location headers). */
  publicApiUrl: 'SELLO_PUBLIC_API_URL',
  /** Public base URL of the portal, used in links to the inbox and registration in e-mails. */
  portalUrl: 'SELLO_PORTAL_URL',
  /** Local only: `true` lets webhooks target http://localhost; unset means production rules. */
  webhooksAllowLocal: 'SELLO_WEBHOOKS_ALLOW_LOCAL',
  /** Cognito user pool of staff and registered recipients (people sign in there, not in Sello). */
  userPoolId: 'SELLO_USER_POOL_ID',
  /** The portal's app client of that pool (no secret; USER_PASSWORD_AUTH through Sello's API). */
  userPoolClientId: 'SELLO_USER_POOL_CLIENT_ID',
  /**
   * Local only: the pool's issuer base when it is not Cognito's (cognito-local's URL); tokens are
   * then verified against `<issuer>/.well-known/jwks.json` of that server.
   */
  userPoolIssuer: 'SELLO_USER_POOL_ISSUER',
  /**
   * More CA certificates (PEM, one or more) whose certificates prove a tenant's tax id, besides
   * the list Sello ships (packages/signing/trusted-cas). Unset: only that list.
   */
  trustedCasPem: 'SELLO_TRUSTED_CAS_PEM',
  /**
   * Mexico: the PAC that stamps CFDI (`sw-sapien`, whose protocol the local sandbox PAC speaks
   * too); unset: no PAC, and stamping answers 503.
   */
  pac: 'SELLO_PAC',
  /** The PAC's base URL (`https://services.sw.com.mx`; the sandbox's locally). */
  pacUrl: 'SELLO_PAC_URL',
  /**
   * Name or ARN of the Secrets Manager secret holding the PAC account's credentials, JSON
   * `{"user", "password"}` or `{"token"}` (an infinite token): the credentials are never in env.
   */
  pacCredentialsSecret: 'SELLO_PAC_CREDENTIALS_SECRET',
  /**
   * FACe's providers web service (`https://webservice.face.gob.es/facturasspp2`, staging
   * `https://se-face-webservice.redsara.es/facturasspp2`; the local fake's locally). Unset: the
   * FACe connector is not offered. Requests are signed with each tenant's own certificate.
   */
  faceUrl: 'SELLO_FACE_URL',
  /**
   * Connectors: the base URL of the insurer e-invoicing platform (Sello's generic insurer-platform
   * REST protocol; each user signs in with their own credentials). Unset: that connector is off.
   */
  insurerPlatformUrl: 'SELLO_INSURER_PLATFORM_URL',
} as const;

export type EnvName = (typeof ENV)[keyof typeof ENV];

/**
 * The variable holding the ARN of triggered function `id` (`processIssuedInvoices` →
 * `SELLO_FUNCTION_PROCESS_ISSUED_INVOICES`). CDK sets it only on functions that may reach `id`:
 * those that declare it in `invokes`, and, for run-time schedule targets, those that manage
 * schedules. Read at run time through `functionArn(id)` in @sello/aws.
 */
export const functionArnEnv = (id: string): string =>
  `SELLO_FUNCTION_${id.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
