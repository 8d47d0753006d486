import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SignatureAlgorithm } from '@sello/core/ports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALGORITHMS, digestOf, HASH, MESSAGE, openssl } from '../testing/digests.ts';
import { SoftwareSigner } from './software-signer.ts';

const KEY_ID = 'software';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signer = new SoftwareSigner(privateKey, KEY_ID);
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sello-software-signer-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('SoftwareSigner', () => {
  it.each(ALGORITHMS)('signs a %s digest exactly as crypto.sign signs the message', async (alg) => {
    const signature = await signer.signDigest(KEY_ID, digestOf(alg, MESSAGE), alg);

    expect(signature).toHaveLength(256);
    expect(Buffer.from(signature)).toEqual(sign(HASH[alg], MESSAGE, privateKey));
  });

  it.each(ALGORITHMS)('produces a %s signature that openssl dgst verifies', async (alg) => {
    const work = await mkdtemp(join(root, 'dgst-'));
    const paths = {
      pub: join(work, 'pubkey.pem'),
      sig: join(work, 'sig.bin'),
      msg: join(work, 'msg'),
      other: join(work, 'other'),
    };
    const spki = await signer.publicKey(KEY_ID);
    const pubPem = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' })
      .export({ format: 'pem', type: 'spki' })
      .toString();
    await writeFile(paths.pub, pubPem);
    await writeFile(paths.msg, MESSAGE);
    await writeFile(paths.other, Buffer.concat([MESSAGE, Buffer.from(' ')]));
    await writeFile(paths.sig, await signer.signDigest(KEY_ID, digestOf(alg, MESSAGE), alg));
    const dgst = `-${HASH[alg]}`;

    const ok = openssl('dgst', dgst, '-verify', paths.pub, '-signature', paths.sig, paths.msg);
    const bad = openssl('dgst', dgst, '-verify', paths.pub, '-signature', paths.sig, paths.other);

    expect([ok.status, ok.stdout.trim()]).toEqual([0, 'Verified OK']);
    expect([bad.status, bad.stdout.trim()]).toEqual([1, 'Verification failure']);
  });

  it('exposes its public key as DER SPKI, as a fresh copy each time', async () => {
    const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
    const first = await signer.publicKey(KEY_ID);

    expect(Buffer.from(first)).toEqual(spki);
    first.fill(0);
    expect(Buffer.from(await signer.publicKey(KEY_ID))).toEqual(spki);
  });

  it('shows only its key id, never the key', () => {
    expect(Object.values(signer)).toEqual([KEY_ID]);
    expect(JSON.stringify(signer)).not.toContain('PRIVATE');
  });

  it.each([
    ['RSASSA_PKCS1_V1_5_SHA_256', 20],
    ['RSASSA_PKCS1_V1_5_SHA_256', 64],
    ['RSASSA_PKCS1_V1_5_SHA_512', 32],
    ['RSASSA_PKCS1_V1_5_SHA_512', 0],
  ] as const)('rejects a %s digest of %i bytes', async (algorithm, length) => {
    await expect(signer.signDigest(KEY_ID, new Uint8Array(length), algorithm)).rejects.toThrow(
      RangeError,
    );
  });

  it('rejects an algorithm it does not know', async () => {
    await expect(
      signer.signDigest(KEY_ID, new Uint8Array(32), 'ECDSA_SHA_256' as SignatureAlgorithm),
    ).rejects.toThrow('Unsupported signature algorithm ECDSA_SHA_256');
  });

  it('rejects a key id it does not hold', async () => {
    const digest = digestOf('RSASSA_PKCS1_V1_5_SHA_256', MESSAGE);

    await expect(
      signer.signDigest('alias/invoice-signing', digest, 'RSASSA_PKCS1_V1_5_SHA_256'),
    ).rejects.toThrow('Unknown signing key alias/invoice-signing');
    await expect(signer.publicKey('other')).rejects.toThrow('Unknown signing key');
  });

  it('accepts only RSA private keys', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });

    expect(() => new SoftwareSigner(ec.privateKey, KEY_ID)).toThrow('needs an RSA private key');
    expect(() => new SoftwareSigner(rsa.publicKey, KEY_ID)).toThrow('needs an RSA private key');
  });
});
