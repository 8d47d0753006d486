import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { forgetConnectors } from '@sello/app/connectors';
import { dynamoClient, repositories, useTaskScheduler } from '@sello/app/platform';
import { migrateRecipientAccounts } from '@sello/app/recipients';
import { ENV, routeList, triggeredList } from '@sello/contracts';
import { createApiServer } from './api-server.ts';
import {
  DEMO_INSURER_USER,
  ensureDemoConnectorCredentials,
  startInsurerPlatformFake,
} from './connectors/index.ts';
import { startFaceFake } from './face/index.ts';
import { type BackgroundFailure, installLocalInvoker, type LocalInvoker } from './invoker.ts';
import { SANDBOX_PAC_PASSWORD, SANDBOX_PAC_USER, startSandboxPacServer } from './pac/index.ts';
import { PORTAL_DIST } from './portal.ts';
import { JsonFileScheduleStore, LocalScheduler, LocalSchedulerPort } from './scheduler/index.ts';
import {
  ensureDemoCustomer,
  ensureDemoOwner,
  ensureDemoTenant,
  ensureMexicanDemoTenant,
  type LocalInfo,
} from './seed.ts';
import { startCognitoLocal } from './services/cognito.ts';
import { startDynamoLocal } from './services/dynamodb.ts';
import { startServiceHost } from './services/host.ts';
import { assertPortFree } from './services/ports.ts';
import { startSecretsManagerLocal } from './services/secrets-manager.ts';
import { ensureTable } from './table.ts';
import {
  DEMO_CERTIFICATE_PASSWORD,
  ensureLocalTestCa,
  LOCAL_TEST_CA_FILE,
  writeDemoCertificate,
} from './test-ca.ts';
import { welcomePage } from './welcome.ts';

export interface PlatformOptions {
  dataDir: string;
  port: number;
  /** The SES mail view; default port + 1. */
  mailPort?: number;
  corsOrigins?: string[];
  /** The built portal served at `/`; default packages/portal/dist (`npm start` builds it). */
  portalDir?: string;
  /** Milliseconds between scheduler ticks; 0 disables the loop (tests tick by hand). */
  schedulerIntervalMs?: number;
  log?: (line: string) => void;
  /**
   * DynamoDB Local keeps its tables in memory rather than in `dataDir` (gone when it stops): for
   * benchmarks and throw-away runs, where SQLite's writes to disk are not what is measured.
   */
  dynamoInMemory?: boolean;
}

export interface Platform {
  info: LocalInfo;
  /** Where `info` was written: `local.json` in the data folder. */
  localJson: string;
  /**
   * A PKCS#12 for the demo company's tax id, issued by the local test CA the platform trusts:
   * uploaded by a tenant with that tax id, it proves it (locally only).
   */
  demoCertificate?: { path: string; password: string };
  scheduler: LocalScheduler;
  /** Runs the triggered functions handlers hand work to, in this process. */
  invoker: LocalInvoker;
  /** Waits for the background work handed over so far; answers its failures. */
  settled(): Promise<BackgroundFailure[]>;
  stop(): Promise<void>;
}

/** Like Promise.all, but waits for every promise before failing, so nothing runs on unseen. */
async function settleAll<T extends readonly unknown[]>(
  promises: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as never;
}

const TABLE_NAME = 'sello';
/** The local Secrets Manager's secret with the sandbox PAC's account (not a real credential). */
const LOCAL_PAC_SECRET = 'sello/local/pac';
const BUCKET = 'sello-artifacts';

/**
 * Starts the whole platform on this machine: DynamoDB Local, s3rver, the SES emulator, the local
 * signer, cognito-local (the user pool staff sign in to), the scheduler loop and the API, all
 * wired through the same environment variables and handlers the Lambda functions use in AWS.
 */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const log = options.log ?? (() => {});
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };

  try {
    // Before the JVM starts: a busy API port is the commonest start-up failure.
    await assertPortFree(options.port, 'the API', 'PORT');
    const signerDir = join(dataDir, 'signer');
    // Each service registers its stop as soon as it is up, so a failure of another one (a busy
    // port) still stops it: no JVM is left behind.
    const started = <T extends { stop: () => Promise<void> }>(service: Promise<T>) =>
      service.then((s) => {
        stops.push(s.stop);
        return s;
      });
    // S3, SES and KMS in a process of their own, off the API's event loop (see host.ts).
    const [dynamo, services, cognito] = await settleAll([
      started(
        startDynamoLocal(options.dynamoInMemory ? {} : { dataDir: join(dataDir, 'dynamodb') }),
      ),
      started(
        startServiceHost({
          s3: { directory: join(dataDir, 's3'), buckets: [BUCKET] },
          ses: { port: options.mailPort ?? options.port + 1 },
          kms: { signerDir, keysDir: join(signerDir, 'imported-keys') },
        }),
      ),
      started(startCognitoLocal({ dataDir: join(dataDir, 'cognito') })),
    ] as const);
    const { signing } = services;
    // Mexico: the sandbox PAC in SW Sapien's protocol (stamps kept in the data folder), and the
    // Secrets Manager endpoint its credentials are read from, as a stage reads its PAC account's.
    const pac = await started(
      startSandboxPacServer({ journalPath: join(dataDir, 'pac', 'stamps.jsonl') }),
    );
    const secretsManager = await started(
      startSecretsManagerLocal({
        [LOCAL_PAC_SECRET]: JSON.stringify({
          user: SANDBOX_PAC_USER,
          password: SANDBOX_PAC_PASSWORD,
        }),
      }),
    );
    log(`sandbox PAC ${pac.url} (SW Sapien protocol; ${join(dataDir, 'pac')})`);
    // Public administrations: the FACe fake the FACe connector forwards to (kept in the data folder).
    const face = await started(
      startFaceFake({ journalPath: join(dataDir, 'face', 'registered.jsonl') }),
    );
    log(`FACe fake ${face.url} (facturasspp2, WS-Security; ${join(dataDir, 'face')})`);
    // Connectors: the fake insurer platform (registrations kept in the data folder).
    const insurer = await started(
      startInsurerPlatformFake({
        users: [DEMO_INSURER_USER],
        journalPath: join(dataDir, 'insurer-platform', 'registered.jsonl'),
      }),
    );
    log(`fake insurer platform ${insurer.url} (Sello's insurer-platform protocol)`);
    log(
      `DynamoDB Local ${dynamo.endpoint} · S3 ${services.s3} · SES ${services.ses} · KMS ${services.kms} · Cognito ${cognito.endpoint}`,
    );
    log(`local signer: ${join(signerDir, 'signing-cert.pem')}`);

    const apiUrl = `http://127.0.0.1:${options.port}`;
    // Certificates of this local CA prove tax ids here, through the operator's extra-CAs setting
    // as in AWS (the check itself is production's); any CAs already in the variable stay.
    const trustDir = join(dataDir, 'trust');
    const testCa = ensureLocalTestCa(trustDir);
    log(`local test CA (trusted for tax-id proof): ${join(trustDir, LOCAL_TEST_CA_FILE)}`);
    Object.assign(process.env, {
      AWS_REGION: process.env.AWS_REGION ?? 'eu-south-2',
      // s3rver accepts only this key pair; DynamoDB Local (shared db) and SES take any.
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_S3: services.s3,
      AWS_ENDPOINT_URL_SES: services.ses,
      AWS_ENDPOINT_URL_KMS: services.kms,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.endpoint,
      [ENV.stage]: 'local',
      [ENV.tableName]: TABLE_NAME,
      [ENV.artifactBucket]: BUCKET,
      [ENV.s3ForcePathStyle]: 'true',
      [ENV.mailFrom]: 'Sello <no-reply@sello.local>',
      [ENV.localSignerDir]: signerDir,
      [ENV.signingKeyId]: signing.keyId,
      [ENV.secretsKeyId]: signing.keyId,
      [ENV.signingCertificate]: signing.certificatePem,
      // AEAT's test NIF as producer: records chain exactly as in production, QR to AEAT's test site.
      [ENV.verifactuProducerNif]: '89890001K',
      [ENV.verifactuProducerName]: 'Sello (local)',
      [ENV.verifactuInstallation]: 'local',
      [ENV.verifactuEnvironment]: 'test',
      [ENV.verifactuSubmitter]: 'sandbox',
      [ENV.publicApiUrl]: apiUrl,
      [ENV.portalUrl]: `${apiUrl}/`,
      [ENV.webhooksAllowLocal]: 'true',
      [ENV.userPoolId]: cognito.userPoolId,
      [ENV.userPoolClientId]: cognito.clientId,
      [ENV.userPoolIssuer]: cognito.issuer,
      [ENV.trustedCasPem]: [process.env[ENV.trustedCasPem], testCa.pem].filter(Boolean).join('\n'),
      [ENV.pac]: 'sw-sapien',
      [ENV.pacUrl]: pac.url,
      [ENV.pacCredentialsSecret]: LOCAL_PAC_SECRET,
      [ENV.faceUrl]: face.url,
      [ENV.insurerPlatformUrl]: insurer.url,
      // Node 20 is supported until the move to 22 (see README); the notice is known.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    });
    delete process.env.AWS_PROFILE;
    // The connector registry is built from the environment: this platform's, not an earlier one's.
    forgetConnectors();

    // Before any handler runs: what they hand over (documents after issue) runs here.
    const invoker = installLocalInvoker({
      log: (line, error) =>
        options.log ? log(`${line}: ${String(error)}`) : console.error(`[sello] ${line}:`, error),
    });
    // Stopping waits for the background work, so nothing writes to servers that are going away.
    stops.push(async () => void (await invoker.settled()));

    await ensureTable(dynamoClient(), TABLE_NAME);
    const localJson = join(dataDir, 'local.json');
    const demo = await ensureDemoTenant(localJson);
    const mx = await ensureMexicanDemoTenant(localJson);
    const owner = await ensureDemoOwner(localJson, demo.tenantId);
    const customer = await ensureDemoCustomer(localJson, demo.tenantId);
    const insurerAccount = await ensureDemoConnectorCredentials(demo.tenantId, owner.email);
    const demoTenant = await repositories().tenants.get(demo.tenantId);
    const demoCertificate = demoTenant && {
      path: writeDemoCertificate(trustDir, testCa, demoTenant),
      password: DEMO_CERTIFICATE_PASSWORD,
    };
    // Data kept from before recipients signed in through Cognito: moved as the operator function
    // moves it in AWS (nothing left to move on later starts).
    const moved = await migrateRecipientAccounts()();
    if (moved.migrated || moved.sessionsDeleted || moved.failed.length) {
      log(
        `recipients moved to the user pool: ${moved.migrated} (a mail each to choose a password), ` +
          `${moved.sessionsDeleted} old session(s) deleted, ${moved.failed.length} failed`,
      );
    }
    const info: LocalInfo = {
      apiUrl,
      apiKey: demo.apiKey,
      tenantId: demo.tenantId,
      staffEmail: owner.email,
      staffPassword: owner.password,
      portalUrl: `${apiUrl}/`,
      mailUrl: services.ses,
      pacUrl: pac.url,
      mx: { apiKey: mx.apiKey, tenantId: mx.tenantId, companyNumber: mx.companyNumber },
      ...(insurerAccount
        ? { connectors: { insurerPlatform: { url: insurer.url, ...insurerAccount } } }
        : {}),
      ...(customer
        ? {
            customer: {
              email: customer.email,
              password: customer.password,
              customerId: customer.customerId,
            },
          }
        : {}),
    };

    const server: Server = createApiServer({
      routes: routeList,
      corsOrigins: options.corsOrigins ?? [apiUrl, `http://localhost:${options.port}`],
      extra: welcomePage(info, localJson),
      portalDir: options.portalDir ?? PORTAL_DIST,
    });
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(options.port, '127.0.0.1', ok);
    });
    stops.push(
      () =>
        new Promise<void>((ok) => {
          server.closeAllConnections();
          server.close(() => ok());
        }),
    );

    const store = new JsonFileScheduleStore(join(dataDir, 'schedules.json'));
    const port = new LocalSchedulerPort(store);
    // Automatic tasks create their schedules through this port, as they would in EventBridge.
    useTaskScheduler(port);
    stops.push(async () => useTaskScheduler(undefined));
    for (const def of triggeredList) {
      if (def.trigger.kind !== 'schedule') continue;
      await port.upsert({
        name: `system-${def.id}`,
        expression: def.trigger.expression,
        timezone: def.trigger.timezone,
        enabled: true,
        target: def.id,
        input: def.trigger.input ?? {},
      });
    }
    const scheduler = new LocalScheduler({
      store,
      invoke: (target, event) => invoker.runScheduled(target, event),
      onMissed: (name, instants) =>
        log(`scheduler: ${name} missed ${instants.length} occurrence(s) while stopped`),
      log: (msg, data) => log(`scheduler: ${msg} ${data ? JSON.stringify(data) : ''}`),
    });
    if (options.schedulerIntervalMs !== 0) scheduler.start(options.schedulerIntervalMs ?? 1000);
    stops.push(async () => scheduler.stop());

    writeFileSync(localJson, `${JSON.stringify(info, null, 2)}\n`);
    return {
      info,
      localJson,
      ...(demoCertificate ? { demoCertificate } : {}),
      scheduler,
      invoker,
      settled: () => invoker.settled(),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
