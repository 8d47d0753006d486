import { verify, X509Certificate } from 'node:crypto';
import {
  buildCfdi,
  type Cfdi,
  cadenaOriginal,
  cadenaOriginalTimbre,
  readCfdi,
  sealCfdi,
} from '@sello/formats/cfdi';
import { SoftwareSigner } from '@sello/signing';
import { afterAll, describe, expect, it } from 'vitest';
import { CASES } from './fixtures.ts';
import { sampleCfdi, satCadena, scratch, testCsd, validateCfdi } from './support.ts';

const csd = testCsd();
const signer = new SoftwareSigner(csd.privateKey, 'csd');
const files = scratch();
afterAll(() => files.remove());

const verifies = (cadena: string, sello: string, certificate: Uint8Array) =>
  verify(
    'sha256',
    Buffer.from(cadena, 'utf8'),
    new X509Certificate(certificate).publicKey,
    Buffer.from(sello, 'base64'),
  );

describe('CFDI 4.0 as SAT reads it', () => {
  for (const [name, draft] of Object.entries(CASES)) {
    it(`${name}: valid against cfdv40.xsd, its cadena SAT's, its seal verifies`, async () => {
      const sealed = await sealCfdi(draft, signer, 'csd', csd.certificate);
      const xml = buildCfdi(sealed);
      const file = files.file(xml);

      const schema = validateCfdi(file);
      expect(schema.output).toContain('validates');
      expect(schema.status).toBe(0);

      const cadena = satCadena(file);
      expect(cadenaOriginal(sealed)).toBe(cadena);
      expect(sealed.noCertificado).toBe('30001000000500003416');
      expect(verifies(cadena, sealed.sello!, csd.certificate)).toBe(true);

      // What a PAC reads back is what was written: the same cadena, the same bytes.
      const read = readCfdi(xml);
      expect(cadenaOriginal(read)).toBe(cadena);
      expect(buildCfdi(read)).toBe(xml);
    });
  }

  it('writes an optional attribute that is present but empty, as SAT does (cadena only)', () => {
    const draft = CASES['a global invoice of the month’s tickets to the general public']!;
    const withEmpty: Cfdi = { ...draft, condicionesDePago: '', confirmacion: ' ' };
    const cadena = satCadena(files.file(buildCfdi(withEmpty)));
    // FormaPago 01, then the empty NoCertificado (required) and CondicionesDePago (present).
    expect(cadena).toContain('|01|||300.00|');
    expect(cadena).toContain('|44100||04|');
    expect(cadenaOriginal(withEmpty)).toBe(cadena);
  });

  it('fails the schema when a required attribute is missing', async () => {
    const draft = CASES['a global invoice of the month’s tickets to the general public']!;
    const sealed = await sealCfdi(draft, signer, 'csd', csd.certificate);
    const xml = buildCfdi(sealed).replace(/ UsoCFDI="S01"/, '');
    const schema = validateCfdi(files.file(xml));
    expect(schema.status).not.toBe(0);
    expect(schema.output).toContain('UsoCFDI');
  });
});

describe("SAT's stamped sample (eclipxe13/CfdiUtils, sealed with SAT's test CSD)", () => {
  const xml = sampleCfdi();
  const sample = readCfdi(xml);

  it('gives the cadena xsltproc gives, and the published Sello verifies over it', () => {
    const cadena = satCadena(files.file(xml));
    expect(cadenaOriginal(sample)).toBe(cadena);
    expect(verifies(cadena, sample.sello!, csd.certificate)).toBe(true);
  });

  it('is sealed again to the published Sello, byte for byte (PKCS#1 v1.5 is deterministic)', async () => {
    const resealed = await sealCfdi(
      { ...sample, sello: undefined },
      signer,
      'csd',
      csd.certificate,
    );
    expect(resealed.noCertificado).toBe(sample.noCertificado);
    expect(resealed.certificado).toBe(sample.certificado);
    expect(resealed.sello).toBe(sample.sello);
  });

  it("reads the PAC's stamp, whose cadena is SAT's and whose SelloSAT verifies", () => {
    const stamp = sample.timbre!;
    expect(stamp.uuid).toBe('6F35D3B5-3651-5370-BC2C-14CDBE384CD7');
    expect(stamp.selloCFD).toBe(sample.sello);
    const element = /<tfd:TimbreFiscalDigital[^>]*\/>/
      .exec(xml)![0]
      .replace('xmlns:tfd=', 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:tfd=');
    const cadena = satCadena(files.file(element), true);
    expect(cadenaOriginalTimbre(stamp)).toBe(cadena);
    expect(verifies(cadena, stamp.selloSAT, csd.satCertificate)).toBe(true);
  });
});
