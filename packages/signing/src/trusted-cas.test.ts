import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { trustAnchorsFrom, verifyCertificateChain } from '@sello/core/signing';
import { describe, expect, it } from 'vitest';
import {
  TRUSTED_CAS_DIR,
  TRUSTED_CAS_MODULE,
  trustedCaFiles,
  trustedCasModule,
} from '../testing/trusted-cas-files.ts';
import { TRUSTED_CAS } from './trusted-cas.ts';

const fingerprint = (c: X509Certificate) =>
  createHash('sha256').update(c.raw).digest('hex').toUpperCase().match(/../g)!.join(':');

describe('the vendored trust list', () => {
  it('is the PEM files of trusted-cas/, regenerated', () => {
    expect(readFileSync(TRUSTED_CAS_MODULE, 'utf8')).toBe(trustedCasModule());
    expect(TRUSTED_CAS).toEqual(trustedCaFiles());
  });

  it('lists every certificate in the README with its SHA-256 fingerprint', () => {
    const readme = readFileSync(join(TRUSTED_CAS_DIR, 'README.md'), 'utf8');
    for (const { file, pem } of TRUSTED_CAS) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${file}\``));
      expect(row, file).toContain(fingerprint(new X509Certificate(pem)));
    }
  });

  it('holds CA certificates whose intermediates chain to a root of the list', () => {
    const anchors = trustAnchorsFrom(TRUSTED_CAS.map((c) => c.pem));
    const roots = anchors.certificates.filter((c) => c.checkIssued(c) && c.verify(c.publicKey));
    const fileOf = (c: X509Certificate) =>
      TRUSTED_CAS.find((t) => new X509Certificate(t.pem).raw.equals(c.raw))?.file;
    expect(roots.map(fileOf)).toEqual([
      'accv-accvraiz1.pem',
      'firmaprofesional-root-2009.pem',
      'firmaprofesional-root-2014.pem',
      'fnmt-ac-raiz-fnmt-rcm.pem',
      'izenpe-com.pem',
    ]);
    // Checked at a date every one of them is valid at (the earliest expiry is 2029-10-28).
    const at = new Date('2027-01-01T00:00:00Z');
    for (const intermediate of anchors.certificates.filter((c) => !roots.includes(c))) {
      const onlyRoots = { certificates: roots };
      const check = verifyCertificateChain(intermediate, [], onlyRoots, at);
      // An intermediate's key usage is keyCertSign only: the chain is what matters here.
      expect(check, intermediate.subject).toEqual({ trusted: false, reason: 'not-for-signing' });
      expect(
        roots.some((r) => intermediate.checkIssued(r) && intermediate.verify(r.publicKey)),
      ).toBe(true);
    }
  });
});
