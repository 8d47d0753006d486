import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { ValidationError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { SealedSecret, SecretBox } from '../ports/secrets.ts';
import { chainAbove } from '../signing/chain.ts';
import { Pkcs12Error, type Pkcs12Reader } from '../signing/signing-identity.ts';

/**
 * The certificate that presents a tenant's records to AEAT: the client certificate of the mutual
 * TLS connection (AEAT service description §4.3). It is the taxpayer's own qualified certificate
 * or one of somebody AEAT lets present for it: a representative with a power of attorney
 * (apoderado), a social collaborator (AEAT error 4112 lists who may). Each tenant uploads the one
 * that presents its records; the key never leaves the sealed secret except to open a connection.
 */

export interface SubmitterCertificate {
  /** `{ cert, chain, key }` as PEM, sealed under `submitterSecretContext(tenantId)`. */
  sealed: SealedSecret;
  /** Distinguished names, most specific first (RFC 4514 order). */
  subject: string;
  issuer: string;
  /** Decimal. */
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  uploadedAt: string;
}

export interface SubmitterCertificateRepository {
  submitterCertificate(tenantId: string): Promise<SubmitterCertificate | undefined>;
  /** Replaces the tenant's certificate: the latest upload is the one presented. */
  putSubmitterCertificate(tenantId: string, certificate: SubmitterCertificate): Promise<void>;
}

/** What the sealed secret holds once opened. */
export interface SubmitterCredentials {
  /** The client certificate, PEM. */
  cert: string;
  /** The CA certificates above it that the file had, nearest first, PEM. */
  chain: string[];
  /** The private key, PKCS#8 PEM. */
  key: string;
}

/** Binds the sealed key to its tenant and use: copied to another tenant, it does not open. */
export const submitterSecretContext = (tenantId: string) => ({
  tenantId,
  purpose: 'verifactu-client-tls',
});

export interface SubmitterCertificateDeps {
  certificates: SubmitterCertificateRepository;
  secrets: SecretBox;
  readPkcs12: Pkcs12Reader;
  clock: Clock;
}

export interface SubmitterCertificateInput {
  /** The .p12/.pfx file, base64. */
  pkcs12: string;
  password: string;
}

/** TLS Web Client Authentication (RFC 5280 §4.2.1.12). */
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const ANY_EXTENDED_KEY_USAGE = '2.5.29.37.0';

const invalid = (path: 'pkcs12' | 'password', message: string) =>
  new ValidationError(message, [{ path, message }]);

const distinguishedName = (name: string) => name.split('\n').reverse().join(', ');

/**
 * Takes a tenant's PKCS#12 file for AEAT submission: exactly one private key (RSA or EC, both
 * work for TLS) with the currently valid certificate issued for it, usable for client
 * authentication. Stores the certificate, its CAs and the key sealed with the SecretBox; the
 * file, the password and the key are never stored in clear, logged or returned. Bad input is
 * refused before anything is written.
 */
export const putSubmitterCertificate =
  ({ certificates, secrets, readPkcs12, clock }: SubmitterCertificateDeps) =>
  async (tenantId: string, input: SubmitterCertificateInput): Promise<SubmitterCertificate> => {
    const contents = open(readPkcs12, input);
    try {
      if (contents.privateKeys.length !== 1) {
        throw invalid(
          'pkcs12',
          contents.privateKeys.length === 0
            ? 'The file holds no private key; export the certificate together with its key'
            : `The file holds ${contents.privateKeys.length} private keys; export only the one certificate and its key`,
        );
      }
      const key = privateKey(contents.privateKeys[0]!);
      const all = contents.certificates.map((pem) => {
        try {
          return new X509Certificate(pem);
        } catch {
          throw invalid('pkcs12', 'The file holds a certificate that cannot be read');
        }
      });
      const leaf = all.find((c) => c.checkPrivateKey(key));
      if (!leaf) {
        throw invalid('pkcs12', 'No certificate in the file matches its private key');
      }
      const now = clock.now();
      const notBefore = new Date(leaf.validFrom);
      const notAfter = new Date(leaf.validTo);
      if (notAfter.getTime() <= now.getTime()) {
        throw invalid('pkcs12', `The certificate expired on ${notAfter.toISOString()}`);
      }
      if (notBefore.getTime() > now.getTime()) {
        throw invalid('pkcs12', `The certificate is not valid until ${notBefore.toISOString()}`);
      }
      // Node names the extended key usage `keyUsage`; absent means any use.
      const usages = leaf.keyUsage;
      if (usages && !usages.includes(CLIENT_AUTH) && !usages.includes(ANY_EXTENDED_KEY_USAGE)) {
        throw invalid('pkcs12', 'The certificate is not for TLS client authentication');
      }

      const credentials: SubmitterCredentials = {
        cert: leaf.toString(),
        chain: chainAbove(leaf, all).map((c) => c.toString()),
        key: key.export({ format: 'pem', type: 'pkcs8' }) as string,
      };
      const certificate: SubmitterCertificate = {
        sealed: await secrets.seal(JSON.stringify(credentials), submitterSecretContext(tenantId)),
        subject: distinguishedName(leaf.subject),
        issuer: distinguishedName(leaf.issuer),
        serialNumber: BigInt(`0x${leaf.serialNumber}`).toString(10),
        notBefore: notBefore.toISOString(),
        notAfter: notAfter.toISOString(),
        uploadedAt: now.toISOString(),
      };
      await certificates.putSubmitterCertificate(tenantId, certificate);
      return certificate;
    } finally {
      // Best effort: the plaintext key bytes should not outlive the request in our buffers.
      for (const der of contents.privateKeys) der.fill(0);
    }
  };

/** Opens the sealed credentials of a tenant's certificate (for the TLS connection only). */
export async function openSubmitterCredentials(
  secrets: SecretBox,
  tenantId: string,
  certificate: SubmitterCertificate,
): Promise<SubmitterCredentials> {
  const opened = JSON.parse(
    await secrets.open(certificate.sealed, submitterSecretContext(tenantId)),
  ) as Partial<SubmitterCredentials>;
  if (typeof opened.cert !== 'string' || typeof opened.key !== 'string') {
    throw new Error('The sealed AEAT client credentials lack the certificate or the key');
  }
  return { cert: opened.cert, chain: opened.chain ?? [], key: opened.key };
}

export type SubmitterCertificateState = 'none' | 'valid' | 'expired' | 'notYetValid';

/** What clients see: whether records can be presented, and the certificate's public facts. */
export function submitterCertificateView(certificate: SubmitterCertificate | undefined, now: Date) {
  if (!certificate) return { state: 'none' as SubmitterCertificateState };
  const state: SubmitterCertificateState =
    Date.parse(certificate.notAfter) <= now.getTime()
      ? 'expired'
      : Date.parse(certificate.notBefore) > now.getTime()
        ? 'notYetValid'
        : 'valid';
  return {
    state,
    certificate: {
      subject: certificate.subject,
      issuer: certificate.issuer,
      serialNumber: certificate.serialNumber,
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
      uploadedAt: certificate.uploadedAt,
    },
  };
}

function open(readPkcs12: Pkcs12Reader, input: SubmitterCertificateInput) {
  try {
    return readPkcs12(input.pkcs12, input.password);
  } catch (error) {
    if (!(error instanceof Pkcs12Error)) throw error;
    if (error.problem === 'wrong-password') {
      throw invalid('password', 'The password does not open this PKCS#12 file');
    }
    if (error.problem === 'not-pkcs12') {
      throw invalid('pkcs12', 'Not a PKCS#12 (.p12/.pfx) file');
    }
    throw invalid('pkcs12', error.message);
  }
}

function privateKey(der: Uint8Array): KeyObject {
  try {
    const key = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
    if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ec') {
      throw invalid(
        'pkcs12',
        `The private key is ${(key.asymmetricKeyType ?? 'unknown').toUpperCase()}; AEAT takes RSA or EC certificates`,
      );
    }
    return key;
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw invalid('pkcs12', 'The private key in the file cannot be read');
  }
}
