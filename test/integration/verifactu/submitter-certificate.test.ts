import { X509Certificate } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, repositories, tableName } from '@sello/app/platform';
import { verifactuSecretBox } from '@sello/app/verifactu';
import { chainOf } from '@sello/aws/testing';
import { AeatSoapSubmitter, sealedCredentials } from '@sello/aws/verifactu';
import { SubmissionFault } from '@sello/core/verifactu';
import { buildPkcs12, serverCertificate, testCa, testChain } from '@sello/signing/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifactuKeys } from '../../../packages/aws/src/dynamo/keys/verifactu.ts';
import { createTenant, startApi } from '../../support/api.ts';

/**
 * The certificate that presents a tenant's records to AEAT: uploaded as PKCS#12 through the API,
 * kept sealed with the SecretBox (the local KMS endpoint), shown only as metadata, and opened by
 * the AEAT adapter for a real mutual-TLS connection to a local HTTPS server that demands a client
 * certificate from a CA it trusts.
 */
// Every log line of this file is kept (at debug level, set before the handlers load) and checked
// at the end for the password, the file and the key.
process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
const logged: string[] = [];
beforeAll(() => {
  const capture = (chunk: unknown) => {
    logged.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});
afterAll(() => {
  vi.restoreAllMocks();
});

const api = await startApi();
const { submitterCertificates } = repositories();
const PATH = '/v1/verifactu/submitter-certificate';

const client = testChain({ commonName: 'GESTORIA EJEMPLO SL - B76543214' });
const PASSWORD = 'correct horse battery staple';
const pkcs12 = buildPkcs12({
  keys: [client.leaf.keyDer],
  certificates: [client.leaf.der, client.ca.der],
  password: PASSWORD,
  profile: 'aes',
});

let key: string;
let tenantId: string;

beforeAll(async () => {
  ({ key, tenantId } = await createTenant('Certificate tenant'));
});

const stored = async (tenant = tenantId) =>
  (
    await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: verifactuKeys.submitterCertificate(tenant) }),
    )
  ).Item;

describe('uploading the certificate that presents the records to AEAT', () => {
  it('says there is none yet', async () => {
    const res = await api.call('GET', PATH, { key });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ state: 'none' });
  });

  it.each([
    [
      'a file that is not PKCS#12',
      { pkcs12: Buffer.from('x'.repeat(300)).toString('base64'), password: PASSWORD },
      { path: 'pkcs12', message: 'Not a PKCS#12 (.p12/.pfx) file' },
    ],
    [
      'a wrong password',
      { pkcs12, password: 'not it' },
      { path: 'password', message: 'The password does not open this PKCS#12 file' },
    ],
    [
      'a file without its private key',
      {
        pkcs12: buildPkcs12({
          keys: [],
          certificates: [client.leaf.der],
          password: PASSWORD,
          profile: 'legacy',
        }),
        password: PASSWORD,
      },
      {
        path: 'pkcs12',
        message: 'The file holds no private key; export the certificate together with its key',
      },
    ],
  ])('refuses %s, naming the field, and stores nothing', async (_name, body, error) => {
    const res = await api.call('PUT', PATH, { key, body });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([error]);
    expect(res.text).not.toContain(PASSWORD);
    expect(await stored()).toBeUndefined();
  });

  it('refuses an expired certificate', async () => {
    const old = testChain({
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2021-01-01T00:00:00Z'),
    });
    const res = await api.call('PUT', PATH, {
      key,
      body: {
        pkcs12: buildPkcs12({
          keys: [old.leaf.keyDer],
          certificates: [old.leaf.der],
          password: PASSWORD,
          profile: 'aes',
        }),
        password: PASSWORD,
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      { path: 'pkcs12', message: 'The certificate expired on 2021-01-01T00:00:00.000Z' },
    ]);
    expect(await stored()).toBeUndefined();
  });

  it('keeps a valid one sealed and shows only its metadata', async () => {
    const res = await api.call('PUT', PATH, { key, body: { pkcs12, password: PASSWORD } });
    expect(res.status).toBe(200);
    const leaf = new X509Certificate(client.leaf.pem);
    expect(res.json).toEqual({
      state: 'valid',
      certificate: {
        subject:
          'CN=GESTORIA EJEMPLO SL - B76543214, serialNumber=IDCES-12345678Z, O=Sello Test, C=ES',
        issuer: 'CN=Sello Test Root CA, O=Sello Test, C=ES',
        serialNumber: client.leaf.serialDecimal,
        notBefore: new Date(leaf.validFrom).toISOString(),
        notAfter: new Date(leaf.validTo).toISOString(),
        uploadedAt: expect.any(String),
      },
    });
    expect((await api.call('GET', PATH, { key })).json).toEqual(res.json);

    // At rest: the envelope, never the key or the password in clear.
    const item = await stored();
    expect(item?.sealed).toMatchObject({ v: 1, keyId: expect.any(String) });
    const raw = JSON.stringify(item);
    expect(raw).not.toContain('PRIVATE KEY');
    expect(raw).not.toContain('BEGIN CERTIFICATE');
    expect(raw).not.toContain(PASSWORD);
  });
});

describe('the AEAT adapter presenting the stored certificate over mutual TLS', () => {
  const serverCa = testCa({ commonName: 'Test AEAT Server CA' });
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
            .end(
              '<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body>' +
                '<r:RespuestaRegFactuSistemaFacturacion xmlns:r="https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/tike/cont/ws/RespuestaSuministro.xsd" xmlns:i="https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/tike/cont/ws/SuministroInformacion.xsd">' +
                '<r:CSV>A-MTLS0000000001</r:CSV><r:Cabecera><i:ObligadoEmision><i:NombreRazon>X</i:NombreRazon><i:NIF>B12345674</i:NIF></i:ObligadoEmision></r:Cabecera>' +
                '<r:TiempoEsperaEnvio>60</r:TiempoEsperaEnvio><r:EstadoEnvio>Correcto</r:EstadoEnvio>' +
                '<r:RespuestaLinea><r:IDFactura><i:IDEmisorFactura>B12345674</i:IDEmisorFactura><i:NumSerieFactura>F-1</i:NumSerieFactura><i:FechaExpedicionFactura>16-03-2026</i:FechaExpedicionFactura></r:IDFactura>' +
                '<r:Operacion><i:TipoOperacion>Alta</i:TipoOperacion></r:Operacion><r:EstadoRegistro>Correcto</r:EstadoRegistro></r:RespuestaLinea>' +
                '</r:RespuestaRegFactuSistemaFacturacion></env:Body></env:Envelope>',
            ),
        );
    },
  );
  let endpoint: string;
  beforeAll(async () => {
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}/wlpl/TIKE-CONT/ws/SistemaFacturacion/VerifactuSOAP`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  const submitter = () =>
    new AeatSoapSubmitter({
      environment: 'test',
      endpoint,
      ca: [serverCa.pem],
      credentials: sealedCredentials(verifactuSecretBox(), submitterCertificates),
    });
  const request = (tenant: string) => ({
    tenantId: tenant,
    obligado: { NombreRazon: 'Sello Demo Servicios S.L.', NIF: 'B12345674' },
    records: chainOf(['F-1']),
  });

  it('opens the sealed certificate into its TLS options: the certificate, its CA, the key', async () => {
    const options = await submitter().tlsOptions(tenantId);
    const [leafPem, caPem] = String(options.cert).split(/(?<=-----END CERTIFICATE-----\n)/);
    expect(new X509Certificate(leafPem!).raw).toEqual(client.leaf.der);
    expect(new X509Certificate(caPem!).raw).toEqual(client.ca.der);
    expect(String(options.key)).toBe(
      client.leaf.privateKey.export({ format: 'pem', type: 'pkcs8' }),
    );
    expect(options).toMatchObject({ minVersion: 'TLSv1.2', ca: [serverCa.pem] });
  });

  it('is let in by a server that demands a client certificate, and reads its answer', async () => {
    const res = await submitter().submit(request(tenantId));
    expect(res).toEqual({
      estadoEnvio: 'Correcto',
      csv: 'A-MTLS0000000001',
      tiempoEsperaEnvio: 60,
      lines: [{ index: 0, estadoRegistro: 'Correcto' }],
    });
    expect(seen).toEqual([{ subject: 'GESTORIA EJEMPLO SL - B76543214', authorized: true }]);
  });

  it('faults, sending nothing, for a tenant without a certificate, and for one whose sealed key is another tenant’s', async () => {
    const other = await createTenant('Certificate-less tenant');
    const none = await submitter()
      .submit(request(other.tenantId))
      .catch((e) => e);
    expect(none).toBeInstanceOf(SubmissionFault);
    expect(none.message).toMatch(
      /No certificate is stored .*PUT \/v1\/verifactu\/submitter-certificate/,
    );
    expect(none.mayBeRegistered).toBe(false);

    // The sealed secret is bound to its tenant: copied to another, it does not open.
    const copy = await stored();
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...copy, ...verifactuKeys.submitterCertificate(other.tenantId) },
      }),
    );
    const stolen = await submitter()
      .submit(request(other.tenantId))
      .catch((e) => e);
    expect(stolen).toBeInstanceOf(SubmissionFault);
    expect(stolen.message).toBe('The stored AEAT client certificate could not be opened');
    expect(seen).toHaveLength(1);
  });
});

describe('logs', () => {
  it('never hold the password, the file or the key, on success or refusal', () => {
    const text = logged.join('');
    expect(text).toContain('putVerifactuSubmitterCertificate');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(pkcs12.slice(200, 260));
    expect(text).not.toContain('PRIVATE KEY');
  });
});
