// A use-case test with real certificates (node-forge, from the signing package's helpers): it
// lives here, not in core, because core depends on no other package, not even in its tests.
import { createPrivateKey } from 'node:crypto';
import { ValidationError } from '@sello/core/errors';
import type { SealedSecret, SecretBox } from '@sello/core/ports';
import type { Pkcs12Contents } from '@sello/core/signing';
import {
  openSubmitterCredentials,
  putSubmitterCertificate,
  type SubmitterCertificate,
  submitterCertificateView,
} from '@sello/core/verifactu';
// Test-time certificates (node-forge) from the signing package's helpers; core stays forge-free.
import { serverCertificate, testChain } from '@sello/signing/testing';
import { beforeEach, describe, expect, it } from 'vitest';

const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const DAY = 86_400_000;
const { ca, leaf } = testChain();

/** Seals in clear with the context alongside, and opens only under the same context. */
const box: SecretBox = {
  seal: async (plaintext, context) => ({
    v: 1,
    keyId: 'test',
    encryptedKey: JSON.stringify(context),
    iv: '',
    tag: '',
    ciphertext: plaintext,
  }),
  open: async (sealed: SealedSecret, context) => {
    if (sealed.encryptedKey !== JSON.stringify(context)) throw new Error('wrong context');
    return sealed.ciphertext;
  },
};

let saved: Map<string, SubmitterCertificate>;
let contents: Pkcs12Contents;
const put = (tenantId = 'ten_1') =>
  putSubmitterCertificate({
    certificates: {
      submitterCertificate: async (t) => saved.get(t),
      putSubmitterCertificate: async (t, c) => void saved.set(t, c),
    },
    secrets: box,
    readPkcs12: () => contents,
    clock: { now: () => NOW },
  })(tenantId, { pkcs12: 'AAAA', password: 'secret' });

beforeEach(() => {
  saved = new Map();
  contents = { privateKeys: [new Uint8Array(leaf.keyDer)], certificates: [ca.pem, leaf.pem] };
});

describe('putSubmitterCertificate', () => {
  it('seals the certificate, its CA and the key under the tenant, and keeps the metadata', async () => {
    const stored = await put();
    expect(saved.get('ten_1')).toBe(stored);
    expect(stored).toMatchObject({
      subject: 'CN=GARCIA PEREZ ANA - 12345678Z, serialNumber=IDCES-12345678Z, O=Sello Test, C=ES',
      issuer: 'CN=Sello Test Root CA, O=Sello Test, C=ES',
      serialNumber: leaf.serialDecimal,
      uploadedAt: NOW.toISOString(),
    });
    expect(JSON.parse(stored.sealed.encryptedKey)).toEqual({
      tenantId: 'ten_1',
      purpose: 'verifactu-client-tls',
    });
    const opened = await openSubmitterCredentials(box, 'ten_1', stored);
    expect(opened.cert.replace(/\s/g, '')).toBe(leaf.pem.replace(/\s/g, ''));
    expect(opened.chain.map((c) => c.replace(/\s/g, ''))).toEqual([ca.pem.replace(/\s/g, '')]);
    expect(opened.key).toBe(leaf.privateKey.export({ format: 'pem', type: 'pkcs8' }));
    // Another tenant cannot open it.
    await expect(openSubmitterCredentials(box, 'ten_2', stored)).rejects.toThrow('wrong context');
    // The key bytes handed over are wiped once sealed.
    expect(contents.privateKeys[0]!.every((b) => b === 0)).toBe(true);
  });

  it('refuses a certificate made for something else than TLS client authentication', async () => {
    const server = serverCertificate(ca);
    contents = {
      privateKeys: [
        new Uint8Array(createPrivateKey(server.key).export({ format: 'der', type: 'pkcs8' })),
      ],
      certificates: [server.cert],
    };
    const error = await put().catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.errors).toEqual([
      { path: 'pkcs12', message: 'The certificate is not for TLS client authentication' },
    ]);
    expect(saved.size).toBe(0);
  });

  it('refuses two keys, and a key without its certificate', async () => {
    contents = {
      privateKeys: [leaf.keyDer, leaf.keyDer].map((k) => new Uint8Array(k)),
      certificates: [leaf.pem],
    };
    await expect(put()).rejects.toThrow(/holds 2 private keys/);
    contents = { privateKeys: [new Uint8Array(leaf.keyDer)], certificates: [ca.pem] };
    await expect(put()).rejects.toThrow('No certificate in the file matches its private key');
    expect(saved.size).toBe(0);
  });
});

describe('submitterCertificateView', () => {
  it('says whether the certificate can present records now, and never shows the sealed key', async () => {
    const stored = await put();
    expect(submitterCertificateView(undefined, NOW)).toEqual({ state: 'none' });
    const view = submitterCertificateView(stored, NOW);
    expect(view.state).toBe('valid');
    expect(Object.keys(view.certificate!)).toEqual([
      'subject',
      'issuer',
      'serialNumber',
      'notBefore',
      'notAfter',
      'uploadedAt',
    ]);
    expect(
      submitterCertificateView(stored, new Date(Date.parse(stored.notAfter) + DAY)).state,
    ).toBe('expired');
    expect(
      submitterCertificateView(stored, new Date(Date.parse(stored.notBefore) - DAY)).state,
    ).toBe('notYetValid');
  });
});
