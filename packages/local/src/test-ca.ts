import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// The local platform is a development tool: it may make certificates the way the tests do.
import { buildPkcs12, type TestCertificate, testCa, testLeaf } from '@sello/signing/testing';

/**
 * The CA the local platform trusts for tax-id proof (besides the qualified CAs Sello ships), the
 * way an operator adds CAs in AWS (SELLO_TRUSTED_CAS_PEM): a certificate it issues proves the tax
 * id it names, locally only. Made on first start and kept, so the certificates it issued still
 * chain after a restart.
 */
export const LOCAL_TEST_CA_FILE = 'local-test-ca.pem';
const KEY_FILE = 'local-test-ca-key.pem';
/** Where the demo company's certificate is written, and its password (a local demo only). */
export const DEMO_CERTIFICATE_FILE = 'demo-company.p12';
export const DEMO_CERTIFICATE_PASSWORD = 'sello-demo';

/** The CA's subject, fixed so that the one kept on disk can issue again after a restart. */
const SUBJECT = [
  { shortName: 'C', value: 'ES' },
  { shortName: 'O', value: 'Sello local platform' },
  { shortName: 'CN', value: 'Sello Local Test CA (not for production)' },
];

const YEAR = 365 * 86_400_000;

/** Loads the local test CA from `dir`, making it on first use. */
export function ensureLocalTestCa(dir: string): TestCertificate {
  const certPath = join(dir, LOCAL_TEST_CA_FILE);
  const keyPath = join(dir, KEY_FILE);
  if (existsSync(certPath) && existsSync(keyPath)) {
    const certificate = new X509Certificate(readFileSync(certPath));
    const privateKey = createPrivateKey(readFileSync(keyPath));
    if (certificate.checkPrivateKey(privateKey) && Date.parse(certificate.validTo) > Date.now()) {
      return {
        pem: certificate.toString(),
        der: certificate.raw,
        serialDecimal: BigInt(`0x${certificate.serialNumber}`).toString(10),
        keyDer: privateKey.export({ format: 'der', type: 'pkcs8' }),
        privateKey,
        subject: SUBJECT,
      };
    }
  }
  const ca = testCa({
    commonName: 'Sello Local Test CA (not for production)',
    subject: SUBJECT,
    notAfter: new Date(Date.now() + 10 * YEAR),
  });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(keyPath, ca.privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  // As X509Certificate writes it (LF line ends), the same text a restart reads back.
  const pem = new X509Certificate(ca.pem).toString();
  writeFileSync(certPath, pem);
  return { ...ca, pem };
}

/**
 * A PKCS#12 (base64) for a company with this tax id, issued by `ca` as a qualified CA issues a
 * representative's certificate (the company in organizationIdentifier `VATES-…`).
 */
export function companyCertificate(
  ca: TestCertificate,
  company: { taxId: string; name: string },
  password: string,
): string {
  const leaf = testLeaf(ca, {
    commonName: company.name.toUpperCase(),
    subject: [
      { shortName: 'C', value: 'ES' },
      { type: '2.5.4.97', value: `VATES-${company.taxId}` },
      { shortName: 'O', value: company.name },
      { shortName: 'CN', value: company.name.toUpperCase() },
    ],
    notAfter: new Date(Date.now() + 2 * YEAR),
  });
  return buildPkcs12({
    keys: [leaf.keyDer],
    certificates: [leaf.der, ca.der],
    password,
    profile: 'aes',
  });
}

/** Writes the demo company's certificate next to the CA (made again at each start). */
export function writeDemoCertificate(
  dir: string,
  ca: TestCertificate,
  company: { taxId: string; name: string },
): string {
  const path = join(dir, DEMO_CERTIFICATE_FILE);
  writeFileSync(
    path,
    Buffer.from(companyCertificate(ca, company, DEMO_CERTIFICATE_PASSWORD), 'base64'),
  );
  return path;
}
