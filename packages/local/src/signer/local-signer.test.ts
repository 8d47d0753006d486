import { spawnSync } from 'node:child_process';
import { createPrivateKey, sign, X509Certificate } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SoftwareSigner } from '@sello/signing';
import { ALGORITHMS, digestOf, HASH, MESSAGE, openssl } from '@sello/signing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LocalSigningIdentity,
  loadOrCreateLocalSigningIdentity,
  SIGNING_CERT_FILE,
  SIGNING_KEY_FILE,
} from './local-signer.ts';

let root: string;
let dir: string;
let identity: LocalSigningIdentity;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sello-signer-'));
  dir = join(root, 'default');
  identity = await loadOrCreateLocalSigningIdentity(dir);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loadOrCreateLocalSigningIdentity', () => {
  it('writes a PKCS#8 key readable only by its owner and the certificate', async () => {
    const keyPem = await readFile(join(dir, SIGNING_KEY_FILE), 'utf8');
    const certPem = await readFile(join(dir, SIGNING_CERT_FILE), 'utf8');

    expect(keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(createPrivateKey(keyPem).asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect((await stat(join(dir, SIGNING_KEY_FILE))).mode & 0o777).toBe(0o600);
    expect(certPem).toBe(identity.certificatePem);
    expect(certPem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
  });

  it('returns the certificate but never the private key', () => {
    expect(Object.keys(identity).sort()).toEqual(
      ['certificateDer', 'certificatePem', 'keyId', 'signer'].sort(),
    );
    expect(identity.keyId).toBe('local');
    expect(identity.signer).toBeInstanceOf(SoftwareSigner);
    expect(JSON.stringify(identity)).not.toContain('PRIVATE');
    expect(Object.values(identity.signer)).toEqual(['local']); // only the key id is visible
    expect(identity.certificateDer).toEqual(
      new Uint8Array(new X509Certificate(identity.certificatePem).raw),
    );
  });

  it('loads the same key and certificate on later calls', async () => {
    const again = await loadOrCreateLocalSigningIdentity(dir, {
      commonName: 'Ignored Once Created',
      organization: 'Other',
      country: 'FR',
    });
    const digest = digestOf('RSASSA_PKCS1_V1_5_SHA_256', MESSAGE);

    expect(again.certificatePem).toBe(identity.certificatePem);
    expect(again.certificateDer).toEqual(identity.certificateDer);
    expect(await again.signer.publicKey('local')).toEqual(await identity.signer.publicKey('local'));
    expect(await again.signer.signDigest('local', digest, 'RSASSA_PKCS1_V1_5_SHA_256')).toEqual(
      await identity.signer.signDigest('local', digest, 'RSASSA_PKCS1_V1_5_SHA_256'),
    );
  });

  it('issues a self-signed v3 certificate openssl reads as intended', () => {
    const text = openssl('x509', '-in', join(dir, SIGNING_CERT_FILE), '-noout', '-text');

    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Version: 3 (0x2)');
    expect(text.stdout).toContain('Signature Algorithm: sha256WithRSAEncryption');
    expect(text.stdout).toContain('Subject: C = ES, O = Sello Demo, CN = Sello Local Signer\n');
    expect(text.stdout).toContain('Issuer: C = ES, O = Sello Demo, CN = Sello Local Signer\n');
    expect(text.stdout).toContain('Public-Key: (2048 bit)');
    expect(text.stdout).toMatch(
      /X509v3 Key Usage: critical\n\s+Digital Signature, Non Repudiation\n/,
    );
    expect(text.stdout).toMatch(/X509v3 Basic Constraints: critical\n\s+CA:FALSE\n/);
    // Self-signed: the certificate verifies against itself.
    const self = join(dir, SIGNING_CERT_FILE);
    expect(openssl('verify', '-CAfile', self, '-partial_chain', self).status).toBe(0);
  });

  it('is valid from now for ten years', () => {
    const cert = new X509Certificate(identity.certificatePem);
    const from = new Date(cert.validFrom);
    const to = new Date(cert.validTo);

    expect(Math.abs(from.getTime() - Date.now())).toBeLessThan(5 * 60_000);
    expect(to.getUTCFullYear() - from.getUTCFullYear()).toBe(10);
    expect([to.getUTCMonth(), to.getUTCDate()]).toEqual([from.getUTCMonth(), from.getUTCDate()]);
  });

  it('uses a random positive serial that openssl agrees on', async () => {
    const serial = openssl('x509', '-in', join(dir, SIGNING_CERT_FILE), '-noout', '-serial');
    const other = await loadOrCreateLocalSigningIdentity(join(root, 'serial'));
    const hex = new X509Certificate(identity.certificatePem).serialNumber;

    expect(serial.stdout.trim()).toBe(`serial=${hex}`);
    expect(hex).toMatch(/^[0-7][0-9A-F]{31}$/); // 16 octets, top bit clear: positive
    expect(new X509Certificate(other.certificatePem).serialNumber).not.toBe(hex);
  });

  it('puts a custom subject, with serialNumber, in the certificate', async () => {
    const custom = await loadOrCreateLocalSigningIdentity(join(root, 'custom'), {
      commonName: 'Facturación Pruebas',
      organization: 'Ejemplo, S.L.',
      country: 'ES',
      serialNumber: 'IDCES-12345678Z',
    });
    const result = spawnSync(
      'openssl',
      ['x509', '-noout', '-subject', '-nameopt', 'oneline,-esc_msb'],
      {
        input: custom.certificatePem,
        encoding: 'utf8',
      },
    );

    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(
      'subject=C = ES, O = "Ejemplo, S.L.", CN = Facturación Pruebas, serialNumber = IDCES-12345678Z',
    );
  });

  it('rejects a malformed subject before creating anything', async () => {
    const target = join(root, 'bad-subject');
    await expect(
      loadOrCreateLocalSigningIdentity(target, {
        commonName: 'X',
        organization: 'Y',
        country: 'Spain',
      }),
    ).rejects.toThrow('ISO 3166 alpha-2');
    await expect(stat(target)).rejects.toThrow();
  });

  it('refuses a directory holding only one of the two files', async () => {
    const half = join(root, 'half');
    await loadOrCreateLocalSigningIdentity(half);
    await rm(join(half, SIGNING_CERT_FILE));

    await expect(loadOrCreateLocalSigningIdentity(half)).rejects.toThrow(
      `Found only one of ${SIGNING_KEY_FILE} and ${SIGNING_CERT_FILE}`,
    );
  });

  it('refuses a certificate that belongs to another key', async () => {
    const mixed = join(root, 'mixed');
    await loadOrCreateLocalSigningIdentity(mixed);
    await copyFile(join(dir, SIGNING_CERT_FILE), join(mixed, SIGNING_CERT_FILE));

    await expect(loadOrCreateLocalSigningIdentity(mixed)).rejects.toThrow('does not belong');
  });
});

/** Signing itself is SoftwareSigner's (packages/signing); here: the identity signs with its key. */
describe('the identity signer', () => {
  it.each(ALGORITHMS)('signs a %s digest with the key on disk', async (alg) => {
    const privateKey = createPrivateKey(await readFile(join(dir, SIGNING_KEY_FILE), 'utf8'));

    const signature = await identity.signer.signDigest('local', digestOf(alg, MESSAGE), alg);

    expect(signature).toHaveLength(256);
    expect(Buffer.from(signature)).toEqual(sign(HASH[alg], MESSAGE, privateKey));
  });

  it('exposes the certificate public key as DER SPKI', async () => {
    const fromCert = new X509Certificate(identity.certificatePem).publicKey.export({
      format: 'der',
      type: 'spki',
    });

    expect(Buffer.from(await identity.signer.publicKey('local'))).toEqual(fromCert);
  });

  it('holds only the local key id', async () => {
    const digest = digestOf('RSASSA_PKCS1_V1_5_SHA_256', MESSAGE);

    await expect(
      identity.signer.signDigest('alias/invoice-signing', digest, 'RSASSA_PKCS1_V1_5_SHA_256'),
    ).rejects.toThrow('Unknown signing key alias/invoice-signing');
    await expect(identity.signer.publicKey('other')).rejects.toThrow('Unknown signing key');
  });
});
