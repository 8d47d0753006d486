import { beforeAll, describe, expect, it } from 'vitest';
import { type TestSigningIdentity, testIdentity, unsignedFacturae } from '../../testing/index.ts';
import { signFacturae } from './sign.ts';
import { verifyFacturaeSignature } from './verify.ts';

let id: TestSigningIdentity;
let signed: string;

beforeAll(async () => {
  id = await testIdentity();
  signed = await signFacturae(unsignedFacturae('design'), {
    signer: id.signer,
    keyId: id.keyId,
    certificateDer: id.certificateDer,
    algorithm: 'RSASSA_PKCS1_V1_5_SHA_512',
    signingTime: new Date('2026-03-15T10:30:00Z'),
  });
});

describe('verifyFacturaeSignature', () => {
  it('accepts a signature made by the fast path and returns the certificate and time', () => {
    expect(verifyFacturaeSignature(signed)).toEqual({
      valid: true,
      certificatePem: id.certificatePem,
      signingTime: new Date('2026-03-15T10:30:00Z'),
      errors: [],
    });
  });

  it('rejects a changed amount (whole-document reference)', () => {
    const tampered = signed.replace('<InvoiceTotal>409.34<', '<InvoiceTotal>409.35<');
    const result = verifyFacturaeSignature(tampered);
    expect(result.valid).toBe(false);
    expect(result.errors.join(' ')).toMatch(/for uri {2}calculated digest|calculated digest/);
  });

  it('rejects a changed signed property (SignedProperties reference)', () => {
    const result = verifyFacturaeSignature(
      signed.replace('<xades:ClaimedRole>emisor<', '<xades:ClaimedRole>receptor<'),
    );
    expect(result.valid).toBe(false);
    expect(result.errors.join(' ')).toMatch(/SignedProperties/);
  });

  it('rejects a changed signature value', () => {
    const value = /<ds:SignatureValue[^>]*>([^<]+)</.exec(signed)![1]!;
    const flipped = (value[0] === 'A' ? 'B' : 'A') + value.slice(1);
    const result = verifyFacturaeSignature(signed.replace(value, flipped));
    expect(result.valid).toBe(false);
  });

  it('rejects a document signed by a key that is not the certificate key', async () => {
    const other = await signFacturae(unsignedFacturae('design'), {
      signer: {
        signDigest: async () => new Uint8Array(256),
        publicKey: async () => new Uint8Array(),
      },
      keyId: id.keyId,
      certificateDer: id.certificateDer,
      algorithm: 'RSASSA_PKCS1_V1_5_SHA_512',
      signingTime: new Date(),
    });
    expect(verifyFacturaeSignature(other).valid).toBe(false);
  });

  it('reports unsigned and malformed documents', () => {
    expect(verifyFacturaeSignature(unsignedFacturae('design'))).toEqual({
      valid: false,
      errors: ['expected one ds:Signature, found 0'],
    });
    const broken = verifyFacturaeSignature('<fe:Facturae><oops></fe:Facturae>');
    expect(broken.valid).toBe(false);
    expect(broken.errors[0]).toMatch(/^XML:/);
  });

  it('rejects a hex serial number (Facturae-PHP quirk Q1)', () => {
    const serial = /<ds:X509SerialNumber>(\d+)</.exec(signed)![1]!;
    const result = verifyFacturaeSignature(
      signed.replace(serial, `0x${BigInt(serial).toString(16).toUpperCase()}`),
    );
    expect(result.valid).toBe(false);
    expect(result.errors).toContain(
      'X509SerialNumber does not match the certificate (it must be decimal)',
    );
  });
});
