import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { readFacturae, signatureProblems, xsdProblems } from './facturae-checks.ts';
import { verifyWsSecurity } from './verify-wsse.ts';

/**
 * A local FACe for `npm start` and the tests: the providers' web service (`facturasspp2`) as its
 * WSDL describes it (the reconstructed one vendored in test/fixtures/schemas/face/: the target
 * namespace and the operations are read from it, and it is served at `?wsdl`). Every request's
 * WS-Security signature is checked against its BinarySecurityToken (`verifyWsSecurity`, a SOAP
 * Fault with WS-Security's code when it fails). `enviarFactura` refuses, as FACe does, an
 * invoice that is not valid Facturae 3.2.2 (XSD), whose XAdES signature does not verify, that does
 * not carry the buyer's three DIR3 units (AdministrativeCentres 01, 02, 03) or that was presented
 * already; otherwise it registers it and answers its `numeroRegistro`. `consultarFactura` answers
 * the state of what it registered. What it registered is kept in a file of JSON lines when given
 * one (`npm start`: the data folder), so its numbers and answers outlive a restart.
 *
 * Refusal codes: 415 (already presented) as FACe answers it; the others are this fake's own
 * (FACe's catalogue of codes is not published in the sources found), in FACe's shape: a
 * `resultado` with `codigo` and `descripcion`.
 */
export const FACE_FAKE_CODES = {
  ok: '0',
  noEmail: '301',
  badMime: '302',
  schema: '303',
  signature: '304',
  dir3: '305',
  duplicate: '415',
  unknownInvoice: '501',
  unknownOperation: '999',
} as const;

export const FACE_WSDL = fileURLToPath(
  new URL('../../../../test/fixtures/schemas/face/facturasspp2.wsdl', import.meta.url),
);

/** FACe's states (its published list; Facturae-PHP's getStatus example shows the first). */
const REGISTRADA = {
  codigo: '1200',
  descripcion: 'La factura ha sido registrada en el registro electrónico REC',
};
const NO_ANULACION = { codigo: '4100', descripcion: 'No solicitada anulación' };

const DIR3_ROLES = [
  ['01', 'oficinaContable'],
  ['02', 'organoGestor'],
  ['03', 'unidadTramitadora'],
] as const;

export interface RegisteredInvoice {
  numeroRegistro: string;
  oficinaContable: string;
  organoGestor: string;
  unidadTramitadora: string;
  identificadorEmisor: string;
  numeroFactura: string;
  serieFactura: string;
  fechaRecepcion: string;
  correo: string;
  /** Who presented it: the subject of the WS-Security certificate. */
  presentedBy: string;
  tramitacion: { codigo: string; descripcion: string };
}

export interface FaceFakeOptions {
  port?: number;
  /** Where registered invoices are kept (JSON lines, appended); none: in memory only. */
  journalPath?: string;
  now?: () => Date;
}

export interface FaceFake {
  /** The service's address, as FACe's `…/facturasspp2`. */
  url: string;
  invoices: ReadonlyMap<string, RegisteredInvoice>;
  stop(): Promise<void>;
}

const MAX_BODY = 8 * 1024 * 1024;

function readWsdl() {
  const wsdl = readFileSync(FACE_WSDL, 'utf8');
  const root = new DOMParser().parseFromString(wsdl, 'text/xml').documentElement!;
  const namespace = root.getAttribute('targetNamespace') ?? '';
  const operations = new Set(
    Array.from(root.getElementsByTagNameNS('http://schemas.xmlsoap.org/wsdl/', 'portType'))
      .flatMap((p) =>
        Array.from(p.getElementsByTagNameNS('http://schemas.xmlsoap.org/wsdl/', 'operation')),
      )
      .map((o) => o.getAttribute('name') ?? ''),
  );
  return { wsdl, namespace, operations };
}

const escapeXml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const leaves = (values: Record<string, string>) =>
  Object.entries(values)
    .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
    .join('');

const envelope = (inner: string) =>
  '<?xml version="1.0" encoding="UTF-8"?>' +
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
  `<soapenv:Body>${inner}</soapenv:Body></soapenv:Envelope>`;

/** An element's first child element named `name` (unqualified, as RPC parts are). */
const child = (parent: Element | undefined, name: string): Element | undefined =>
  parent
    ? (Array.from(parent.childNodes).find(
        (n) => n.nodeType === 1 && (n as Element).localName === name,
      ) as Element | undefined)
    : undefined;
const childText = (parent: Element | undefined, name: string) =>
  child(parent, name)?.textContent?.trim() ?? '';

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('The request exceeds 8 MB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFaceFake(options: FaceFakeOptions = {}): Promise<FaceFake> {
  const now = options.now ?? (() => new Date());
  const { wsdl, namespace, operations } = readWsdl();
  const invoices = new Map<string, RegisteredInvoice>();
  const presented = new Map<string, string>(); // issuer|series|number → numeroRegistro
  let sequence = 0;
  const remember = (registered: RegisteredInvoice) => {
    invoices.set(registered.numeroRegistro, registered);
    presented.set(
      `${registered.identificadorEmisor}|${registered.serieFactura}|${registered.numeroFactura}`,
      registered.numeroRegistro,
    );
    sequence = Math.max(sequence, Number(registered.numeroRegistro.slice(4)) || 0);
  };
  const { journalPath } = options;
  if (journalPath && existsSync(journalPath)) {
    for (const line of readFileSync(journalPath, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        remember(JSON.parse(line) as RegisteredInvoice);
      } catch {
        // a line torn by a killed process; the ones before it stand
      }
    }
  }

  const answer = (operation: string, codigo: string, descripcion: string, factura = '') =>
    envelope(
      `<ns1:${operation}Response xmlns:ns1="${namespace}"><return>` +
        `<resultado>${leaves({ codigo, descripcion, codigoSeguimiento: '' })}</resultado>` +
        `${factura}</return></ns1:${operation}Response>`,
    );

  async function enviarFactura(request: Element | undefined, presentedBy: string) {
    const refuse = (codigo: string, descripcion: string) =>
      answer('enviarFactura', codigo, descripcion);
    const correo = childText(request, 'correo');
    if (!correo) return refuse(FACE_FAKE_CODES.noEmail, 'El correo de notificación es obligatorio');
    const file = child(request, 'factura');
    if (childText(file, 'mime') !== 'application/xml') {
      return refuse(FACE_FAKE_CODES.badMime, 'La factura debe enviarse con mime application/xml');
    }
    const xml = Buffer.from(childText(file, 'factura'), 'base64').toString('utf8');
    const schema = await xsdProblems(xml);
    if (schema) {
      return refuse(
        FACE_FAKE_CODES.schema,
        `La factura no es válida según el esquema Facturae 3.2.2: ${schema}`,
      );
    }
    const signature = signatureProblems(xml);
    if (signature.length) {
      return refuse(
        FACE_FAKE_CODES.signature,
        `La firma de la factura no es válida: ${signature.join('; ')}`,
      );
    }
    const facturae = readFacturae(xml);
    const missing = DIR3_ROLES.filter(([role]) => !facturae.centres.has(role));
    if (missing.length) {
      return refuse(
        FACE_FAKE_CODES.dir3,
        'La factura no identifica las unidades DIR3 del receptor (AdministrativeCentres del ' +
          `BuyerParty): falta ${missing.map(([role, name]) => `${name} (${role})`).join(', ')}`,
      );
    }
    const key = `${facturae.sellerTaxId}|${facturae.series}|${facturae.number}`;
    const previous = presented.get(key);
    if (previous) {
      return refuse(
        FACE_FAKE_CODES.duplicate,
        `La factura ya ha sido presentada con el número de registro ${previous}`,
      );
    }
    const at = now();
    const numeroRegistro = `${at.getUTCFullYear()}${String(++sequence).padStart(8, '0')}`;
    const registered: RegisteredInvoice = {
      numeroRegistro,
      oficinaContable: facturae.centres.get('01')!,
      organoGestor: facturae.centres.get('02')!,
      unidadTramitadora: facturae.centres.get('03')!,
      identificadorEmisor: facturae.sellerTaxId,
      numeroFactura: facturae.number,
      serieFactura: facturae.series,
      fechaRecepcion: at.toISOString().slice(0, 19).replace('T', ' '),
      correo,
      presentedBy,
      tramitacion: REGISTRADA,
    };
    remember(registered);
    if (journalPath) {
      mkdirSync(dirname(journalPath), { recursive: true });
      appendFileSync(journalPath, `${JSON.stringify(registered)}\n`);
    }
    const { correo: _c, presentedBy: _p, tramitacion: _t, ...shown } = registered;
    return answer(
      'enviarFactura',
      FACE_FAKE_CODES.ok,
      'Correcto',
      `<factura>${leaves(shown)}</factura>`,
    );
  }

  function consultarFactura(operation: Element) {
    const numeroRegistro = childText(operation, 'numeroRegistro');
    const found = invoices.get(numeroRegistro);
    if (!found) {
      return answer(
        'consultarFactura',
        FACE_FAKE_CODES.unknownInvoice,
        `No existe la factura con número de registro ${numeroRegistro}`,
      );
    }
    return answer(
      'consultarFactura',
      FACE_FAKE_CODES.ok,
      'Correcto',
      `<factura>${leaves({ numeroRegistro })}` +
        `<tramitacion>${leaves({ ...found.tramitacion, motivo: '' })}</tramitacion>` +
        `<anulacion>${leaves({ ...NO_ANULACION, motivo: '' })}</anulacion></factura>`,
    );
  }

  async function handle(xml: string): Promise<{ status: number; body: string }> {
    const checked = verifyWsSecurity(xml, now());
    if (!checked.ok) {
      return {
        status: 500,
        body: envelope(
          '<soapenv:Fault xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">' +
            `<faultcode>${checked.fault}</faultcode><faultstring>${escapeXml(checked.message)}</faultstring>` +
            '</soapenv:Fault>',
        ),
      };
    }
    const { operation, certificate } = checked;
    const name = operation.localName ?? '';
    if (operation.namespaceURI !== namespace || !operations.has(name)) {
      return {
        status: 500,
        body: envelope(
          `<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>${FACE_FAKE_CODES.unknownOperation} Operación desconocida: ${escapeXml(name)}</faultstring></soapenv:Fault>`,
        ),
      };
    }
    if (name === 'enviarFactura') {
      return {
        status: 200,
        body: await enviarFactura(child(operation, 'request'), certificate.subject),
      };
    }
    return { status: 200, body: consultarFactura(operation) };
  }

  const server: Server = createServer((req, res) => {
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': `${type}; charset=utf-8` });
      res.end(body);
    };
    const url = new URL(req.url ?? '/', 'http://face-fake');
    if (req.method === 'GET' && url.searchParams.has('wsdl')) {
      const self = `http://${req.headers.host}${url.pathname}`;
      return send(200, 'text/xml', wsdl.replace(/location="[^"]*"/, `location="${self}"`));
    }
    if (req.method !== 'POST') return send(405, 'text/plain', 'POST a SOAP request');
    readBody(req)
      .then(handle)
      .then(
        ({ status, body }) => send(status, 'text/xml', body),
        (error: unknown) =>
          send(
            500,
            'text/xml',
            envelope(
              `<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>${escapeXml((error as Error).message)}</faultstring></soapenv:Fault>`,
            ),
          ),
      );
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', ok);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/facturasspp2`,
    invoices,
    stop: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
