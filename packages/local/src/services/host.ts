import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { loadOrCreateLocalSecretBox, loadOrCreateLocalSigningIdentity } from '../signer/index.ts';
import { startKmsLocal } from './kms.ts';
import { startS3Local } from './s3.ts';
import { startSesLocal } from './ses.ts';

/**
 * The local stand-ins for S3, SES and KMS in a process of their own. In the API's process they
 * would share its one event loop with every handler and the post-issue step: under load, a
 * request would wait behind s3rver serving the documents the step stores.
 */
export interface HostedServices {
  s3: { directory: string; buckets: string[] };
  ses: { port: number };
  /** The local signer's files: the key KMS signs with, the secret box, imported tenant keys. */
  kms: { signerDir: string; keysDir: string };
}

export interface HostEndpoints {
  s3: string;
  ses: string;
  kms: string;
  signing: { keyId: string; certificatePem: string };
}

type Request = { start: HostedServices } | { stop: true };
type Reply = { ready: HostEndpoints } | { error: string };

/** Starts the host child and answers once its services listen; `stop()` ends them and it. */
export async function startServiceHost(services: HostedServices) {
  // The child runs this very file under tsx, whoever started the parent (npm start, a test).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child: ChildProcess = fork(import.meta.filename, [], {
    execArgv: ['--import', tsx],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, SELLO_SERVICE_HOST: '1' },
  });
  // If this process dies without stopping it, the host must not live on.
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<HostEndpoints>((resolve, reject) => {
    child.once('message', (reply: Reply) =>
      'ready' in reply ? resolve(reply.ready) : reject(new Error(reply.error)),
    );
    child.once('exit', (code) => reject(new Error(`the service host exited (${code})`)));
    child.send({ start: services } satisfies Request);
  }).catch(async (error: unknown) => {
    kill();
    await exited;
    process.removeListener('exit', kill);
    throw error;
  });
  return {
    ...ready,
    stop: async () => {
      if (child.connected) child.send({ stop: true } satisfies Request);
      const timer = setTimeout(kill, 5000);
      await exited;
      clearTimeout(timer);
      process.removeListener('exit', kill);
    },
  };
}

/** The child's side: start what the parent asks for, report the endpoints, stop when told. */
async function host(): Promise<void> {
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    process.exit(0);
  };
  // The parent went away (killed): nothing is left to serve.
  process.on('disconnect', () => void stopAll());
  process.on('message', async (request: Request) => {
    if ('stop' in request) return stopAll();
    try {
      const { s3, ses, kms } = request.start;
      const [s3Server, sesServer, signing, secrets] = await Promise.all([
        startS3Local(s3),
        startSesLocal(ses),
        loadOrCreateLocalSigningIdentity(kms.signerDir),
        loadOrCreateLocalSecretBox(kms.signerDir),
      ]);
      stops.push(s3Server.stop, sesServer.stop);
      const kmsServer = await startKmsLocal({
        signer: signing.signer,
        keyId: signing.keyId,
        secrets,
        keysDir: kms.keysDir,
      });
      stops.push(kmsServer.stop);
      process.send?.({
        ready: {
          s3: s3Server.endpoint,
          ses: sesServer.endpoint,
          kms: kmsServer.endpoint,
          signing: { keyId: signing.keyId, certificatePem: signing.certificatePem },
        },
      } satisfies Reply);
    } catch (error) {
      process.send?.({
        error: error instanceof Error ? error.message : String(error),
      } satisfies Reply);
      await stopAll();
    }
  });
}

if (process.env.SELLO_SERVICE_HOST === '1' && process.send) await host();
