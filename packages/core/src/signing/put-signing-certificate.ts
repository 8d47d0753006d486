import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { ValidationError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import { chainAbove } from './chain.ts';
import {
  type KeyImporter,
  type Pkcs12Contents,
  Pkcs12Error,
  type Pkcs12Reader,
  type RsaKeySpec,
  type SigningIdentity,
  type SigningIdentityRepository,
} from './signing-identity.ts';

export interface SigningCertificateDeps {
  identities: SigningIdentityRepository;
  keys: KeyImporter;
  readPkcs12: Pkcs12Reader;
  clock: Clock;
}

export interface SigningCertificateInput {
  /** The .p12/.pfx file, base64. */
  pkcs12: string;
  password: string;
}

const KEY_SPECS: Record<number, RsaKeySpec> = {
  2048: 'RSA_2048',
  3072: 'RSA_3072',
  4096: 'RSA_4096',
};

const invalid = (path: 'pkcs12' | 'password', message: string, detail = message) =>
  new ValidationError(detail, [{ path, message }]);

/** Node prints one RDN per line, most significant first; people and XMLDSig read the reverse. */
const distinguishedName = (name: string) => name.split('\n').reverse().join(', ');

const serialDecimal = (hex: string) => BigInt(`0x${hex}`).toString(10);

/**
 * Takes a tenant's PKCS#12 file: checks it holds exactly one RSA key and its currently valid
 * certificate, imports the key into the tenant's own KMS key and keeps only the certificates.
 * The file, the password and the key are never stored, logged or returned; bad input is refused
 * before anything is created.
 */
export const putSigningCertificate =
  ({ identities, keys, readPkcs12, clock }: SigningCertificateDeps) =>
  async (tenantId: string, input: SigningCertificateInput): Promise<SigningIdentity> => {
    const contents = open(readPkcs12, input);
    try {
      const key = onlyRsaKey(contents.privateKeys);
      const certificates = contents.certificates.map((pem) => {
        try {
          return new X509Certificate(pem);
        } catch {
          throw invalid('pkcs12', 'The file holds a certificate that cannot be read');
        }
      });
      const leaf = certificates.find((c) => c.checkPrivateKey(key.object));
      if (!leaf) {
        throw invalid(
          'pkcs12',
          'No certificate in the file matches its private key',
          'The file has a private key but not the certificate issued for it',
        );
      }
      const now = clock.now();
      const notBefore = new Date(leaf.validFrom);
      const notAfter = new Date(leaf.validTo);
      if (notAfter.getTime() <= now.getTime()) {
        throw invalid(
          'pkcs12',
          `The certificate expired on ${notAfter.toISOString()}`,
          `The certificate expired on ${notAfter.toISOString()}; upload a current one`,
        );
      }
      if (notBefore.getTime() > now.getTime()) {
        throw invalid('pkcs12', `The certificate is not valid until ${notBefore.toISOString()}`);
      }
      const chain = chainAbove(leaf, certificates);

      const certificatePem = leaf.toString();
      const chainPem = chain.map((c) => c.toString());
      // Uploading the same certificate again (a retried PUT) must not make another KMS key.
      const current = await identities.get(tenantId);
      if (
        current?.certificatePem === certificatePem &&
        current.chainPem.join('') === chainPem.join('')
      ) {
        return current;
      }

      const { keyId } = await keys.importRsaKey(tenantId, key.der, key.spec);
      const identity: SigningIdentity = {
        keyId,
        certificatePem,
        chainPem,
        algorithm: 'RSASSA_PKCS1_V1_5_SHA_256',
        subject: distinguishedName(leaf.subject),
        issuer: distinguishedName(leaf.issuer),
        serialNumber: serialDecimal(leaf.serialNumber),
        notBefore: notBefore.toISOString(),
        notAfter: notAfter.toISOString(),
        importedAt: now.toISOString(),
      };
      await identities.put(tenantId, identity);
      return identity;
    } finally {
      // Best effort: the plaintext key bytes should not outlive the request in our buffers.
      for (const der of contents.privateKeys) der.fill(0);
    }
  };

function open(readPkcs12: Pkcs12Reader, input: SigningCertificateInput): Pkcs12Contents {
  try {
    return readPkcs12(input.pkcs12, input.password);
  } catch (error) {
    if (!(error instanceof Pkcs12Error)) throw error;
    if (error.problem === 'wrong-password') {
      throw invalid(
        'password',
        'Wrong password for this PKCS#12 file',
        'The password does not open this PKCS#12 file',
      );
    }
    if (error.problem === 'not-pkcs12') {
      throw invalid(
        'pkcs12',
        'Not a PKCS#12 (.p12/.pfx) file',
        'The file is not a PKCS#12 (.p12/.pfx) certificate file',
      );
    }
    throw invalid('pkcs12', error.message);
  }
}

function onlyRsaKey(keys: Uint8Array[]): { der: Uint8Array; object: KeyObject; spec: RsaKeySpec } {
  if (keys.length === 0) {
    throw invalid(
      'pkcs12',
      'The file holds no private key',
      'The file holds no private key; export the certificate together with its private key',
    );
  }
  if (keys.length > 1) {
    throw invalid(
      'pkcs12',
      `The file holds ${keys.length} private keys`,
      `The file holds ${keys.length} private keys; export only the signing certificate and its key`,
    );
  }
  const der = keys[0]!;
  let object: KeyObject;
  try {
    object = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
  } catch {
    throw invalid('pkcs12', 'The private key in the file cannot be read');
  }
  if (object.asymmetricKeyType !== 'rsa') {
    const type = (object.asymmetricKeyType ?? 'unknown').toUpperCase();
    throw invalid(
      'pkcs12',
      `The private key is ${type}; an RSA key is needed`,
      `The private key is ${type}; Facturae signatures here need an RSA key of 2048, 3072 or 4096 bits`,
    );
  }
  const bits = object.asymmetricKeyDetails?.modulusLength ?? 0;
  const spec = KEY_SPECS[bits];
  if (!spec) {
    throw invalid('pkcs12', `The RSA key has ${bits} bits; 2048, 3072 or 4096 are supported`);
  }
  return { der, object, spec };
}
