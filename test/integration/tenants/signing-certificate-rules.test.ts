// A use-case test with real certificates (node-forge, from the signing package's helpers): it
// lives here, not in core, because core depends on no other package, not even in its tests.

import { NotFoundError, ValidationError } from '@sello/core/errors';
import {
  getSigningCertificate,
  type KeyImporter,
  type Pkcs12Contents,
  Pkcs12Error,
  putSigningCertificate,
  type RsaKeySpec,
  type SigningIdentity,
  type SigningIdentityRepository,
  signingCertificateView,
} from '@sello/core/signing';
import { ecKeyDer, testCa, testChain, testIntermediate, testLeaf } from '@sello/signing/testing';
import { beforeEach, describe, expect, it } from 'vitest';

// Whole seconds: certificates keep no milliseconds. Test certificates are valid around now.
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const DAY = 86_400_000;
const { ca, leaf } = testChain({
  notBefore: new Date(NOW.getTime() - 30 * DAY),
  notAfter: new Date(NOW.getTime() + 700 * DAY),
});

class MemoryIdentities implements SigningIdentityRepository {
  readonly items = new Map<string, SigningIdentity>();
  async get(tenantId: string) {
    return this.items.get(tenantId);
  }
  async put(tenantId: string, identity: SigningIdentity) {
    this.items.set(tenantId, identity);
  }
}

class RecordingImporter implements KeyImporter {
  readonly calls: Array<{ tenantId: string; der: Buffer; keySpec: RsaKeySpec }> = [];
  async importRsaKey(tenantId: string, pkcs8Der: Uint8Array, keySpec: RsaKeySpec) {
    this.calls.push({ tenantId, der: Buffer.from(pkcs8Der), keySpec });
    return { keyId: `arn:aws:kms:eu-south-2:111122223333:key/k${this.calls.length}` };
  }
}

let identities: MemoryIdentities;
let importer: RecordingImporter;
/** What the fake reader hands over; tests set it, or make the reader throw. */
let contents: () => Pkcs12Contents;

const put = () =>
  putSigningCertificate({
    identities,
    keys: importer,
    readPkcs12: (_base64, _password) => contents(),
    clock: { now: () => NOW },
  });
const file = { pkcs12: 'MIIKeQIBAzCCCj8GCSqGSIb3DQEHAaCCCjAEggosMIIKKDCCBN8G', password: 's3cret' };
const holding = (keys: Buffer[], certificates: string[]) => () => ({
  privateKeys: keys.map((k) => new Uint8Array(k)),
  certificates,
});

/** The ValidationError a call fails with, after checking nothing was imported or stored. */
async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  expect(importer.calls).toEqual([]);
  expect(identities.items.size).toBe(0);
  const { message, errors } = error as ValidationError;
  return { message, errors };
}

beforeEach(() => {
  identities = new MemoryIdentities();
  importer = new RecordingImporter();
  contents = holding([leaf.keyDer], [leaf.pem, ca.pem]);
});

describe('putSigningCertificate', () => {
  it('imports the key and stores the certificates, names, serial and dates', async () => {
    const identity = await put()('ten_1', file);

    expect(importer.calls).toEqual([{ tenantId: 'ten_1', der: leaf.keyDer, keySpec: 'RSA_2048' }]);
    expect(identity).toEqual({
      keyId: 'arn:aws:kms:eu-south-2:111122223333:key/k1',
      certificatePem: leaf.pem.replace(/\r/g, ''),
      chainPem: [ca.pem.replace(/\r/g, '')],
      algorithm: 'RSASSA_PKCS1_V1_5_SHA_256',
      subject: 'CN=GARCIA PEREZ ANA - 12345678Z, serialNumber=IDCES-12345678Z, O=Sello Test, C=ES',
      issuer: 'CN=Sello Test Root CA, O=Sello Test, C=ES',
      serialNumber: leaf.serialDecimal,
      notBefore: new Date(NOW.getTime() - 30 * DAY).toISOString(),
      notAfter: new Date(NOW.getTime() + 700 * DAY).toISOString(),
      importedAt: NOW.toISOString(),
    });
    expect(identities.items.get('ten_1')).toEqual(identity);
  });

  it('keeps the chain from the leaf up to the root, whatever the file order, and drops strangers', async () => {
    const root = testCa();
    const intermediate = testIntermediate(root);
    const signing = testLeaf(intermediate, { commonName: 'Firmante' });
    const stranger = testCa({ commonName: 'Unrelated CA' });
    contents = holding([signing.keyDer], [root.pem, stranger.pem, signing.pem, intermediate.pem]);

    const identity = await put()('ten_1', file);

    expect(identity.certificatePem).toBe(signing.pem.replace(/\r/g, ''));
    expect(identity.chainPem).toEqual(
      [intermediate.pem, root.pem].map((p) => p.replace(/\r/g, '')),
    );
    expect(signingCertificateView(identity).chainLength).toBe(3);
  });

  it.each([
    [2048, 'RSA_2048'],
    [3072, 'RSA_3072'],
  ] as const)('imports a %i-bit key as %s', async (bits, spec) => {
    const sized = testLeaf(ca, { commonName: 'Sized', bits });
    contents = holding([sized.keyDer], [sized.pem]);

    await put()('ten_1', file);

    expect(importer.calls[0]!.keySpec).toBe(spec);
  });

  it('names the password when it does not open the file', async () => {
    contents = () => {
      throw new Pkcs12Error('wrong-password', 'The password does not match this PKCS#12 file');
    };

    const { message, errors } = await refusal(put()('ten_1', file));

    expect(message).toBe('The password does not open this PKCS#12 file');
    expect(errors).toEqual([{ path: 'password', message: 'Wrong password for this PKCS#12 file' }]);
  });

  it('names pkcs12 when the file is not one, or uses what we cannot open', async () => {
    contents = () => {
      throw new Pkcs12Error('not-pkcs12', 'Not a PKCS#12 file');
    };
    expect((await refusal(put()('ten_1', file))).errors).toEqual([
      { path: 'pkcs12', message: 'Not a PKCS#12 (.p12/.pfx) file' },
    ]);

    contents = () => {
      throw new Pkcs12Error('unsupported', 'This PKCS#12 file uses a PBMAC1 integrity MAC');
    };
    expect((await refusal(put()('ten_1', file))).errors).toEqual([
      { path: 'pkcs12', message: 'This PKCS#12 file uses a PBMAC1 integrity MAC' },
    ]);
  });

  it('lets unexpected reader failures through as they are', async () => {
    const boom = new Error('out of memory');
    contents = () => {
      throw boom;
    };

    await expect(put()('ten_1', file)).rejects.toBe(boom);
  });

  it('refuses an EC key, naming pkcs12', async () => {
    contents = holding([ecKeyDer()], [leaf.pem]);

    const { message, errors } = await refusal(put()('ten_1', file));

    expect(message).toContain('The private key is EC');
    expect(errors).toEqual([
      { path: 'pkcs12', message: 'The private key is EC; an RSA key is needed' },
    ]);
  });

  it('refuses RSA keys KMS cannot import', async () => {
    const small = testLeaf(ca, { commonName: 'Small', bits: 1024 });
    contents = holding([small.keyDer], [small.pem]);

    const { errors } = await refusal(put()('ten_1', file));

    expect(errors[0]).toEqual({
      path: 'pkcs12',
      message: 'The RSA key has 1024 bits; 2048, 3072 or 4096 are supported',
    });
  });

  it.each([
    ['no key', () => holding([], [leaf.pem])(), 'The file holds no private key'],
    [
      'two keys',
      () => holding([leaf.keyDer, ca.keyDer], [leaf.pem, ca.pem])(),
      'The file holds 2 private keys',
    ],
    [
      'no certificate for the key',
      () => holding([leaf.keyDer], [ca.pem])(),
      'No certificate in the file matches its private key',
    ],
    [
      'an unreadable certificate',
      () =>
        holding(
          [leaf.keyDer],
          ['-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'],
        )(),
      'The file holds a certificate that cannot be read',
    ],
  ])('refuses a file with %s', async (_name, make, message) => {
    contents = make;

    const { errors } = await refusal(put()('ten_1', file));

    expect(errors).toEqual([{ path: 'pkcs12', message }]);
  });

  it('refuses an expired certificate, saying when it expired', async () => {
    const expired = testLeaf(ca, {
      commonName: 'Old',
      notBefore: new Date(NOW.getTime() - 800 * DAY),
      notAfter: new Date(NOW.getTime() - DAY),
    });
    contents = holding([expired.keyDer], [expired.pem, ca.pem]);

    const { message, errors } = await refusal(put()('ten_1', file));

    const when = new Date(NOW.getTime() - DAY).toISOString();
    expect(message).toBe(`The certificate expired on ${when}; upload a current one`);
    expect(errors).toEqual([{ path: 'pkcs12', message: `The certificate expired on ${when}` }]);
  });

  it('refuses a certificate that is not valid yet', async () => {
    const future = testLeaf(ca, {
      commonName: 'Future',
      notBefore: new Date(NOW.getTime() + DAY),
      notAfter: new Date(NOW.getTime() + 400 * DAY),
    });
    contents = holding([future.keyDer], [future.pem]);

    const { errors } = await refusal(put()('ten_1', file));

    expect(errors[0]!.message).toMatch(/^The certificate is not valid until /);
  });

  it('makes no new KMS key when the same certificate is uploaded again', async () => {
    const first = await put()('ten_1', file);
    contents = holding([leaf.keyDer], [leaf.pem, ca.pem]);

    const again = await put()('ten_1', file);

    expect(again).toEqual(first);
    expect(importer.calls).toHaveLength(1);
  });

  it('replaces the identity when another certificate is uploaded', async () => {
    await put()('ten_1', file);
    const renewed = testLeaf(ca, { commonName: 'GARCIA PEREZ ANA - 12345678Z (2)' });
    contents = holding([renewed.keyDer], [renewed.pem, ca.pem]);

    const identity = await put()('ten_1', file);

    expect(identity.keyId).toMatch(/key\/k2$/);
    expect(identities.items.get('ten_1')?.serialNumber).toBe(renewed.serialDecimal);
  });

  it('wipes the key bytes it was handed, on success and on refusal', async () => {
    const handed: Uint8Array[] = [];
    contents = () => {
      const out = holding([leaf.keyDer], [leaf.pem])();
      handed.push(...out.privateKeys);
      return out;
    };
    await put()('ten_1', file);
    contents = () => {
      const out = holding([leaf.keyDer], [ca.pem])();
      handed.push(...out.privateKeys);
      return out;
    };
    await expect(put()('ten_2', file)).rejects.toBeInstanceOf(ValidationError);

    expect(handed).toHaveLength(2);
    for (const key of handed) expect(key.every((b) => b === 0)).toBe(true);
    // The importer saw the real key before it was wiped.
    expect(importer.calls[0]!.der.equals(leaf.keyDer)).toBe(true);
  });
});

describe('getSigningCertificate and the view', () => {
  it('answers 404 before any upload', async () => {
    await expect(getSigningCertificate({ identities })('ten_1')).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('shows names, serial, dates and chain length, never the key', async () => {
    const identity = await put()('ten_1', file);

    const view = signingCertificateView(await getSigningCertificate({ identities })('ten_1'));

    expect(Object.keys(view)).toEqual([
      'subject',
      'issuer',
      'serialNumber',
      'notBefore',
      'notAfter',
      'chainLength',
      'importedAt',
    ]);
    expect(view.chainLength).toBe(2);
    expect(JSON.stringify(view)).not.toContain(identity.keyId);
  });
});
