import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENV } from '@sello/contracts';
import {
  buildPkcs12,
  ecKeyDer,
  testCa,
  testChain,
  testIntermediate,
  testLeaf,
} from '@sello/signing/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { acceptanceLines } from '../../support/invoices.ts';

// Every log line of this file is kept (at debug level, set before the handlers load) and checked
// at the end for the password and the file.
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
const dir = mkdtempSync(join(tmpdir(), 'sello-signing-'));
const PASSWORD = 'contraseña-Ñ1';
const schema = join(
  import.meta.dirname,
  '../../fixtures/schemas/facturae/Facturaev3_2_2-with-XAdES.xsd',
);
const DAY = 86_400_000;

// Made at test time: a root CA and a signing certificate, in a legacy (3DES key, RC2 certificates)
// PKCS#12 file; and a second holder under an intermediate CA, in an AES (PBES2) file.
const { ca, leaf } = testChain();
const legacyFile = buildPkcs12({
  keys: [leaf.keyDer],
  certificates: [leaf.der, ca.der],
  password: PASSWORD,
  profile: 'legacy',
});
const root = testCa({ commonName: 'Sello Test Root CA 2' });
const issuing = testIntermediate(root);
const company = testLeaf(issuing, {
  commonName: 'TALLERES NUNEZ SL - B12345674',
  subjectSerial: 'VATES-B12345674',
  organization: 'TALLERES NUNEZ SL',
});
const aesFile = buildPkcs12({
  keys: [company.keyDer],
  certificates: [company.der, issuing.der, root.der],
  password: PASSWORD,
  profile: 'aes',
});

const put = (key: string, body: unknown) =>
  api.call('PUT', '/v1/signing-certificate', { key, body });
const get = (key: string) => api.call('GET', '/v1/signing-certificate', { key });
const pemFile = (name: string, pem: string) => {
  const file = join(dir, name);
  writeFileSync(file, pem);
  return file;
};

/** Issues an invoice for the tenant and downloads its signed Facturae. */
async function issueAndDownload(key: string, name: string) {
  const customerId = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
  const draft = (
    await api.call('POST', '/v1/invoices', { key, body: { customerId, lines: acceptanceLines } })
  ).json;
  const issued = await api.call('POST', `/v1/invoices/${draft.id}/issue`, { key });
  expect(issued.status, issued.text).toBe(200);
  const res = await fetch(`${api.base}/v1/invoices/${draft.id}/documents/facturae`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(res.status).toBe(200);
  const xml = Buffer.from(await res.arrayBuffer());
  const file = join(dir, `${name}.xsig`);
  writeFileSync(file, xml);
  return { file, text: xml.toString('utf8') };
}

const xmlsecVerify = (file: string, trustedPem: string) =>
  spawnSync(
    'xmlsec1',
    [
      '--verify',
      '--enabled-key-data',
      'x509',
      '--trusted-pem',
      trustedPem,
      '--id-attr:Id',
      'SignedProperties',
      '--id-attr:Id',
      'KeyInfo',
      file,
    ],
    { encoding: 'utf8' },
  );

const certificatesIn = (xml: string) =>
  [...xml.matchAll(/<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/g)].map((m) => m[1]);

describe('PUT and GET /v1/signing-certificate', () => {
  let key: string;
  beforeAll(async () => {
    ({ key } = await createTenant('Ana García Pérez'));
  });

  it('answers 404 before any upload', async () => {
    const res = await get(key);
    expect(res.status).toBe(404);
  });

  it('takes a legacy 3DES/RC2 PKCS#12 and shows its subject, issuer, serial and dates', async () => {
    const res = await put(key, { pkcs12: legacyFile, password: PASSWORD });

    expect(res.status, res.text).toBe(200);
    const x509 = new X509Certificate(leaf.pem);
    const expected = {
      subject: 'CN=GARCIA PEREZ ANA - 12345678Z, serialNumber=IDCES-12345678Z, O=Sello Test, C=ES',
      issuer: 'CN=Sello Test Root CA, O=Sello Test, C=ES',
      serialNumber: leaf.serialDecimal,
      notBefore: new Date(x509.validFrom).toISOString(),
      notAfter: new Date(x509.validTo).toISOString(),
      chainLength: 2,
      importedAt: expect.any(String),
    };
    expect(res.json).toEqual(expected);
    // Nothing of the key or the file comes back.
    expect(res.text).not.toMatch(/arn:|PRIVATE|keyId/);

    const read = await get(key);
    expect(read.status).toBe(200);
    expect(read.json).toEqual({ ...expected, importedAt: res.json.importedAt });
  });

  it('signs the next issued invoice with the uploaded certificate, verifiable by xmlsec1', async () => {
    const { file, text } = await issueAndDownload(key, 'tenant-signed');

    expect(text).toContain(`<ds:X509SerialNumber>${leaf.serialDecimal}</ds:X509SerialNumber>`);
    // Only the signing certificate: the self-signed root adds nothing a validator could trust.
    expect(certificatesIn(text)).toEqual([leaf.der.toString('base64')]);
    const trusted = xmlsecVerify(file, pemFile('ca.pem', ca.pem));
    expect(trusted.status, trusted.stderr).toBe(0);
    // And it is not the platform's signature.
    const platform = xmlsecVerify(
      file,
      pemFile('platform.pem', process.env[ENV.signingCertificate]!),
    );
    expect(platform.status).not.toBe(0);
  });

  it('keeps the current certificate when a later upload is refused', async () => {
    const res = await put(key, { pkcs12: aesFile, password: 'not the password' });

    expect(res.status).toBe(400);
    expect((await get(key)).json.serialNumber).toBe(leaf.serialDecimal);
  });
});

describe('an AES (PBES2) PKCS#12 under an intermediate CA', () => {
  it('is taken, and the signature carries the intermediate so the root alone verifies it', async () => {
    const { key } = await createTenant('Talleres Núñez, S.L.');

    const res = await put(key, { pkcs12: aesFile, password: PASSWORD });

    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      subject: expect.stringContaining('CN=TALLERES NUNEZ SL - B12345674'),
      issuer: 'CN=Sello Test Issuing CA, O=Sello Test, C=ES',
      serialNumber: company.serialDecimal,
      chainLength: 3,
    });
    const { file, text } = await issueAndDownload(key, 'company-signed');
    expect(text).toContain(`<ds:X509SerialNumber>${company.serialDecimal}</ds:X509SerialNumber>`);
    expect(certificatesIn(text)).toEqual([
      company.der.toString('base64'),
      issuing.der.toString('base64'),
    ]);
    const verified = xmlsecVerify(file, pemFile('root2.pem', root.pem));
    expect(verified.status, verified.stderr).toBe(0);
    // Two certificates in X509Data are still the official Facturae/XAdES schema.
    const xsd = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema, file], {
      encoding: 'utf8',
    });
    expect(xsd.status, xsd.stderr).toBe(0);
  });
});

describe('refused uploads store nothing', () => {
  let key: string;
  beforeAll(async () => {
    ({ key } = await createTenant('Refused'));
  });

  /** PUTs, expects a 400 naming `path`, and checks the tenant still has no certificate. */
  async function refused(body: unknown, path: string) {
    const res = await put(key, body);
    expect(res.status, res.text).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual([path]);
    expect((await get(key)).status).toBe(404);
    return res.json;
  }

  it('a wrong password, naming the password', async () => {
    const problem = await refused({ pkcs12: legacyFile, password: 'contrasena-N1' }, 'password');
    expect(problem.detail).toBe('The password does not open this PKCS#12 file');
  });

  it('an expired certificate', async () => {
    const old = testLeaf(ca, {
      commonName: 'CADUCADO - 12345678Z',
      notBefore: new Date(Date.now() - 800 * DAY),
      notAfter: new Date(Date.now() - 2 * DAY),
    });
    const file = buildPkcs12({
      keys: [old.keyDer],
      certificates: [old.der, ca.der],
      password: PASSWORD,
      profile: 'aes',
    });

    const problem = await refused({ pkcs12: file, password: PASSWORD }, 'pkcs12');

    expect(problem.detail).toMatch(
      /^The certificate expired on \d{4}-\d\d-\d\dT.*; upload a current one$/,
    );
  });

  it('an EC key', async () => {
    // forge cannot issue EC certificates; the key alone decides, before any certificate is read.
    const file = buildPkcs12({
      keys: [ecKeyDer()],
      certificates: [leaf.der],
      password: PASSWORD,
      profile: 'aes',
    });

    const problem = await refused({ pkcs12: file, password: PASSWORD }, 'pkcs12');

    expect(problem.errors[0].message).toBe('The private key is EC; an RSA key is needed');
  });

  it('a file that is not PKCS#12, and a body without the file', async () => {
    const notP12 = Buffer.from(leaf.pem).toString('base64');
    const problem = await refused({ pkcs12: notP12, password: PASSWORD }, 'pkcs12');
    expect(problem.errors[0].message).toBe('Not a PKCS#12 (.p12/.pfx) file');

    await refused({ password: PASSWORD }, 'pkcs12');
  });
});

describe('a tenant without a certificate', () => {
  it('still signs with the platform default', async () => {
    const { key } = await createTenant('Sin certificado');

    const { file, text } = await issueAndDownload(key, 'platform-signed');

    const platformPem = process.env[ENV.signingCertificate]!;
    const serial = BigInt(`0x${new X509Certificate(platformPem).serialNumber}`).toString(10);
    expect(text).toContain(`<ds:X509SerialNumber>${serial}</ds:X509SerialNumber>`);
    const verified = xmlsecVerify(file, pemFile('platform-default.pem', platformPem));
    expect(verified.status, verified.stderr).toBe(0);
  });
});

describe('logs', () => {
  it('never hold the password or the file, on success or refusal', () => {
    const text = logged.join('');
    expect(text).toContain('putSigningCertificate');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('contrasena-N1');
    for (const file of [legacyFile, aesFile]) expect(text).not.toContain(file.slice(200, 260));
    expect(text).not.toContain('PRIVATE KEY');
  });
});
