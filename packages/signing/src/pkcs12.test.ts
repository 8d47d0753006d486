import { spawnSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pkcs12Error } from '@sello/core/signing';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import {
  buildPkcs12,
  ecKeyDer,
  type Pkcs12Profile,
  testChain,
  testIntermediate,
  testLeaf,
} from '../testing/index.ts';
import { readPkcs12 } from './pkcs12.ts';

const { ca, leaf } = testChain();
const profiles: Pkcs12Profile[] = ['legacy', 'aes'];

const problemOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(Pkcs12Error);
    return { problem: (error as Pkcs12Error).problem, message: (error as Error).message };
  }
  throw new Error('expected a Pkcs12Error');
};

describe('readPkcs12', () => {
  it.each(
    profiles.flatMap((profile) =>
      ['s3cret', 'contraseña ñ €', ''].map((password) => [profile, password] as const),
    ),
  )(
    'opens a %s file with password %j: the key as PKCS#8, the certificates byte for byte',
    (profile, password) => {
      const file = buildPkcs12({
        keys: [leaf.keyDer],
        certificates: [leaf.der, ca.der],
        password,
        profile,
      });

      const out = readPkcs12(file, password);

      expect(out.privateKeys).toHaveLength(1);
      expect(Buffer.from(out.privateKeys[0]!).equals(leaf.keyDer)).toBe(true);
      expect(out.certificates.map((pem) => new X509Certificate(pem).raw)).toEqual([
        leaf.der,
        ca.der,
      ]);
      expect(out.certificates[0]).toMatch(
        /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE-----\n$/,
      );
    },
  );

  it.each(profiles)('refuses a wrong password on a %s file as a wrong password', (profile) => {
    const file = buildPkcs12({
      keys: [leaf.keyDer],
      certificates: [leaf.der],
      password: 's3cret',
      profile,
    });

    const { problem, message } = problemOf(() => readPkcs12(file, 's3cret!'));

    expect(problem).toBe('wrong-password');
    expect(message).not.toContain('s3cret');
  });

  it('hands over keys of any type, for the caller to judge', () => {
    const ec = ecKeyDer();
    const file = buildPkcs12({
      keys: [ec],
      certificates: [leaf.der],
      password: 'p',
      profile: 'aes',
    });

    const [key] = readPkcs12(file, 'p').privateKeys;

    expect(
      createPrivateKey({ key: Buffer.from(key!), format: 'der', type: 'pkcs8' }).asymmetricKeyType,
    ).toBe('ec');
  });

  it('keeps every key and certificate, in file order', () => {
    const intermediate = testIntermediate(ca);
    const other = testLeaf(intermediate, { commonName: 'Other' });
    const file = buildPkcs12({
      keys: [leaf.keyDer, other.keyDer],
      certificates: [other.der, intermediate.der, leaf.der],
      password: 'p',
      profile: 'legacy',
    });

    const out = readPkcs12(file, 'p');

    expect(out.privateKeys.map((k) => Buffer.from(k))).toEqual([leaf.keyDer, other.keyDer]);
    expect(out.certificates.map((pem) => new X509Certificate(pem).raw)).toEqual([
      other.der,
      intermediate.der,
      leaf.der,
    ]);
  });

  it.each([
    ['text', Buffer.from('hello, this is not a certificate file at all').toString('base64')],
    ['a PEM certificate', Buffer.from(leaf.pem).toString('base64')],
    ['a bare DER certificate', leaf.der.toString('base64')],
    ['empty bytes', ''],
    [
      'a truncated PKCS#12',
      buildPkcs12({
        keys: [leaf.keyDer],
        certificates: [leaf.der],
        password: 'p',
        profile: 'aes',
      }).slice(0, 400),
    ],
  ])('says %s is not a PKCS#12 file', (_name, base64) => {
    expect(problemOf(() => readPkcs12(base64, 'p')).problem).toBe('not-pkcs12');
  });

  it('refuses absurd key-derivation costs instead of spinning', () => {
    const file = buildPkcs12({
      keys: [leaf.keyDer],
      certificates: [leaf.der],
      password: 'p',
      profile: 'legacy',
      iterations: 2048,
    });
    // Raise the MAC's iteration count to two thousand million.
    const { asn1 } = forge;
    const pfx = asn1.fromDer(Buffer.from(file, 'base64').toString('binary'));
    const macData = (pfx.value as forge.asn1.Asn1[])[2]!;
    (macData.value as forge.asn1.Asn1[])[2] = asn1.create(
      asn1.Class.UNIVERSAL,
      asn1.Type.INTEGER,
      false,
      asn1.integerToDer(2_000_000_000).getBytes(),
    );
    const patched = Buffer.from(asn1.toDer(pfx).getBytes(), 'binary');

    expect(problemOf(() => readPkcs12(patched.toString('base64'), 'p')).problem).toBe(
      'unsupported',
    );
  });
});

describe.skipIf(spawnSync('openssl', ['version']).status !== 0)(
  'readPkcs12 on OpenSSL exports',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'sello-p12-'));
    const file = (name: string) => join(dir, name);
    writeFileSync(file('leaf.pem'), leaf.pem);
    writeFileSync(file('ca.pem'), ca.pem);
    writeFileSync(file('leaf.key'), leaf.privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const password = 'contraseña';

    it.each([
      ['default (PBES2 AES-256, SHA-256 MAC)', [], password],
      ['-legacy (RC2-40 certificates, 3DES key)', ['-legacy'], password],
      [
        '3DES everywhere',
        ['-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'],
        password,
      ],
      ['an empty password', [], ''],
      ['an empty legacy password', ['-legacy'], ''],
    ])('reads %s', (_name, flags, password) => {
      const out = spawnSync('openssl', [
        'pkcs12',
        '-export',
        ...flags,
        '-in',
        file('leaf.pem'),
        '-inkey',
        file('leaf.key'),
        '-certfile',
        file('ca.pem'),
        '-out',
        file('out.p12'),
        '-passout',
        `pass:${password}`,
      ]);
      // Some OpenSSL builds lack the legacy provider; nothing to test there.
      if (out.status !== 0 && flags.includes('-legacy')) return;
      expect(out.status, out.stderr.toString()).toBe(0);
      const base64 = readFileSync(file('out.p12')).toString('base64');

      const read = readPkcs12(base64, password);

      expect(Buffer.from(read.privateKeys[0]!).equals(leaf.keyDer)).toBe(true);
      expect(
        read.certificates.map((pem) => new X509Certificate(pem).raw).sort(Buffer.compare),
      ).toEqual([leaf.der, ca.der].sort(Buffer.compare));
      expect(problemOf(() => readPkcs12(base64, 'contrasena')).problem).toBe('wrong-password');
    });

    it.each(profiles)('writes %s files OpenSSL opens (the test files are realistic)', (profile) => {
      writeFileSync(
        file(`ours-${profile}.p12`),
        Buffer.from(
          buildPkcs12({ keys: [leaf.keyDer], certificates: [leaf.der, ca.der], password, profile }),
          'base64',
        ),
      );
      const args = [
        'pkcs12',
        '-in',
        file(`ours-${profile}.p12`),
        '-nodes',
        '-passin',
        `pass:${password}`,
      ];
      let out = spawnSync('openssl', args);
      if (out.status !== 0 && profile === 'legacy')
        out = spawnSync('openssl', [...args, '-legacy']);
      if (out.status !== 0 && profile === 'legacy') return; // no legacy provider for RC2
      expect(out.status, out.stderr.toString()).toBe(0);
      expect(out.stdout.toString()).toContain('BEGIN PRIVATE KEY');
    });
  },
);
