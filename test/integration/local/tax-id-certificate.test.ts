import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPkcs12, testSelfSigned } from '@sello/signing/testing';
import { TRUSTED_CAS } from '@sello/signing/trusted-cas';
import { afterAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../../../packages/local/src/platform.ts';
import { freePort } from '../../../packages/local/src/services/ports.ts';
import { ensureLocalTestCa, LOCAL_TEST_CA_FILE } from '../../../packages/local/src/test-ca.ts';
import { aSourceIp, callFrom } from '../../support/recipients.ts';
import { aStaffEmail } from '../../support/staff.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'sello-trust-'));
const platform = await startPlatform({
  dataDir,
  port: await freePort(),
  mailPort: await freePort(),
  schedulerIntervalMs: 0,
});
afterAll(async () => {
  await platform.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const api = { base: platform.info.apiUrl } as Parameters<typeof callFrom>[0];
const call = (method: string, path: string, key?: string, body?: unknown) =>
  callFrom(api, aSourceIp(), method, path, { ...(key ? { key } : {}), body });

/** A business that signs up with `taxId` through the API, and its owner's access token. */
async function signedUp(taxId: string) {
  const email = aStaffEmail('trust');
  const password = 'una frase de paso larga';
  const made = await call('POST', '/v1/auth/sign-up', undefined, {
    company: {
      name: 'Talleres Demo Segundo, S.L.',
      taxId,
      address: { line1: 'Calle Mayor 2', city: 'Madrid', postalCode: '28013', country: 'ES' },
    },
    owner: { name: 'Quien Sea', email, password },
  });
  expect(made.status, JSON.stringify(made.json)).toBe(201);
  const session = await call('POST', '/v1/auth/sign-in', undefined, { email, password });
  expect(session.status).toBe(200);
  return session.json.accessToken as string;
}

describe('the local platform trusts a test CA of its own for tax-id proof', () => {
  it('keeps the CA in the data folder, apart from the CAs Sello ships', () => {
    const pem = readFileSync(join(dataDir, 'trust', LOCAL_TEST_CA_FILE), 'utf8');
    const ca = new X509Certificate(pem);
    expect(ca.ca).toBe(true);
    expect(ca.subject).toContain('not for production');
    expect(TRUSTED_CAS.map((t) => new X509Certificate(t.pem).fingerprint256)).not.toContain(
      ca.fingerprint256,
    );
    // A restart finds the same CA, so the certificates it issued still chain.
    expect(ensureLocalTestCa(join(dataDir, 'trust')).pem.trim()).toBe(pem.trim());
  });

  it('gives the demo company a certificate that proves its tax id, where a self-signed one does not', async () => {
    const demo = (await call('GET', '/v1/tenant', platform.info.apiKey)).json;
    const token = await signedUp(demo.taxId);
    const tenant = async () => (await call('GET', '/v1/tenant', token)).json;
    expect((await tenant()).taxIdVerified).toBe(false);

    const self = testSelfSigned({
      commonName: 'DEMO TALLERES SELLO SL',
      subject: [
        { shortName: 'C', value: 'ES' },
        { type: '2.5.4.97', value: `VATES-${demo.taxId}` },
        { shortName: 'CN', value: 'DEMO TALLERES SELLO SL' },
      ],
    });
    const selfFile = buildPkcs12({
      keys: [self.keyDer],
      certificates: [self.der],
      password: 'p',
      profile: 'aes',
    });
    const refused = await call('PUT', '/v1/signing-certificate', token, {
      pkcs12: selfFile,
      password: 'p',
    });
    expect(refused.status, JSON.stringify(refused.json)).toBe(200);
    expect(refused.json.taxIdCheck).toEqual({ proves: false, reason: 'untrusted-issuer' });
    expect((await tenant()).taxIdVerified).toBe(false);

    const { path, password } = platform.demoCertificate!;
    const proved = await call('PUT', '/v1/signing-certificate', token, {
      pkcs12: readFileSync(path).toString('base64'),
      password,
    });
    expect(proved.status, JSON.stringify(proved.json)).toBe(200);
    expect(proved.json.taxIdCheck).toEqual({ proves: true });
    expect(proved.json.issuer).toContain('Sello Local Test CA');
    expect(await tenant()).toMatchObject({
      taxIdVerified: true,
      taxIdProof: { method: 'certificate' },
    });
  });
});
