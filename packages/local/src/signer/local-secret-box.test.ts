import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SealedSecret } from '@sello/core/ports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LocalSecretBox,
  loadOrCreateLocalSecretBox,
  SECRETS_MASTER_KEY_FILE,
} from './local-secret-box.ts';

const CONTEXT = { tenantId: 'ten_01', purpose: 'verifactu-credentials' };

let root: string;
let dir: string;
let box: LocalSecretBox;

/** Flips one bit of a base64 field. */
function flip(field: string, byte = 0): string {
  const bytes = Buffer.from(field, 'base64');
  bytes[byte]! ^= 0x01;
  return bytes.toString('base64');
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sello-secrets-'));
  dir = join(root, 'default');
  box = await loadOrCreateLocalSecretBox(dir);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loadOrCreateLocalSecretBox', () => {
  it('creates a 32-byte master key readable only by its owner', async () => {
    const path = join(dir, SECRETS_MASTER_KEY_FILE);

    expect(await readFile(path)).toHaveLength(32);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('keeps the master key, so secrets survive a restart', async () => {
    const before = await readFile(join(dir, SECRETS_MASTER_KEY_FILE));
    const sealed = await box.seal('s3cret', CONTEXT);

    const reopened = await loadOrCreateLocalSecretBox(dir);

    expect(await readFile(join(dir, SECRETS_MASTER_KEY_FILE))).toEqual(before);
    expect(await reopened.open(sealed, CONTEXT)).toBe('s3cret');
  });

  it('refuses a master key file of the wrong size', async () => {
    const bad = join(root, 'bad');
    await loadOrCreateLocalSecretBox(bad);
    await writeFile(join(bad, SECRETS_MASTER_KEY_FILE), Buffer.alloc(16));

    await expect(loadOrCreateLocalSecretBox(bad)).rejects.toThrow('must hold exactly 32 bytes');
  });
});

describe('LocalSecretBox', () => {
  it('seals into the same v1 shape as KMS, with key id local', async () => {
    const sealed = await box.seal('s3cret-password', CONTEXT);

    expect(Object.keys(sealed).sort()).toEqual(
      ['ciphertext', 'encryptedKey', 'iv', 'keyId', 'tag', 'v'].sort(),
    );
    expect(sealed).toMatchObject({ v: 1, keyId: 'local' });
    expect(Buffer.from(sealed.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(sealed.tag, 'base64')).toHaveLength(16);
    expect(Buffer.from(sealed.encryptedKey, 'base64')).toHaveLength(12 + 16 + 32);
    expect(JSON.stringify(sealed)).not.toContain('s3cret');
  });

  it.each([
    ['empty', ''],
    ['unicode', 'contraseña ✓ 🔑'],
    ['long', 'x'.repeat(100_000)],
  ])('round-trips a %s secret', async (_name, plaintext) => {
    expect(await box.open(await box.seal(plaintext, CONTEXT), CONTEXT)).toBe(plaintext);
  });

  it('uses a fresh data key and nonce for every secret', async () => {
    const one = await box.seal('same', CONTEXT);
    const two = await box.seal('same', CONTEXT);

    expect(one.encryptedKey).not.toBe(two.encryptedKey);
    expect(one.iv).not.toBe(two.iv);
    expect(one.ciphertext).not.toBe(two.ciphertext);
  });

  it('does not care about the order of context keys', async () => {
    const sealed = await box.seal('s3cret', { a: '1', b: '2' });

    expect(await box.open(sealed, { b: '2', a: '1' })).toBe('s3cret');
  });

  it.each([
    ['ciphertext', (s: SealedSecret) => ({ ...s, ciphertext: flip(s.ciphertext, 3) })],
    ['tag', (s: SealedSecret) => ({ ...s, tag: flip(s.tag, 15) })],
    ['truncated tag', (s: SealedSecret) => ({ ...s, tag: s.tag.slice(0, 12) })],
    ['iv', (s: SealedSecret) => ({ ...s, iv: flip(s.iv) })],
    ['wrapped key', (s: SealedSecret) => ({ ...s, encryptedKey: flip(s.encryptedKey, 40) })],
    ['wrapped key tag', (s: SealedSecret) => ({ ...s, encryptedKey: flip(s.encryptedKey, 20) })],
  ])('refuses a secret with a tampered %s', async (_name, tamper) => {
    const sealed = await box.seal('s3cret', CONTEXT);

    await expect(box.open(tamper(sealed), CONTEXT)).rejects.toThrow(
      'Sealed secret could not be opened',
    );
  });

  it('refuses a secret copied to another tenant', async () => {
    const sealed = await box.seal('s3cret', CONTEXT);

    await expect(box.open(sealed, { ...CONTEXT, tenantId: 'ten_02' })).rejects.toThrow(
      'Sealed secret could not be opened',
    );
    await expect(box.open(sealed, { tenantId: 'ten_01' })).rejects.toThrow(
      'Sealed secret could not be opened',
    );
  });

  it('refuses a secret sealed under another master key', async () => {
    const other = await loadOrCreateLocalSecretBox(join(root, 'other'));

    await expect(other.open(await box.seal('s3cret', CONTEXT), CONTEXT)).rejects.toThrow(
      'Sealed secret could not be opened',
    );
  });

  it('refuses secrets sealed by KMS and unknown versions', async () => {
    const sealed = await box.seal('s3cret', CONTEXT);

    await expect(
      box.open({ ...sealed, keyId: 'arn:aws:kms:eu-west-1:111122223333:key/x' }, CONTEXT),
    ).rejects.toThrow('not the local master key');
    await expect(box.open({ ...sealed, v: 2 } as unknown as SealedSecret, CONTEXT)).rejects.toThrow(
      'Unsupported sealed secret version 2',
    );
  });

  it('refuses an empty context', async () => {
    const sealed = await box.seal('s3cret', CONTEXT);

    await expect(box.seal('s3cret', {})).rejects.toThrow('at least one entry');
    await expect(box.open(sealed, {})).rejects.toThrow('at least one entry');
  });
});
