import { createHash, generateKeyPairSync, verify, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csdForSealing } from '@sello/app/csd';
import { kmsClient, repositories } from '@sello/app/platform';
import { KmsSigner } from '@sello/aws';
import { systemClock, ulidIds } from '@sello/core/ports';
import { provisionTenant } from '@sello/core/tenants';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTenant, startApi } from '../../support/api.ts';

// Every log line of this file is kept (at debug level, set before the handlers load) and checked
// at the end for the password and the key.
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
const CERTS = join(import.meta.dirname, '../../fixtures/schemas/cfdi/certs');
const file = (name: string) => readFileSync(join(CERTS, name)).toString('base64');
/** SAT's public test CSD (Escuela Kemper Urgate, password 12345678a). */
const SAT = { certificate: file('EKU9003173C9.cer'), key: file('EKU9003173C9.key') };
const PASSWORD = '12345678a';

/** A Mexican tenant whose RFC is the test CSD's (or another). */
async function mexicanTenant(taxId = 'EKU9003173C9') {
  const { tenant, secret } = await provisionTenant({
    tenants: repositories().tenants,
    clock: systemClock,
    ids: ulidIds,
  })({
    name: 'ESCUELA KEMPER URGATE SA DE CV',
    taxId,
    email: 'facturas@kemper.example.mx',
    language: 'es',
    timezone: 'America/Mexico_City',
    address: {
      line1: 'Av. Reforma 1',
      city: 'Ciudad de México',
      postalCode: '06600',
      country: 'MX',
    },
  });
  return { tenantId: tenant.id, key: secret };
}

/** A certificate shaped like SAT's, with or without a branch (OU): without one it is an e.firma. */
function satLike(rfc: string, branch?: string) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(
    privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
  ) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = Buffer.from('30001000000500009998').toString('hex');
  cert.validity.notBefore = new Date('2026-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2030-01-01T00:00:00Z');
  const subject = [
    { shortName: 'CN', value: 'PRUEBA SA DE CV' },
    { type: '2.5.4.45', value: `${rfc} / VADA800927DJ3` },
    ...(branch ? [{ shortName: 'OU', value: branch }] : []),
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.sign(key, forge.md.sha256.create());
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  const encrypted = privateKey.export({
    format: 'der',
    type: 'pkcs8',
    cipher: 'aes-256-cbc',
    passphrase: PASSWORD,
  });
  return { certificate: der.toString('base64'), key: encrypted.toString('base64') };
}

const put = (key: string, body: unknown) => api.call('PUT', '/v1/csd', { key, body });

describe('PUT /v1/csd and GET /v1/csd', () => {
  it("takes SAT's test CSD for its RFC, seals with the key in KMS and answers what it is", async () => {
    const tenant = await mexicanTenant();
    expect((await api.call('GET', '/v1/csd', { key: tenant.key })).status).toBe(404);

    const res = await put(tenant.key, { ...SAT, password: PASSWORD });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({
      rfc: 'EKU9003173C9',
      name: 'ESCUELA KEMPER URGATE SA DE CV',
      certificateNumber: '30001000000500003416',
      validFrom: '2023-05-18T11:43:51.000Z',
      validTo: '2027-05-18T11:43:51.000Z',
      importedAt: expect.any(String),
    });
    expect(JSON.stringify(res.json)).not.toMatch(/keyId|arn:|key\//);
    const read = await api.call('GET', '/v1/csd', { key: tenant.key });
    expect(read.status).toBe(200);
    expect(read.json).toEqual(res.json);

    // What CFDI issuing gets, and the KMS key really holds the CSD's private key.
    const sealing = await csdForSealing()(tenant.tenantId);
    expect(sealing).toEqual({
      keyId: expect.any(String),
      certificateNumber: '30001000000500003416',
      certificateBase64: SAT.certificate,
      rfc: 'EKU9003173C9',
      validFrom: '2023-05-18T11:43:51.000Z',
      validTo: '2027-05-18T11:43:51.000Z',
    });
    const cadena = '||4.0|A|1|2026-12-07T10:00:00|ÑANDÚ||';
    const digest = createHash('sha256').update(cadena, 'utf8').digest();
    const signature = await new KmsSigner(kmsClient()).signDigest(
      sealing.keyId,
      digest,
      'RSASSA_PKCS1_V1_5_SHA_256',
    );
    const publicKey = new X509Certificate(Buffer.from(SAT.certificate, 'base64')).publicKey;
    expect(verify('sha256', Buffer.from(cadena, 'utf8'), publicKey, signature)).toBe(true);

    // The same upload again (a retried PUT) is the same CSD: no second key.
    const again = await put(tenant.key, { ...SAT, password: PASSWORD });
    expect(again.json).toEqual(res.json);
    expect((await csdForSealing()(tenant.tenantId)).keyId).toBe(sealing.keyId);
  });

  it('refuses a wrong password, a key of another certificate and a file that is no certificate', async () => {
    const tenant = await mexicanTenant();
    const wrong = await put(tenant.key, { ...SAT, password: 'not-the-password' });
    expect(wrong.status).toBe(400);
    expect(wrong.json.errors).toEqual([{ path: 'password', message: expect.any(String) }]);

    const other = satLike('EKU9003173C9', 'Sucursal 2');
    const mismatch = await put(tenant.key, { ...SAT, key: other.key, password: PASSWORD });
    expect(mismatch.status).toBe(400);
    expect(mismatch.json.errors).toEqual([{ path: 'key', message: expect.any(String) }]);

    const notCertificate = await put(tenant.key, {
      ...SAT,
      certificate: Buffer.alloc(300, 7).toString('base64'),
      password: PASSWORD,
    });
    expect(notCertificate.status).toBe(400);
    expect(notCertificate.json.errors).toEqual([
      { path: 'certificate', message: expect.any(String) },
    ]);
    expect((await api.call('GET', '/v1/csd', { key: tenant.key })).status).toBe(404);
  });

  it('refuses an e.firma with its own message', async () => {
    const tenant = await mexicanTenant();
    const res = await put(tenant.key, { ...satLike('EKU9003173C9'), password: PASSWORD });
    expect(res.status).toBe(400);
    expect(res.json.detail).toMatch(/e\.firma/);
    expect(res.json.errors).toEqual([
      { path: 'certificate', message: expect.stringMatching(/e\.firma/) },
    ]);
  });

  it("refuses a CSD of another RFC than the tenant's, naming the certificate", async () => {
    const spanish = await createTenant();
    const res = await put(spanish.key, { ...SAT, password: PASSWORD });
    expect(res.status).toBe(409);
    expect(res.json.errors).toEqual([
      { path: 'certificate', message: expect.stringContaining('EKU9003173C9') },
    ]);
    const other = await mexicanTenant('PRU010101AA6');
    expect((await put(other.key, { ...SAT, password: PASSWORD })).status).toBe(409);
    expect((await api.call('GET', '/v1/csd', { key: other.key })).status).toBe(404);
  });

  it('names each field missing or malformed in the body', async () => {
    const tenant = await mexicanTenant();
    const bad = await put(tenant.key, { certificate: 'x', key: SAT.key });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'certificate',
      'password',
    ]);
  });

  it('never logged the password nor the key', () => {
    const all = logged.join('');
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(SAT.key.slice(0, 60));
  });
});
