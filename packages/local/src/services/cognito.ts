import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { RECIPIENT_GROUP } from '@sello/contracts';
import { freePort, waitForHttp } from './ports.ts';

export interface CognitoLocal {
  endpoint: string;
  userPoolId: string;
  /** The portal's app client: no secret, USER_PASSWORD_AUTH and refresh tokens. */
  clientId: string;
  /** What tokens name as `iss`; its keys are at `<issuer>/.well-known/jwks.json`. */
  issuer: string;
  stop(): Promise<void>;
}

/** cognito-local's program, as its package ships it. */
const program = () =>
  join(
    dirname(createRequire(import.meta.url).resolve('cognito-local/package.json')),
    'lib/bin/start.js',
  );

/** A client of the local pool's API (any credentials do). */
export const localCognitoClient = (endpoint: string) => {
  // Node 20 is supported until the move to 22 (see README); the platform silences the notice too.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return new CognitoIdentityProviderClient({
    endpoint,
    region: 'eu-south-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
};

interface PoolState {
  userPoolId: string;
  clientId: string;
}

/**
 * The user pool and app client, made on the first start and kept in `sello-pool.json` next to
 * cognito-local's own data; a later start reuses them while cognito-local still has them.
 */
async function ensurePool(
  client: CognitoIdentityProviderClient,
  stateFile: string,
): Promise<PoolState> {
  if (existsSync(stateFile)) {
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as PoolState;
    const known = await client
      .send(
        new DescribeUserPoolClientCommand({
          UserPoolId: state.userPoolId,
          ClientId: state.clientId,
        }),
      )
      .then(
        () => true,
        () => false,
      );
    if (known) return state;
  }
  const pool = await client.send(
    new CreateUserPoolCommand({
      PoolName: 'sello-local',
      // Only Sello creates users (invitations); nobody signs up by themselves.
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: { PasswordPolicy: { MinimumLength: 12 } },
    }),
  );
  const userPoolId = pool.UserPool!.Id!;
  const app = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'sello-portal',
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      EnableTokenRevocation: true,
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
    }),
  );
  const state = { userPoolId, clientId: app.UserPoolClient!.ClientId! };
  writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);
  return state;
}

/**
 * The group registered recipients' users belong to (their tokens name it), as the CDK stack makes
 * it; also in a pool made before recipients signed in through it.
 */
async function ensureRecipientGroup(client: CognitoIdentityProviderClient, userPoolId: string) {
  await client
    .send(
      new CreateGroupCommand({
        UserPoolId: userPoolId,
        GroupName: RECIPIENT_GROUP,
        Description: 'Registered recipients: read the inbox of their tax id',
      }),
    )
    .catch((e: unknown) => {
      if ((e as { name?: string }).name !== 'GroupExistsException') throw e;
    });
}

/**
 * cognito-local as a child process, listening on 127.0.0.1 only, with its data (`.cognito/`) in
 * `dataDir`; the user pool staff sign in to and the portal's app client are created on the first
 * start and reused after.
 */
export async function startCognitoLocal(options: {
  dataDir: string;
  port?: number;
}): Promise<CognitoLocal> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn(process.execPath, [program()], {
    // cognito-local keeps its data under its working directory.
    cwd: dataDir,
    // HOST: its listening address (it defaults to `localhost`, which may be ::1 or more).
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DEBUG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // It logs every request: keep the tail, for the error should it die.
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null = null;
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  child.on('exit', (code) => {
    exited = code ?? -1;
    process.removeListener('exit', killChild);
  });
  const stop = () =>
    new Promise<void>((done) => {
      if (exited !== null) return done();
      const force = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(force);
        done();
      });
      child.kill('SIGTERM');
    });

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${endpoint}/health`, 120_000, () =>
      exited === null ? undefined : new Error(`cognito-local exited (${exited}):\n${output}`),
    );
    const client = localCognitoClient(endpoint);
    const { userPoolId, clientId } = await ensurePool(client, join(dataDir, 'sello-pool.json'));
    await ensureRecipientGroup(client, userPoolId);
    client.destroy();
    return { endpoint, userPoolId, clientId, issuer: `${endpoint}/${userPoolId}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
