import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { certificatesInPem, trustAnchorsFrom, verifyCertificateChain } from './trust.ts';

const dir = mkdtempSync(join(tmpdir(), 'sello-trust-'));
let made = 0;

interface Made {
  pem: string;
  key: string;
  x509: X509Certificate;
}

/**
 * A certificate made by openssl: self-signed without `issuer`. `extensions` are openssl
 * `x509v3_config` lines; `days` its validity from now.
 */
function certificate(
  subject: string,
  options: { issuer?: Made; days?: number; extensions: string[] },
): Made {
  const n = ++made;
  const key = join(dir, `${n}.key`);
  const pem = join(dir, `${n}.pem`);
  const ext = join(dir, `${n}.ext`);
  writeFileSync(ext, `[v3]\n${options.extensions.join('\n')}\n`);
  const days = String(options.days ?? 30);
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  const run = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  if (options.issuer) {
    const csr = join(dir, `${n}.csr`);
    run(['req', '-new', ...newKey, '-keyout', key, '-subj', subject, '-out', csr]);
    writeFileSync(join(dir, `${n}.ca.pem`), options.issuer.pem);
    writeFileSync(join(dir, `${n}.ca.key`), options.issuer.key);
    run([
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      join(dir, `${n}.ca.pem`),
      '-CAkey',
      join(dir, `${n}.ca.key`),
      '-set_serial',
      String(1000 + n),
      '-days',
      days,
      '-extfile',
      ext,
      '-extensions',
      'v3',
      '-out',
      pem,
    ]);
  } else {
    // req -x509 reads the extensions of a self-signed certificate from a config file.
    const config = join(dir, `${n}.cnf`);
    writeFileSync(
      config,
      `[req]\ndistinguished_name=dn\nx509_extensions=v3\n[dn]\n[v3]\n${options.extensions.join('\n')}\n`,
    );
    run([
      'req',
      '-x509',
      ...newKey,
      '-keyout',
      key,
      '-subj',
      subject,
      '-days',
      days,
      '-config',
      config,
      '-out',
      pem,
    ]);
  }
  const text = readFileSync(pem, 'utf8');
  return { pem: text, key: readFileSync(key, 'utf8'), x509: new X509Certificate(text) };
}

const CA = ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign'];
const SIGNING = [
  'basicConstraints=critical,CA:FALSE',
  'keyUsage=critical,digitalSignature,nonRepudiation',
];

/** A self-signed root CA. */
const root = (name: string) =>
  certificate(`/C=ES/O=Sello Test/CN=${name}`, { days: 3650, extensions: CA });

const DAY = 86_400_000;
// Read when asked: openssl dates the certificates a test makes after this file loaded.
const now = () => new Date();

const trustedRoot = root('Trusted Root');
const intermediate = certificate('/C=ES/O=Sello Test/CN=Trusted Issuing CA', {
  issuer: trustedRoot,
  days: 1000,
  extensions: ['basicConstraints=critical,CA:TRUE,pathlen:0', 'keyUsage=critical,keyCertSign'],
});
const anchors = trustAnchorsFrom([trustedRoot.pem]);
const holder = '/C=ES/organizationIdentifier=VATES-B12345674/CN=EMPRESA';

describe('verifyCertificateChain', () => {
  it('trusts a certificate issued by a trusted root, or through an intermediate the file carries', () => {
    const direct = certificate(holder, { issuer: trustedRoot, extensions: SIGNING });
    expect(verifyCertificateChain(direct.x509, [], anchors, now())).toMatchObject({
      trusted: true,
    });
    const below = certificate(holder, { issuer: intermediate, extensions: SIGNING });
    const check = verifyCertificateChain(below.x509, [intermediate.x509], anchors, now());
    expect(check.trusted).toBe(true);
    if (check.trusted)
      expect(check.chain.map((c) => c.subject)).toEqual([
        intermediate.x509.subject,
        trustedRoot.x509.subject,
      ]);
    // Without the intermediate there is no path, unless the intermediate is itself trusted.
    expect(verifyCertificateChain(below.x509, [], anchors, now())).toEqual({
      trusted: false,
      reason: 'untrusted-issuer',
    });
    const both = trustAnchorsFrom([`${trustedRoot.pem}${intermediate.pem}`]);
    expect(verifyCertificateChain(below.x509, [], both, now()).trusted).toBe(true);
  });

  it('refuses a self-signed certificate, and one from an untrusted CA, whatever it carries', () => {
    const self = root('VATES-B12345674');
    expect(verifyCertificateChain(self.x509, [self.x509], anchors, now())).toEqual({
      trusted: false,
      reason: 'untrusted-issuer',
    });
    const otherRoot = root('Trusted Root'); // the same name as the trusted one, another key
    const otherIntermediate = certificate('/C=ES/O=Sello Test/CN=Trusted Issuing CA', {
      issuer: otherRoot,
      extensions: CA,
    });
    const leaf = certificate(holder, { issuer: otherIntermediate, extensions: SIGNING });
    expect(
      verifyCertificateChain(leaf.x509, [otherIntermediate.x509, otherRoot.x509], anchors, now()),
    ).toEqual({ trusted: false, reason: 'untrusted-issuer' });
  });

  it('refuses a chain through a certificate that is not a CA, or past a path length', () => {
    const notCa = certificate('/C=ES/O=Sello Test/CN=Not a CA', {
      issuer: trustedRoot,
      extensions: SIGNING,
    });
    const leaf = certificate(holder, { issuer: notCa, extensions: SIGNING });
    expect(verifyCertificateChain(leaf.x509, [notCa.x509], anchors, now())).toEqual({
      trusted: false,
      reason: 'untrusted-issuer',
    });
    // pathlen:0 on the intermediate: it may issue end entities, not another CA.
    const sub = certificate('/C=ES/O=Sello Test/CN=Sub CA', {
      issuer: intermediate,
      extensions: CA,
    });
    const deep = certificate(holder, { issuer: sub, extensions: SIGNING });
    expect(
      verifyCertificateChain(deep.x509, [sub.x509, intermediate.x509], anchors, now()),
    ).toEqual({
      trusted: false,
      reason: 'untrusted-issuer',
    });
  });

  it('refuses an expired or not yet valid certificate or CA at the time asked', () => {
    const leaf = certificate(holder, { issuer: intermediate, days: 10, extensions: SIGNING });
    const at = (days: number) => new Date(Date.now() + days * DAY);
    expect(verifyCertificateChain(leaf.x509, [intermediate.x509], anchors, at(11))).toEqual({
      trusted: false,
      reason: 'expired',
    });
    expect(verifyCertificateChain(leaf.x509, [intermediate.x509], anchors, at(-1))).toEqual({
      trusted: false,
      reason: 'not-yet-valid',
    });
    // The leaf outlives its CA: the expired CA breaks it.
    const shortCa = certificate('/C=ES/O=Sello Test/CN=Short CA', {
      issuer: trustedRoot,
      days: 5,
      extensions: CA,
    });
    const longLeaf = certificate(holder, { issuer: shortCa, days: 30, extensions: SIGNING });
    expect(verifyCertificateChain(longLeaf.x509, [shortCa.x509], anchors, at(6))).toEqual({
      trusted: false,
      reason: 'expired',
    });
    expect(verifyCertificateChain(longLeaf.x509, [shortCa.x509], anchors, at(4)).trusted).toBe(
      true,
    );
  });

  it('refuses a certificate whose key usage is not signing', () => {
    const tls = certificate(holder, {
      issuer: trustedRoot,
      extensions: ['basicConstraints=CA:FALSE', 'keyUsage=critical,keyEncipherment'],
    });
    expect(verifyCertificateChain(tls.x509, [], anchors, now())).toEqual({
      trusted: false,
      reason: 'not-for-signing',
    });
  });
});

describe('trustAnchorsFrom', () => {
  it('reads bundles, drops duplicates and refuses a certificate that is not a CA', () => {
    const bundle = `# a comment\n${trustedRoot.pem}\n${intermediate.pem}${trustedRoot.pem}`;
    expect(certificatesInPem(bundle)).toHaveLength(3);
    expect(trustAnchorsFrom([bundle]).certificates).toHaveLength(2);
    const leaf = certificate(holder, { issuer: trustedRoot, extensions: SIGNING });
    expect(() => trustAnchorsFrom([leaf.pem])).toThrow(/must be a CA certificate/);
  });
});
