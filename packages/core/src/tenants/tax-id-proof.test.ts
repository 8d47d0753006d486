import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { certificateHeldBy, certificateHolderTaxIds } from './tax-id-proof.ts';

const dir = mkdtempSync(join(tmpdir(), 'sello-holder-'));

/** A self-signed certificate with this subject, made by openssl (the test needs only its names). */
function certificate(subject: string): string {
  return execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      join(dir, 'key.pem'),
      '-days',
      '1',
      '-subj',
      subject,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
}

const company = { taxId: 'B12345674', address: { country: 'ES' } };
const person = { taxId: '12345678Z', address: { country: 'ES' } };

describe('the holder of a certificate', () => {
  it('is the organisation of a representative certificate, and the representative', () => {
    const pem = certificate(
      '/C=ES/organizationIdentifier=VATES-B12345674/serialNumber=IDCES-12345678Z/CN=REPRESENTANTE',
    );
    expect(certificateHolderTaxIds(pem)).toEqual([
      { taxId: 'B12345674', country: 'ES' },
      { taxId: '12345678Z', country: 'ES' },
    ]);
    expect(certificateHeldBy(company, pem)).toBe(true);
    expect(certificateHeldBy(person, pem)).toBe(true);
  });

  it('is a person by the bare NIF of older certificates', () => {
    const pem = certificate('/C=ES/serialNumber=12345678Z/CN=GARCIA PEREZ ANA');
    expect(certificateHeldBy(person, pem)).toBe(true);
    expect(certificateHeldBy(company, pem)).toBe(false);
  });

  it('is nobody for a name without a valid tax id, or one of another country', () => {
    expect(certificateHolderTaxIds(certificate('/C=ES/O=Sello/CN=Sin NIF'))).toEqual([]);
    expect(
      certificateHeldBy(company, certificate('/C=ES/serialNumber=IDCES-B12345670/CN=Mal')),
    ).toBe(false);
    const portuguese = certificate('/C=PT/organizationIdentifier=VATPT-B12345674/CN=Outro');
    expect(certificateHeldBy(company, portuguese)).toBe(false);
  });
});
