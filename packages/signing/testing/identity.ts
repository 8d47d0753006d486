import { X509Certificate } from 'node:crypto';
import type { SignatureAlgorithm, Signer } from '@sello/core/ports';
import forge from 'node-forge';
import { SoftwareSigner } from '../src/software-signer.ts';
import { testSelfSigned } from './certificates.ts';

/** A software signer and its self-signed certificate, in memory. */
export interface TestSigningIdentity {
  signer: SoftwareSigner;
  keyId: string;
  certificatePem: string;
  certificateDer: Uint8Array;
}

// UTF8String for names, as RFC 5280 wants (forge defaults to PrintableString, which has no '&');
// @types/node-forge mistypes valueTagClass as an ASN.1 class.
const UTF8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;
let identity: Promise<TestSigningIdentity> | undefined;

/**
 * The signing identity of the XAdES tests, created once per test file: a 2048-bit RSA key with a
 * 16-byte certificate serial (where OpenSSL-based tools switch to hex) and a subject that needs
 * escaping in RFC 4514 (a comma in the CN).
 */
export function testIdentity(): Promise<TestSigningIdentity> {
  identity ??= Promise.resolve().then(() => {
    const certificate = testSelfSigned({
      commonName: 'Sello Test, Firma & Sello',
      subject: [
        { shortName: 'C', value: 'ES' },
        { shortName: 'O', value: 'Sello Demo', valueTagClass: UTF8 },
        { shortName: 'CN', value: 'Sello Test, Firma & Sello', valueTagClass: UTF8 },
        { name: 'serialNumber', value: 'IDCES-12345678Z' },
      ],
    });
    const keyId = 'test-signing-key';
    return {
      signer: new SoftwareSigner(certificate.privateKey, keyId),
      keyId,
      // Node's PEM (LF line ends), as the verifier returns it; forge writes CRLF.
      certificatePem: new X509Certificate(certificate.der).toString(),
      certificateDer: new Uint8Array(certificate.der),
    };
  });
  return identity;
}

export interface RecordedCall {
  keyId: string;
  digest: Uint8Array;
  algorithm: SignatureAlgorithm;
}

/** Wraps `inner`, recording each signDigest call. */
export function recordingSigner(inner: Signer): { signer: Signer; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  return {
    calls,
    signer: {
      signDigest: (keyId, digest, algorithm) => {
        calls.push({ keyId, digest, algorithm });
        return inner.signDigest(keyId, digest, algorithm);
      },
      publicKey: (keyId) => inner.publicKey(keyId),
    },
  };
}
