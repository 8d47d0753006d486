import { resolve } from 'node:path';
import { startPlatform } from './platform.ts';
import { ensurePortalBuilt } from './portal.ts';
import { MissingJavaError } from './services/dynamodb.ts';

/** `npm start`: the whole platform on this machine until Ctrl-C. */
const port = Number(process.env.PORT ?? 3000);
const dataDir = resolve(process.env.SELLO_DATA_DIR ?? '.sello');
const mailPort = process.env.SELLO_MAIL_PORT ? Number(process.env.SELLO_MAIL_PORT) : undefined;
const started = Date.now();
const say = (line: string) => console.log(`[sello] ${line}`);

// Until the platform is up, a signal just exits: process.exit runs the 'exit' hooks that stop
// the DynamoDB Local JVM (a death by signal would skip them and leave it running).
const early = (signal: NodeJS.Signals) => {
  console.error(`[sello] ${signal} while starting: stopping`);
  process.exit(130);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, early);

try {
  // The portal's dist is missing on a fresh clone and stale after a pull: build it first.
  await ensurePortalBuilt(say).catch((error: Error) =>
    console.error(`[sello] ${error.message}\n[sello] the API starts anyway; / explains`),
  );
  const platform = await startPlatform({
    dataDir,
    port,
    ...(mailPort ? { mailPort } : {}),
    log: say,
  });
  const { info } = platform;
  say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s — data in ${dataDir}`);
  say(`API      ${info.apiUrl}/v1  (OpenAPI: ${info.apiUrl}/v1/openapi.json)`);
  say(`portal   ${info.portalUrl}  (local platform: ${info.apiUrl}/local)`);
  say(`mail     ${info.mailUrl}`);
  say(`tenant   ${info.tenantId}`);
  say(`API key  ${info.apiKey}  (also in ${platform.localJson})`);
  say(`sign in  ${info.staffEmail} / ${info.staffPassword}  (the demo tenant's owner)`);
  if (info.customer) {
    say(
      `customer ${info.customer.email} / ${info.customer.password}  (prepaid deposits: Movements › Invoicing)`,
    );
  }
  const insurer = info.connectors?.insurerPlatform;
  if (insurer) {
    say(
      `insurer  ${insurer.url}  ${insurer.username} / ${insurer.password} / ${insurer.taxId}  (the owner's connector credentials, already set; the sandbox connector needs none)`,
    );
  }
  if (platform.demoCertificate) {
    say(
      `cert     ${platform.demoCertificate.path} / ${platform.demoCertificate.password}  (proves the demo tax id, locally)`,
    );
  }

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.removeListener(signal, early);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping…`);
    await platform.stop();
    say('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGHUP', () => void shutdown('SIGHUP'));
} catch (error) {
  if (error instanceof MissingJavaError) console.error(`[sello] ${error.message}`);
  else console.error('[sello] could not start:', error);
  process.exit(1);
}
