import { createPrivateKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { CsdError, readCsd } from '@sello/signing/csd';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { csdFiles } from './support.ts';

const sat = csdFiles();

/** A certificate shaped like SAT's (20-digit serial, RFC in x500UniqueIdentifier), OU optional. */
function satLike(branch: string | undefined) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  const key = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = Buffer.from('30001000000500009999').toString('hex');
  cert.validity.notBefore = new Date('2026-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2030-01-01T00:00:00Z');
  const subject = [
    { shortName: 'CN', value: 'PRUEBA SA DE CV' },
    { type: '2.5.4.45', value: 'PRU010101AA1 / VADA800927DJ3' },
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
    passphrase: 'secreto',
  });
  return { cer: der, key: encrypted };
}

const problem = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof CsdError) return { problem: error.problem, field: error.field };
    throw error;
  }
  throw new Error('expected a CsdError');
};

describe('a CSD as SAT hands it out (.cer + encrypted .key + password)', () => {
  it("opens SAT's test CSD: its RFC, number, holder, branch and dates", () => {
    const csd = readCsd(sat.cer, sat.key, sat.password);
    expect(csd).toMatchObject({
      rfc: 'EKU9003173C9',
      noCertificado: '30001000000500003416',
      legalName: 'ESCUELA KEMPER URGATE SA DE CV',
      branch: 'Sucursal 1',
      validFrom: new Date('2023-05-18T11:43:51Z'),
      validTo: new Date('2027-05-18T11:43:51Z'),
    });
    expect(Buffer.from(csd.certificate).equals(sat.cer)).toBe(true);
    // The key comes out unencrypted for the KMS import, and is the certificate's key.
    const key = createPrivateKey({
      key: Buffer.from(csd.privateKey),
      format: 'der',
      type: 'pkcs8',
    });
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(new X509Certificate(sat.cer).checkPrivateKey(key)).toBe(true);
  });

  it('also takes the certificate and key as PEM', () => {
    const pem = new X509Certificate(sat.cer).toString();
    const keyPem = createPrivateKey({
      key: sat.key,
      format: 'der',
      type: 'pkcs8',
      passphrase: sat.password,
    }).export({
      format: 'pem',
      type: 'pkcs8',
      cipher: 'aes-128-cbc',
      passphrase: 'otra',
    }) as string;
    expect(readCsd(Buffer.from(pem), Buffer.from(keyPem), 'otra').rfc).toBe('EKU9003173C9');
  });

  it('refuses a wrong password, naming the password and never echoing it', () => {
    let message = '';
    try {
      readCsd(sat.cer, sat.key, 'contraseña-mala');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain('contraseña-mala');
    expect(problem(() => readCsd(sat.cer, sat.key, 'contraseña-mala'))).toEqual({
      problem: 'key',
      field: 'password',
    });
  });

  it("refuses a key that is not the certificate's", () => {
    const other = satLike('Sucursal 2');
    expect(problem(() => readCsd(sat.cer, other.key, 'secreto'))).toEqual({
      problem: 'mismatch',
      field: 'key',
    });
  });

  it('refuses an e.firma (no branch) and a certificate without a SAT number', () => {
    const fiel = satLike(undefined);
    expect(problem(() => readCsd(fiel.cer, fiel.key, 'secreto'))).toEqual({
      problem: 'e-firma',
      field: 'certificate',
    });
    expect(problem(() => readCsd(Buffer.from('not a certificate'), sat.key, sat.password))).toEqual(
      {
        problem: 'certificate',
        field: 'certificate',
      },
    );
    // The same shape as SAT's, with a branch: a CSD.
    const csd = satLike('Matriz');
    expect(readCsd(csd.cer, csd.key, 'secreto')).toMatchObject({
      rfc: 'PRU010101AA1',
      noCertificado: '30001000000500009999',
      branch: 'Matriz',
    });
  });
});
