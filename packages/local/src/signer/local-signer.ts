import { createPrivateKey, randomBytes, webcrypto, X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as X509 from '@peculiar/x509';
import { SoftwareSigner } from '@sello/signing';

export const LOCAL_KEY_ID = 'local';
export const SIGNING_KEY_FILE = 'signing-key.pem';
export const SIGNING_CERT_FILE = 'signing-cert.pem';

export interface LocalSigningSubject {
  commonName: string;
  organization: string;
  /** ISO 3166-1 alpha-2, e.g. `ES`. */
  country: string;
  /** X.520 serialNumber attribute, e.g. a tax id such as `IDCES-12345678Z`. */
  serialNumber?: string;
}

/**
 * The development signing identity kept on disk. Signing itself is `SoftwareSigner`'s (from
 * `@sello/signing`); this module only stores and loads the key and its certificate.
 */
export interface LocalSigningIdentity {
  signer: SoftwareSigner;
  keyId: typeof LOCAL_KEY_ID;
  certificatePem: string;
  certificateDer: Uint8Array;
  /** The private key is reachable only through `signer`, as with KMS. */
  privateKeyPem?: never;
}

export const DEFAULT_LOCAL_SUBJECT: LocalSigningSubject = {
  commonName: 'Sello Local Signer',
  organization: 'Sello Demo',
  country: 'ES',
};

/**
 * Loads the development signing key and its self-signed certificate from `dir`, creating both on
 * first use. `subject` only matters when they are created; later calls return what is on disk.
 */
export async function loadOrCreateLocalSigningIdentity(
  dir: string,
  subject: LocalSigningSubject = DEFAULT_LOCAL_SUBJECT,
): Promise<LocalSigningIdentity> {
  const keyPath = join(dir, SIGNING_KEY_FILE);
  const certPath = join(dir, SIGNING_CERT_FILE);
  const [keyPem, certPem] = await Promise.all([readIfExists(keyPath), readIfExists(certPath)]);

  if (keyPem !== undefined && certPem !== undefined) {
    return identityFrom(keyPem, certPem);
  }
  if (keyPem !== undefined || certPem !== undefined) {
    // Regenerating the missing half would leave a key and a certificate that do not match.
    throw new Error(
      `Found only one of ${SIGNING_KEY_FILE} and ${SIGNING_CERT_FILE} in ${dir}; ` +
        'restore the other or delete both to create a new signing identity',
    );
  }

  const created = await createIdentity(subject);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // 'wx' refuses to overwrite a key another process created meanwhile.
  await writeFile(keyPath, created.keyPem, { flag: 'wx', mode: 0o600 });
  await chmod(keyPath, 0o600); // the mode above is filtered by the umask; make it exact
  await writeFile(certPath, created.certPem, { flag: 'wx', mode: 0o644 });
  return identityFrom(created.keyPem, created.certPem);
}

function identityFrom(keyPem: string, certPem: string): LocalSigningIdentity {
  const privateKey = createPrivateKey(keyPem);
  const certificate = new X509Certificate(certPem);
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new Error(`${SIGNING_CERT_FILE} does not belong to ${SIGNING_KEY_FILE}`);
  }
  return {
    signer: new SoftwareSigner(privateKey, LOCAL_KEY_ID),
    keyId: LOCAL_KEY_ID,
    certificatePem: certificate.toString(),
    certificateDer: new Uint8Array(certificate.raw),
  };
}

async function createIdentity(
  subject: LocalSigningSubject,
): Promise<{ keyPem: string; certPem: string }> {
  const x509 = await loadX509();
  const algorithm = {
    name: 'RSASSA-PKCS1-v1_5',
    hash: 'SHA-256',
    modulusLength: 2048,
    publicExponent: new Uint8Array([1, 0, 1]),
  };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);

  // Certificate times have one-second resolution; ten years is plenty for a demo identity.
  const notBefore = new Date(Math.floor(Date.now() / 1000) * 1000);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 10);

  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerial(),
      name: subjectName(x509, subject),
      notBefore,
      notAfter,
      signingAlgorithm: algorithm,
      keys,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
          true,
        ),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, webcrypto),
      ],
    },
    webcrypto,
  );

  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const keyPem = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })
    .export({ format: 'pem', type: 'pkcs8' })
    .toString();
  pkcs8.fill(0);
  return { keyPem, certPem: `${certificate.toString('pem')}\n` };
}

/**
 * 16 random octets (RFC 5280 §4.1.2.2 allows up to 20): top bit clear so the serial is positive,
 * low bit of the first octet set so it keeps all 16 octets.
 */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex');
}

let x509Module: Promise<typeof X509> | undefined;

/** Loaded on first key creation only, after the Reflect polyfill its tsyringe needs at import. */
function loadX509(): Promise<typeof X509> {
  x509Module ??= import('reflect-metadata').then(() => import('@peculiar/x509'));
  return x509Module;
}

function subjectName(x509: typeof X509, subject: LocalSigningSubject): X509.Name {
  if (!/^[A-Z]{2}$/.test(subject.country)) {
    throw new RangeError(`Country must be an ISO 3166 alpha-2 code, got ${subject.country}`);
  }
  if (
    subject.serialNumber !== undefined &&
    !/^[A-Za-z0-9 '()+,\-./:=?]+$/.test(subject.serialNumber)
  ) {
    throw new RangeError('The subject serialNumber must be a non-empty PrintableString');
  }
  // Explicit string types: X.520 wants PrintableString for C and serialNumber, RFC 5280 UTF8 for
  // names; it also stops the library reading a leading '#' as hex.
  const rdns: X509.JsonNameParams = [
    { C: [{ printableString: subject.country }] },
    { O: [{ utf8String: subject.organization }] },
    { CN: [{ utf8String: subject.commonName }] },
  ];
  if (subject.serialNumber !== undefined) {
    rdns.push({ '2.5.4.5': [{ printableString: subject.serialNumber }] });
  }
  return new x509.Name(rdns);
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
