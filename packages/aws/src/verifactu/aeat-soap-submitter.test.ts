import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { SubmissionFault, type SubmitRequest } from '@sello/core/verifactu';
import { serverCertificate, testCa, testChain } from '@sello/signing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainOf, OBLIGADO, TENANT } from '../../testing/index.ts';
import {
  AEAT_ENDPOINTS,
  AeatSoapSubmitter,
  type ClientCredentials,
  parseRespuesta,
} from './aeat-soap-submitter.ts';

const SAMPLE = readFileSync(
  join(
    import.meta.dirname,
    '../../../../test/fixtures/schemas/verifactu/samples/odoo-response-parcialmente-correcto.soap.xml',
  ),
  'utf8',
);

const NS_R =
  'https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/tike/cont/ws/RespuestaSuministro.xsd';
const NS_I =
  'https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/tike/cont/ws/SuministroInformacion.xsd';

/** An AEAT-shaped answer with the given lines (other prefixes than the sample's, on purpose). */
function answer(
  lines: Array<{
    num: string;
    op?: string;
    estado: string;
    code?: string;
    text?: string;
    dup?: boolean;
  }>,
  head = '<r:CSV>A-ABCDEFGHIJ1234</r:CSV>',
) {
  const body = lines
    .map(
      (l) =>
        `<r:RespuestaLinea><r:IDFactura><i:IDEmisorFactura>B12345674</i:IDEmisorFactura>` +
        `<i:NumSerieFactura>${l.num}</i:NumSerieFactura><i:FechaExpedicionFactura>16-03-2026</i:FechaExpedicionFactura></r:IDFactura>` +
        `<r:Operacion><i:TipoOperacion>${l.op ?? 'Alta'}</i:TipoOperacion></r:Operacion>` +
        `<r:EstadoRegistro>${l.estado}</r:EstadoRegistro>` +
        (l.code ? `<r:CodigoErrorRegistro>${l.code}</r:CodigoErrorRegistro>` : '') +
        (l.text ? `<r:DescripcionErrorRegistro>${l.text}</r:DescripcionErrorRegistro>` : '') +
        (l.dup
          ? '<r:RegistroDuplicado><i:IdPeticionRegistroDuplicado>20261116</i:IdPeticionRegistroDuplicado>' +
            '<i:EstadoRegistroDuplicado>Correcta</i:EstadoRegistroDuplicado>' +
            '<i:CodigoErrorRegistro>9999</i:CodigoErrorRegistro></r:RegistroDuplicado>'
          : '') +
        '</r:RespuestaLinea>',
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>` +
    `<r:RespuestaRegFactuSistemaFacturacion xmlns:r="${NS_R}" xmlns:i="${NS_I}">${head}` +
    `<r:Cabecera><i:ObligadoEmision><i:NombreRazon>X</i:NombreRazon><i:NIF>B12345674</i:NIF></i:ObligadoEmision></r:Cabecera>` +
    `<r:TiempoEsperaEnvio>120</r:TiempoEsperaEnvio><r:EstadoEnvio>ParcialmenteCorrecto</r:EstadoEnvio>${body}` +
    '</r:RespuestaRegFactuSistemaFacturacion></s:Body></s:Envelope>'
  );
}

describe('parseRespuesta', () => {
  it('reads AEAT’s sample answer (Odoo test fixture, AEAT test environment)', () => {
    const request: SubmitRequest = {
      tenantId: TENANT,
      obligado: { NombreRazon: 'ES Company', NIF: 'A39200019' },
      records: chainOf(['INV/2024/00007'], {
        issuer: { taxId: 'A39200019', name: 'ES Company' },
        issueDate: '2024-12-17',
      }),
    };
    expect(parseRespuesta(SAMPLE, request)).toEqual({
      estadoEnvio: 'ParcialmenteCorrecto',
      csv: 'A-X2CPJ3HE3AFADY',
      tiempoEsperaEnvio: 60,
      lines: [
        {
          index: 0,
          estadoRegistro: 'AceptadoConErrores',
          codigoError: '2005',
          descripcionError:
            'El campo ImporteTotal tiene un valor incorrecto para el valor de los campos BaseImponibleOimporteNoSujeto, CuotaRepercutida y CuotaRecargoEquivalencia suministrados.',
        },
      ],
    });
  });

  it('matches lines to records by invoice and operation, not by position', () => {
    const records = chainOf(['F-1', 'F-2', { void: 'F-1' }]);
    const res = parseRespuesta(
      answer([
        { num: 'F-1', op: 'Anulacion', estado: 'Correcto' },
        {
          num: 'F-2',
          estado: 'Incorrecto',
          code: '3000',
          text: 'Registro de facturaci&#243;n duplicado.',
          dup: true,
        },
        { num: 'F-1', estado: 'Correcto' },
        { num: 'F-9', estado: 'Correcto' },
      ]),
      { tenantId: TENANT, obligado: OBLIGADO, records },
    );
    expect(res.tiempoEsperaEnvio).toBe(120);
    expect(res.csv).toBe('A-ABCDEFGHIJ1234');
    expect(res.lines).toEqual([
      { index: 2, estadoRegistro: 'Correcto' },
      // The duplicate's own code, not the one of the stored record inside RegistroDuplicado,
      // which comes apart as what AEAT holds.
      {
        index: 1,
        estadoRegistro: 'Incorrecto',
        codigoError: '3000',
        descripcionError: 'Registro de facturación duplicado.',
        duplicate: { idPeticion: '20261116', estado: 'Correcta', codigoError: '9999' },
      },
      { index: 0, estadoRegistro: 'Correcto' },
    ]);
  });

  it('turns a SOAP Fault or an unknown answer into a SubmissionFault', () => {
    const request = { tenantId: TENANT, obligado: OBLIGADO, records: chainOf(['F-1']) };
    const fault =
      '<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body><env:Fault>' +
      '<faultcode>env:Client</faultcode><faultstring>El XML no cumple el esquema. Falta informar campo obligatorio.</faultstring>' +
      '</env:Fault></env:Body></env:Envelope>';
    expect(() => parseRespuesta(fault, request, 500)).toThrow(SubmissionFault);
    expect(() => parseRespuesta(fault, request, 500)).toThrow(
      /env:Client: El XML no cumple el esquema/,
    );
    expect(() => parseRespuesta('<html>Service Unavailable</html>', request, 503)).toThrow(
      /Unexpected answer from AEAT \(HTTP 503\)/,
    );
  });
});

describe('AeatSoapSubmitter', () => {
  const received: Array<{
    method?: string;
    url?: string;
    headers: http.IncomingHttpHeaders;
    body: string;
  }> = [];
  let reply = (_body: string): [number, string] => [
    200,
    answer([{ num: 'F-1', estado: 'Correcto' }]),
  ];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (c: string) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      const [status, text] = reply(body);
      res.writeHead(status, { 'content-type': 'text/xml; charset=utf-8' }).end(text);
    });
  });
  let endpoint: string;
  beforeAll(async () => {
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wlpl/TIKE-CONT/ws/SistemaFacturacion/VerifactuSOAP`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  const submitter = () =>
    new AeatSoapSubmitter({ environment: 'test', endpoint, agent: new http.Agent() });

  it('posts the SOAP request AEAT’s WSDL describes and reads the answer', async () => {
    const records = chainOf(['F-1']);
    const res = await submitter().submit({ tenantId: TENANT, obligado: OBLIGADO, records });
    expect(res).toMatchObject({ estadoEnvio: 'ParcialmenteCorrecto', csv: 'A-ABCDEFGHIJ1234' });
    expect(res.lines).toEqual([{ index: 0, estadoRegistro: 'Correcto' }]);

    const req = received.at(-1)!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/wlpl/TIKE-CONT/ws/SistemaFacturacion/VerifactuSOAP');
    expect(req.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(req.headers.soapaction).toBe('""');
    expect(req.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\s*<soapenv:Envelope/);
    expect(req.body).toContain('<soapenv:Body><sum:RegFactuSistemaFacturacion');
    expect(req.body).toContain(`<sum1:NIF>${OBLIGADO.NIF}</sum1:NIF>`);
    expect(req.body).toContain(`<sum1:Huella>${records[0]!.Huella}</sum1:Huella>`);
  });

  it('makes a fault of a SOAP Fault (HTTP 500), and of an unreachable endpoint', async () => {
    reply = () => [
      500,
      '<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body><env:Fault><faultcode>env:Server</faultcode><faultstring>Error interno</faultstring></env:Fault></env:Body></env:Envelope>',
    ];
    const request = { tenantId: TENANT, obligado: OBLIGADO, records: chainOf(['F-1']) };
    await expect(submitter().submit(request)).rejects.toMatchObject({
      name: 'SubmissionFault',
      faultCode: 'env:Server',
    });
    const closed = new AeatSoapSubmitter({
      environment: 'test',
      endpoint: 'http://127.0.0.1:1/VerifactuSOAP',
      agent: new http.Agent(),
    });
    await expect(closed.submit(request)).rejects.toThrow(/AEAT could not be reached/);
  });

  it('faults, without calling AEAT, when no client certificate is configured', async () => {
    const before = received.length;
    const s = new AeatSoapSubmitter({ environment: 'test', endpoint });
    await expect(
      s.submit({ tenantId: TENANT, obligado: OBLIGADO, records: chainOf(['F-1']) }),
    ).rejects.toThrow(SubmissionFault);
    expect(received.length).toBe(before);
  });

  it('knows AEAT’s endpoints', () => {
    expect(AEAT_ENDPOINTS.test).toBe(
      'https://prewww1.aeat.es/wlpl/TIKE-CONT/ws/SistemaFacturacion/VerifactuSOAP',
    );
    expect(AEAT_ENDPOINTS.production).toBe(
      'https://www1.agenciatributaria.gob.es/wlpl/TIKE-CONT/ws/SistemaFacturacion/VerifactuSOAP',
    );
  });
});

describe('AeatSoapSubmitter over mutual TLS', () => {
  // Stand-ins for AEAT: its server certificate from one CA, the clients' from another.
  const serverCa = testCa({ commonName: 'Test AEAT Server CA' });
  const client = testChain();
  const keyPem = (c: { privateKey: import('node:crypto').KeyObject }) =>
    c.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  const credentials: ClientCredentials = {
    cert: client.leaf.pem,
    chain: [client.ca.pem],
    key: keyPem(client.leaf),
  };
  const seen: Array<{ subject: string; authorized: boolean }> = [];
  const server = https.createServer(
    {
      ...serverCertificate(serverCa),
      ca: [client.ca.pem],
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => {
      const socket = req.socket as TLSSocket;
      seen.push({
        subject: socket.getPeerCertificate().subject.CN as string,
        authorized: socket.authorized,
      });
      req
        .resume()
        .on('end', () =>
          res
            .writeHead(200, { 'content-type': 'text/xml; charset=utf-8' })
            .end(answer([{ num: 'F-1', estado: 'Correcto' }])),
        );
    },
  );
  let endpoint: string;
  beforeAll(async () => {
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}/wlpl/TIKE-CONT/ws/SistemaFacturacion/VerifactuSOAP`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it('builds its TLS options from the tenant’s credentials and is let in by a server that demands a client certificate', async () => {
    const asked: string[] = [];
    const submitter = new AeatSoapSubmitter({
      environment: 'test',
      endpoint,
      ca: [serverCa.pem],
      credentials: async (tenantId) => {
        asked.push(tenantId);
        return credentials;
      },
    });
    expect(await submitter.tlsOptions(TENANT)).toEqual({
      cert: client.leaf.pem + client.ca.pem,
      key: credentials.key,
      minVersion: 'TLSv1.2',
      ca: [serverCa.pem],
    });

    const res = await submitter.submit({
      tenantId: TENANT,
      obligado: OBLIGADO,
      records: chainOf(['F-1']),
    });
    expect(res.lines).toEqual([{ index: 0, estadoRegistro: 'Correcto' }]);
    expect(seen.at(-1)).toEqual({ subject: 'GARCIA PEREZ ANA - 12345678Z', authorized: true });
    expect(asked).toEqual([TENANT, TENANT]);
  });

  it('is turned away, as a fault, with a certificate the server does not trust', async () => {
    const stranger = testChain({ commonName: 'Nobody' });
    const before = seen.length;
    const submitter = new AeatSoapSubmitter({
      environment: 'test',
      endpoint,
      ca: [serverCa.pem],
      credentials: { cert: stranger.leaf.pem, key: keyPem(stranger.leaf) },
    });
    const fault = await submitter
      .submit({ tenantId: TENANT, obligado: OBLIGADO, records: chainOf(['F-1']) })
      .catch((e) => e);
    expect(fault).toBeInstanceOf(SubmissionFault);
    expect(fault.message).toMatch(/AEAT could not be reached/);
    expect(seen.length).toBe(before);
  });

  it('does not trust a server outside the trusted CAs', async () => {
    const submitter = new AeatSoapSubmitter({
      environment: 'test',
      endpoint,
      ca: [client.ca.pem],
      credentials,
    });
    await expect(
      submitter.submit({ tenantId: TENANT, obligado: OBLIGADO, records: chainOf(['F-1']) }),
    ).rejects.toThrow(/AEAT could not be reached: .*(self-signed|unable to verify|certificate)/i);
  });
});
