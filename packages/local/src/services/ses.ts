import type { Server } from 'node:http';
import * as sesModule from 'aws-ses-v2-local';
import { assertPortFree } from './ports.ts';

// A CommonJS module with `exports.default`: under ESM its default import is the exports object.
const sesLocal = ((sesModule as unknown as { default: { default?: unknown } }).default.default ??
  (sesModule as unknown as { default: unknown }).default) as (config: {
  host: string;
  port: number;
}) => Promise<Server>;

/** aws-ses-v2-local: the SES API plus a web view of every mail sent, on loopback only. */
export async function startSesLocal(options: { port: number }) {
  // The emulator never settles when its port is taken, so check first.
  if (options.port) await assertPortFree(options.port, 'the mail view', 'SELLO_MAIL_PORT');
  const server = await sesLocal({ host: '127.0.0.1', port: options.port });
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
