import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SealedSecret, SecretBox } from '@sello/core/ports';
import { secretContextAad } from '@sello/core/ports';
import { LOCAL_KEY_ID } from './local-signer.ts';

export const SECRETS_MASTER_KEY_FILE = 'secrets-master.key';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const OPEN_FAILED = 'Sealed secret could not be opened: wrong context, key or data';

/**
 * Development stand-in for KmsSecretBox: the same envelope scheme and SealedSecret shape, with a
 * master key from a local file playing the part of the KMS key.
 */
export class LocalSecretBox implements SecretBox {
  readonly #masterKey: Buffer;

  constructor(masterKey: Uint8Array) {
    if (masterKey.length !== KEY_BYTES) {
      throw new RangeError(`The local master key must be ${KEY_BYTES} bytes`);
    }
    this.#masterKey = Buffer.from(masterKey); // a copy, so the caller can wipe theirs
  }

  async seal(plaintext: string, context: Record<string, string>): Promise<SealedSecret> {
    const aad = secretContextAad(context);
    const dataKey = randomBytes(KEY_BYTES);
    try {
      // The wrapped key is bound to the context too, as KMS binds its EncryptionContext.
      const wrapped = encrypt(this.#masterKey, dataKey, aad);
      const data = encrypt(dataKey, Buffer.from(plaintext, 'utf8'), aad);
      return {
        v: 1,
        keyId: LOCAL_KEY_ID,
        encryptedKey: Buffer.concat([wrapped.iv, wrapped.tag, wrapped.ciphertext]).toString(
          'base64',
        ),
        iv: data.iv.toString('base64'),
        tag: data.tag.toString('base64'),
        ciphertext: data.ciphertext.toString('base64'),
      };
    } finally {
      dataKey.fill(0);
    }
  }

  async open(sealed: SealedSecret, context: Record<string, string>): Promise<string> {
    if (sealed.v !== 1) {
      throw new Error(`Unsupported sealed secret version ${String(sealed.v)}`);
    }
    if (sealed.keyId !== LOCAL_KEY_ID) {
      throw new Error(`Secret was sealed with key ${sealed.keyId}, not the local master key`);
    }
    const aad = secretContextAad(context);
    let dataKey: Buffer | undefined;
    try {
      const envelope = Buffer.from(sealed.encryptedKey, 'base64');
      dataKey = decrypt(
        this.#masterKey,
        envelope.subarray(0, IV_BYTES),
        envelope.subarray(IV_BYTES, IV_BYTES + TAG_BYTES),
        envelope.subarray(IV_BYTES + TAG_BYTES),
        aad,
      );
      const plaintext = decrypt(
        dataKey,
        Buffer.from(sealed.iv, 'base64'),
        Buffer.from(sealed.tag, 'base64'),
        Buffer.from(sealed.ciphertext, 'base64'),
        aad,
      );
      return plaintext.toString('utf8');
    } catch (error) {
      throw new Error(OPEN_FAILED, { cause: error });
    } finally {
      dataKey?.fill(0);
    }
  }
}

/** Opens the box with the master key in `dir`, creating the key file (mode 0600) on first use. */
export async function loadOrCreateLocalSecretBox(dir: string): Promise<LocalSecretBox> {
  const path = join(dir, SECRETS_MASTER_KEY_FILE);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const fresh = randomBytes(KEY_BYTES);
  try {
    // 'wx': if another process won the race, its key stands and ours is discarded.
    await writeFile(path, fresh, { flag: 'wx', mode: 0o600 });
    await chmod(path, 0o600); // the mode above is filtered by the umask; make it exact
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  fresh.fill(0);
  const masterKey = await readFile(path);
  if (masterKey.length !== KEY_BYTES) {
    throw new Error(`${path} must hold exactly ${KEY_BYTES} bytes, found ${masterKey.length}`);
  }
  try {
    return new LocalSecretBox(masterKey);
  } finally {
    masterKey.fill(0);
  }
}

function encrypt(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array) {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ciphertext };
}

function decrypt(
  key: Uint8Array,
  iv: Uint8Array,
  tag: Uint8Array,
  ciphertext: Uint8Array,
  aad: Uint8Array,
): Buffer {
  // A fixed tag length stops a shortened tag from being accepted with weaker authentication.
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}
