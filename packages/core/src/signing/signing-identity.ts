import type { SignatureAlgorithm } from '../ports/signer.ts';

/** RSA key sizes KMS can hold as an imported signing key. */
export type RsaKeySpec = 'RSA_2048' | 'RSA_3072' | 'RSA_4096';

/**
 * Who signs a tenant's invoices: the KMS key holding the private key imported from the tenant's
 * certificate file, and the certificates that name its holder. Nothing secret is stored here.
 */
export interface SigningIdentity {
  /** ARN of the tenant's KMS key (Origin EXTERNAL); the private key never leaves it. */
  keyId: string;
  /** The signing (leaf) certificate. */
  certificatePem: string;
  /** The CA certificates above it, from its issuer up to the root, as far as the file had them. */
  chainPem: string[];
  algorithm: SignatureAlgorithm;
  /** Distinguished names, most specific first (RFC 4514 order). */
  subject: string;
  issuer: string;
  /** Decimal, as XAdES prints X509SerialNumber. */
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  importedAt: string;
}

export interface SigningIdentityRepository {
  get(tenantId: string): Promise<SigningIdentity | undefined>;
  /** Replaces the tenant's identity: the latest upload is the one that signs. */
  put(tenantId: string, identity: SigningIdentity): Promise<void>;
}

/** Moves a private key into a key store it cannot be read back from (KMS in AWS). */
export interface KeyImporter {
  importRsaKey(
    tenantId: string,
    pkcs8Der: Uint8Array,
    keySpec: RsaKeySpec,
  ): Promise<{ keyId: string }>;
}

/** What a PKCS#12 file holds once opened, in file order. */
export interface Pkcs12Contents {
  /** Every private key, as unencrypted PKCS#8 DER (RSA or not: the use case decides). */
  privateKeys: Uint8Array[];
  /** Every X.509 certificate, as PEM of the exact bytes in the file. */
  certificates: string[];
}

/** Opens a base64 PKCS#12 file; throws Pkcs12Error for anything the caller should hear about. */
export type Pkcs12Reader = (base64: string, password: string) => Pkcs12Contents;

export type Pkcs12Problem =
  | 'not-pkcs12' // not a PKCS#12 structure at all
  | 'wrong-password' // the MAC or a decryption fails with this password
  | 'unsupported'; // a PKCS#12 we cannot open (an encryption or MAC scheme we lack)

/** Why a PKCS#12 file could not be read. The message never contains the password. */
export class Pkcs12Error extends Error {
  constructor(
    readonly problem: Pkcs12Problem,
    message: string,
  ) {
    super(message);
    this.name = 'Pkcs12Error';
  }
}

/**
 * What clients see: names, serial and dates; never the key id. Field order fixed. `taxIdCheck`
 * (whether the certificate proves the tenant's tax id, and why not) where the caller has one.
 */
export function signingCertificateView(
  identity: SigningIdentity,
  taxIdCheck?: { proves: boolean; reason?: string },
) {
  return {
    subject: identity.subject,
    issuer: identity.issuer,
    serialNumber: identity.serialNumber,
    notBefore: identity.notBefore,
    notAfter: identity.notAfter,
    chainLength: 1 + identity.chainPem.length,
    importedAt: identity.importedAt,
    ...(taxIdCheck ? { taxIdCheck } : {}),
  };
}
