import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { formats } from '@sello/formats/facts';
import { parseDocument } from '@sello/formats/parse';

/**
 * The local fake of an insurer's e-invoicing platform, speaking the protocol of Sello's generic
 * insurer-platform adapter (`InsurerPlatformConnector` in @sello/aws/connectors; the README has
 * the protocol). It knows its users (username, password and the tax ids each may file under),
 * takes a Facturae only when it is one, its signature holds and its seller is the tax id the
 * session was opened for, answers registry numbers `ASG-<year>-<6 digits>` (one per seller and
 * invoice number: sending the same invoice again is a 409 `DUPLICATE_INVOICE` naming the first),
 * and can be told to fail.
 *
 * Besides the protocol, a control API for the local platform and the tests (never a real
 * platform's): `POST /_fake/users` `{username, password, taxIds}` adds or replaces a user;
 * `POST /_fake/failures` `{username, mode: "unavailable" | "refuse", times?, code?, message?}`
 * makes that user's next `times` uploads (default 1) answer 503, or a 422 refusal with `code`;
 * `GET /_fake/invoices?username=` lists what was registered (without the documents).
 */
export interface FakeInsurerUser {
  username: string;
  password: string;
  /** The NIFs this account files under (a session is opened for one of them). */
  taxIds: string[];
}

export interface RegisteredInvoice {
  registryNumber: string;
  username: string;
  sellerTaxId: string;
  buyerTaxId: string;
  /** Series and number as the Facturae writes them. */
  number: string;
  total: string;
  receivedAt: string;
}

export interface InsurerPlatformFakeOptions {
  users?: FakeInsurerUser[];
  /** Registrations kept across restarts (JSON lines); none: in memory. */
  journalPath?: string;
  port?: number;
  now?: () => Date;
}

export interface InsurerPlatformFake {
  url: string;
  stop(): Promise<void>;
}

type Failure = { mode: 'unavailable' | 'refuse'; times: number; code: string; message: string };

class Answer extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const MAX_BODY = 6 * 1024 * 1024;
/** What a Spanish insurer takes: the legal original of Spanish invoices (the Facturae). */
const SPANISH_ORIGINAL = formats.originalIn('ES');
const TOKEN_SECONDS = 3600;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Answer(413, 'TOO_LARGE', 'The document exceeds 6 MB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  try {
    const value = JSON.parse((await readBody(req)).toString('utf8')) as unknown;
    if (value && typeof value === 'object') return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new Answer(400, 'INVALID_REQUEST', 'The body must be a JSON object');
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

function loadJournal(path: string | undefined): RegisteredInvoice[] {
  if (!path || !existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        return line.trim() ? [JSON.parse(line) as RegisteredInvoice] : [];
      } catch {
        return []; // a torn last line: the entries before it stand
      }
    });
}

export async function startInsurerPlatformFake(
  options: InsurerPlatformFakeOptions = {},
): Promise<InsurerPlatformFake> {
  const now = options.now ?? (() => new Date());
  const users = new Map((options.users ?? []).map((u) => [u.username, u]));
  const sessions = new Map<string, { username: string; taxId: string; expires: number }>();
  const failures = new Map<string, Failure>();
  const registered = loadJournal(options.journalPath);

  const record = (entry: RegisteredInvoice) => {
    registered.push(entry);
    if (!options.journalPath) return;
    mkdirSync(dirname(options.journalPath), { recursive: true });
    appendFileSync(options.journalPath, `${JSON.stringify(entry)}\n`);
  };

  const nextRegistryNumber = (year: string) => {
    const prefix = `ASG-${year}-`;
    const last = registered
      .filter((r) => r.registryNumber.startsWith(prefix))
      .reduce((max, r) => Math.max(max, Number(r.registryNumber.slice(prefix.length))), 0);
    return `${prefix}${String(last + 1).padStart(6, '0')}`;
  };

  const signIn = async (req: IncomingMessage) => {
    const body = await readJson(req);
    const username = text(body.username);
    const taxId = text(body.taxId).toUpperCase();
    const user = users.get(username);
    if (!user || user.password !== text(body.password)) {
      throw new Answer(401, 'INVALID_CREDENTIALS', 'Unknown user or wrong password');
    }
    if (!user.taxIds.includes(taxId)) {
      throw new Answer(403, 'TAX_ID_NOT_ALLOWED', `User ${username} does not file for ${taxId}`);
    }
    const token = randomBytes(24).toString('base64url');
    sessions.set(token, { username, taxId, expires: now().getTime() + TOKEN_SECONDS * 1000 });
    return { status: 200, body: { token, expiresIn: TOKEN_SECONDS } };
  };

  const upload = async (req: IncomingMessage) => {
    const token = /^bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    const session = token ? sessions.get(token) : undefined;
    if (!session || session.expires < now().getTime()) {
      throw new Answer(401, 'INVALID_TOKEN', 'Sign in first (POST /api/v1/sessions)');
    }
    const failure = failures.get(session.username);
    if (failure) {
      if (--failure.times <= 0) failures.delete(session.username);
      if (failure.mode === 'unavailable') {
        throw new Answer(503, 'UNAVAILABLE', failure.message);
      }
      throw new Answer(422, failure.code, failure.message);
    }
    const body = await readBody(req);
    let parsed: ReturnType<typeof parseDocument>;
    try {
      parsed = parseDocument(body);
    } catch (error) {
      throw new Answer(422, 'NOT_FACTURAE', `Not an XML invoice: ${(error as Error).message}`);
    }
    const invoice = parsed.invoice;
    if (parsed.format !== SPANISH_ORIGINAL || !invoice) {
      throw new Answer(422, 'NOT_FACTURAE', `A Facturae is expected, not ${parsed.format}`);
    }
    if (!parsed.signature?.valid) {
      throw new Answer(422, 'INVALID_SIGNATURE', 'The Facturae must carry a valid XAdES signature');
    }
    if (invoice.seller.taxId !== session.taxId) {
      throw new Answer(
        422,
        'SELLER_MISMATCH',
        `The invoice's seller is ${invoice.seller.taxId}, not ${session.taxId} you signed in for`,
      );
    }
    const number = `${invoice.series ?? ''}${invoice.number}`;
    const duplicate = registered.find(
      (r) => r.sellerTaxId === invoice.seller.taxId && r.number === number,
    );
    if (duplicate) {
      throw new Answer(409, 'DUPLICATE_INVOICE', `Invoice ${number} was registered already`, {
        registryNumber: duplicate.registryNumber,
      });
    }
    const receivedAt = now().toISOString();
    const entry: RegisteredInvoice = {
      registryNumber: nextRegistryNumber(receivedAt.slice(0, 4)),
      username: session.username,
      sellerTaxId: invoice.seller.taxId,
      buyerTaxId: invoice.buyer.taxId,
      number,
      total: invoice.totals.total,
      receivedAt,
    };
    record(entry);
    return {
      status: 201,
      body: { registryNumber: entry.registryNumber, status: 'REGISTERED', receivedAt },
    };
  };

  const control = async (req: IncomingMessage, url: URL) => {
    if (req.method === 'GET' && url.pathname === '/_fake/invoices') {
      const username = url.searchParams.get('username');
      return {
        status: 200,
        body: { items: registered.filter((r) => !username || r.username === username) },
      };
    }
    if (req.method === 'POST' && url.pathname === '/_fake/users') {
      const body = await readJson(req);
      const taxIds = Array.isArray(body.taxIds)
        ? body.taxIds.map((t) => text(t).toUpperCase())
        : [];
      const user = { username: text(body.username), password: text(body.password), taxIds };
      if (!user.username || !user.password || !taxIds.length) {
        throw new Answer(400, 'INVALID_REQUEST', 'username, password and taxIds are required');
      }
      users.set(user.username, user);
      return { status: 201, body: { username: user.username, taxIds } };
    }
    if (req.method === 'POST' && url.pathname === '/_fake/failures') {
      const body = await readJson(req);
      const mode = body.mode === 'refuse' ? 'refuse' : 'unavailable';
      failures.set(text(body.username), {
        mode,
        times: typeof body.times === 'number' ? body.times : 1,
        code: text(body.code) || 'REFUSED',
        message: text(body.message) || (mode === 'refuse' ? 'Refused' : 'Service unavailable'),
      });
      return { status: 204, body: undefined };
    }
    throw new Answer(404, 'NOT_FOUND', 'No such route');
  };

  const route = (req: IncomingMessage, url: URL) => {
    if (url.pathname.startsWith('/_fake/')) return control(req, url);
    if (req.method === 'POST' && url.pathname === '/api/v1/sessions') return signIn(req);
    if (req.method === 'POST' && url.pathname === '/api/v1/invoices') return upload(req);
    if (req.method === 'GET' && url.pathname === '/') {
      return Promise.resolve({
        status: 200,
        body: { service: "Sello's fake insurer e-invoicing platform", protocol: 'v1' },
      });
    }
    return Promise.reject(new Answer(404, 'NOT_FOUND', 'No such route'));
  };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    if (body === undefined) {
      res.writeHead(status).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://insurer-platform');
    route(req, url).then(
      ({ status, body }) => send(res, status, body),
      (error: unknown) => {
        if (error instanceof Answer) {
          send(res, error.status, {
            error: { code: error.code, message: error.message, ...error.extra },
          });
        } else {
          send(res, 500, { error: { code: 'INTERNAL', message: String(error) } });
        }
      },
    );
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', ok);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
