import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cadenaOriginalTimbre } from '@sello/formats/cfdi';
import { JsonLinesPacJournal } from './journal.ts';
import {
  type CancellationReason,
  type PacError,
  SandboxPac,
  sandboxPacIdentity,
} from './sandbox-pac.ts';

/**
 * The sandbox PAC over HTTP, speaking the REST protocol of SW Sapien's services API (the PAC the
 * real adapter, `SwSapienPac` in @sello/aws, is written for), so one adapter serves both and the
 * sandbox is that adapter's local fake. As documented at developers.sw.com.mx:
 *
 * - `POST /security/authenticate`, headers `user` and `password` → `{data: {token, expires_in,
 *   tokeny_type: "Bearer"}, status: "success"}` (knowledge-base "Autenticación"; a token lasts
 *   two hours). An "infinite token" configured here is accepted as well.
 * - `POST /cfdi33/stamp/v4`, `Authorization: Bearer <token>`, multipart/form-data with the sealed
 *   CFDI in the field `xml` → `{data: {cfdi, cadenaOriginalSAT, noCertificadoSAT,
 *   noCertificadoCFDI, uuid, selloSAT, selloCFDI, fechaTimbrado, qrCode}, status: "success"}`
 *   (knowledge-base/stamp, "Stamping Version 4"). The sandbox's `qrCode` is empty.
 * - `POST /cfdi33/cancel/{rfc}/{uuid}/{motivo}/{folioSustitucion?}` with the bearer token →
 *   `{data: {acuse, uuid: {<UUID>: "201"}}, status: "success"}` (knowledge-base
 *   cancellation-of-cfdi, "Cancellation by UUID"). The sandbox adds `data.cancellation: {status,
 *   at}` (`pending` while the receptor must accept it), which SW's answer does not carry.
 * - Failures: `{message: "<code> - <text>", messageDetail, data: null, status: "error"}` with HTTP
 *   400 for a refused document or cancellation (SAT's matrix codes: 301…401, 202/203/205), 401
 *   for credentials or token, 500 `CO1000` for anything else (knowledge-base/error-codes).
 */
export interface SandboxPacServerOptions {
  /** Where stamps and cancellations are kept across restarts (JSON lines); none: in memory. */
  journalPath?: string;
  /** The account SW would give; the sandbox's are not secret. */
  user?: string;
  password?: string;
  /** A token that never expires (SW's "token infinito"), besides the ones `authenticate` issues. */
  infiniteToken?: string;
  port?: number;
  now?: () => Date;
}

export const SANDBOX_PAC_USER = 'sandbox@sello.local';
export const SANDBOX_PAC_PASSWORD = 'sandbox-pac';

const TOKEN_SECONDS = 2 * 3600;
const MAX_BODY = 5 * 1024 * 1024;

export interface SandboxPacServer {
  url: string;
  pac: SandboxPac;
  /** The PAC certificate that verifies `SelloSAT`, PEM. */
  certificatePem: string;
  stop(): Promise<void>;
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly detail: string | null = null,
  ) {
    super(message);
  }
}

const refusal = (error: PacError) =>
  new HttpFailure(400, `${error.code} - ${error.text}`, error.detail ?? null);

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY)
      throw new HttpFailure(400, 'CO1000 - El cuerpo excede el tamaño permitido.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The `xml` field of a multipart/form-data body, as SW's stamp service takes it. */
async function xmlField(req: IncomingMessage): Promise<string> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data'))
    throw new HttpFailure(400, 'CO1000 - Se esperaba multipart/form-data con el campo xml.');
  const form = await new Response(await readBody(req), {
    headers: { 'content-type': type },
  }).formData();
  const field = form.get('xml');
  if (field === null) throw new HttpFailure(400, 'CO1000 - Falta el campo xml.');
  return typeof field === 'string' ? field : await field.text();
}

export async function startSandboxPacServer(
  options: SandboxPacServerOptions = {},
): Promise<SandboxPacServer> {
  const now = options.now ?? (() => new Date());
  const identity = sandboxPacIdentity();
  const pac = new SandboxPac(
    identity,
    now,
    options.journalPath ? new JsonLinesPacJournal(options.journalPath) : undefined,
  );
  const user = options.user ?? SANDBOX_PAC_USER;
  const password = options.password ?? SANDBOX_PAC_PASSWORD;
  const tokens = new Map<string, number>(); // token → expiry (epoch seconds)

  const authorize = (req: IncomingMessage) => {
    const header = req.headers.authorization ?? '';
    const token = /^bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    if (!token) throw new HttpFailure(401, 'Unauthorized - falta el token (Authorization: Bearer)');
    if (token === options.infiniteToken) return;
    const expires = tokens.get(token);
    if (!expires || expires * 1000 < now().getTime())
      throw new HttpFailure(401, 'Unauthorized - el token no es válido o expiró');
  };

  const routes = async (req: IncomingMessage, url: URL): Promise<unknown> => {
    const path = url.pathname.replace(/\/+$/, '');
    if (req.method === 'GET' && path === '') {
      return {
        service: 'Sello sandbox PAC (SW Sapien protocol)',
        certificate: identity.certificate.toString(),
      };
    }
    if (req.method !== 'POST') throw new HttpFailure(404, 'CO1000 - Ruta no encontrada.');
    if (path === '/security/authenticate') {
      if (req.headers.user !== user || req.headers.password !== password)
        throw new HttpFailure(
          401,
          'AU2000 - El usuario y/o contraseña son inválidos, no se puede autenticar el servicio.',
        );
      const token = randomBytes(32).toString('base64url');
      const expires = Math.floor(now().getTime() / 1000) + TOKEN_SECONDS;
      tokens.set(token, expires);
      return { token, expires_in: expires, tokeny_type: 'Bearer' };
    }
    if (path === '/cfdi33/stamp/v4') {
      authorize(req);
      const result = pac.stamp(await xmlField(req));
      if (!result.ok) throw refusal(result.error);
      const t = result.timbre;
      return {
        cfdi: result.xml,
        cadenaOriginalSAT: cadenaOriginalTimbre(t),
        noCertificadoSAT: t.noCertificadoSAT,
        noCertificadoCFDI: /NoCertificado="(\d{20})"/.exec(result.xml)?.[1] ?? '',
        uuid: t.uuid,
        selloSAT: t.selloSAT,
        selloCFDI: t.selloCFD,
        fechaTimbrado: t.fechaTimbrado,
        qrCode: '',
      };
    }
    const cancel = /^\/cfdi33\/cancel\/([^/]+)\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/.exec(path);
    if (cancel) {
      authorize(req);
      const [, rfc, uuid, motivo, substitute] = cancel.map((p) => p && decodeURIComponent(p));
      const result = pac.cancel({
        issuerRfc: rfc!,
        uuid: uuid!,
        reason: motivo as CancellationReason,
        ...(substitute ? { substitute } : {}),
      });
      if (!result.ok) throw refusal(result.error);
      const folio = uuid!.toUpperCase();
      return {
        acuse:
          `<Acuse Fecha="${result.at}" RfcEmisor="${rfc}"><Folios><UUID>${folio}</UUID>` +
          `<EstatusUUID>201</EstatusUUID></Folios></Acuse>`,
        uuid: { [folio]: '201' },
        cancellation: { status: result.status, at: result.at },
      };
    }
    throw new HttpFailure(404, 'CO1000 - Ruta no encontrada.');
  };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox-pac');
    routes(req, url).then(
      (data) => send(res, 200, { data, status: 'success' }),
      (error: unknown) => {
        if (error instanceof HttpFailure)
          send(res, error.status, {
            message: error.message,
            messageDetail: error.detail,
            data: null,
            status: 'error',
          });
        else
          send(res, 500, {
            message: 'CO1000 - Error no controlado.',
            messageDetail: null,
            data: null,
            status: 'error',
          });
      },
    );
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', ok);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    pac,
    certificatePem: identity.certificate.toString(),
    stop: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
