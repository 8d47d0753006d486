import { generateKeyPairSync, verify } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCfdi, type Cfdi, readCfdi, sealCfdi } from '@sello/formats/cfdi';
import {
  CANCEL_ERRORS,
  JsonLinesPacJournal,
  PAC_ERRORS,
  SandboxPac,
  sandboxPacIdentity,
} from '@sello/local/pac';
import { SoftwareSigner } from '@sello/signing';
import forge from 'node-forge';
import { afterAll, describe, expect, it } from 'vitest';
import { iva, PUBLIC_SALE } from './fixtures.ts';
import { satCadena, scratch, testCsd, validateCfdi } from './support.ts';

const csd = testCsd();
const signer = new SoftwareSigner(csd.privateKey, 'csd');
const files = scratch();
afterAll(() => files.remove());

const NOW = new Date('2026-12-07T18:00:00Z'); // 12:00 in Mexico City
const pac = () => new SandboxPac(sandboxPacIdentity(), () => NOW);

const DRAFT: Cfdi = PUBLIC_SALE;

const sealed = async (changes: Partial<Cfdi> = {}) =>
  buildCfdi(await sealCfdi({ ...DRAFT, ...changes }, signer, 'csd', csd.certificate));

const refusal = (result: ReturnType<SandboxPac['stamp']>) =>
  result.ok ? 'stamped' : result.error.code;

/**
 * A certificate of SAT's shape (number, RFC) with a branch (a CSD) or without (an e.firma), or
 * one of no SAT shape at all (no RFC).
 */
function satShaped(branch?: string, rfc = 'EKU9003173C9 / VADA800927DJ3') {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(
    privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
  ) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = Buffer.from('30001000000500009998').toString('hex');
  const subject = [
    { shortName: 'CN', value: 'PRUEBA' },
    ...(rfc ? [{ type: '2.5.4.45', value: rfc }] : []),
    ...(branch ? [{ shortName: 'OU', value: branch }] : []),
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.validity.notAfter = new Date('2030-01-01T00:00:00Z');
  cert.sign(key, forge.md.sha256.create());
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
}

describe('the sandbox PAC', () => {
  it('stamps a sealed CFDI: valid against the schemas, the stamp’s cadena SAT’s, SelloSAT verifies', async () => {
    const xml = await sealed();
    const result = pac().stamp(xml);
    if (!result.ok) throw new Error(`refused: ${result.error.code} ${result.error.detail}`);
    const { timbre } = result;
    expect(timbre.uuid).toMatch(
      /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/,
    );
    expect(timbre.fechaTimbrado).toBe('2026-12-07T12:00:00');
    expect(timbre.selloCFD).toBe(readCfdi(xml).sello);

    const stampedFile = files.file(result.xml);
    expect(validateCfdi(stampedFile).output).toContain('validates');
    // The issuer's document is unchanged: the same cadena, its bytes kept around the stamp.
    expect(satCadena(stampedFile)).toBe(satCadena(files.file(xml)));
    expect(result.xml.startsWith(xml.slice(0, xml.lastIndexOf('</cfdi:Comprobante>')))).toBe(true);

    const element = /<tfd:TimbreFiscalDigital[^>]*\/>/
      .exec(result.xml)![0]
      .replace('xmlns:tfd=', 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:tfd=');
    const cadena = satCadena(files.file(element), true);
    expect(cadena).toContain(`|${timbre.uuid}|2026-12-07T12:00:00|SSP260101AA1|`);
    const pacCertificate = sandboxPacIdentity().certificate;
    expect(
      verify(
        'sha256',
        Buffer.from(cadena, 'utf8'),
        pacCertificate.publicKey,
        Buffer.from(timbre.selloSAT, 'base64'),
      ),
    ).toBe(true);
    expect(timbre.noCertificadoSAT).toBe('30001000000900000001');
  });

  it('answers a document sent again with its first stamp, so a lost answer is retried safely', async () => {
    const sandbox = pac();
    const xml = await sealed();
    const first = sandbox.stamp(xml);
    const again = sandbox.stamp(xml);
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.previously).toBe(true);
    expect(again.timbre.uuid).toBe(first.timbre.uuid);
    expect(again.xml).toBe(first.xml);
    // A stamped document itself is refused: it carries a stamp.
    expect(refusal(sandbox.stamp(first.xml))).toBe(PAC_ERRORS.stamped.code);
  });

  it('refuses with SAT’s codes what a PAC refuses, stamping nothing', async () => {
    const sandbox = pac();
    expect(refusal(sandbox.stamp('not xml'))).toBe('301');
    expect(refusal(sandbox.stamp((await sealed()).replace(' UsoCFDI="S01"', '')))).toBe('301');
    // Changed after sealing.
    expect(
      refusal(sandbox.stamp((await sealed()).replace('Total="116.00"', 'Total="1160.00"'))),
    ).toBe('302');
    // Sealed with EKU9003173C9's CSD in the name of another issuer.
    expect(
      refusal(sandbox.stamp(await sealed({ emisor: { ...DRAFT.emisor, rfc: 'PRU010101AA1' } }))),
    ).toBe('303');
    // Dated after the CSD expires (2027-05-18), stamped then.
    const later = new SandboxPac(sandboxPacIdentity(), () => new Date('2027-06-01T18:00:00Z'));
    expect(refusal(later.stamp(await sealed({ fecha: '2027-06-01T11:00:00' })))).toBe('305');
    // Dated more than 72 hours ago, or ahead of the clock.
    expect(refusal(sandbox.stamp(await sealed({ fecha: '2026-12-03T11:00:00' })))).toBe('401');
    expect(refusal(sandbox.stamp(await sealed({ fecha: '2026-12-08T11:00:00' })))).toBe('401');

    const xml = await sealed();
    const withCertificate = (der: Buffer) =>
      xml
        .replace(/ Certificado="[^"]*"/, ` Certificado="${der.toString('base64')}"`)
        .replace(/NoCertificado="[^"]*"/, 'NoCertificado="30001000000500009998"');
    expect(refusal(sandbox.stamp(withCertificate(satShaped())))).toBe('306');
    expect(refusal(sandbox.stamp(withCertificate(satShaped('Sucursal 1', ''))))).toBe('308');
    // A CSD, but not the one that made the seal.
    expect(refusal(sandbox.stamp(withCertificate(satShaped('Sucursal 1'))))).toBe('302');
  });
});

describe('cancelling with the sandbox PAC', () => {
  /** A sandbox whose clock the test moves, and a CFDI it stamped. */
  async function stamped(changes: Partial<Cfdi> = {}, sandbox = pac()) {
    const result = sandbox.stamp(await sealed(changes));
    if (!result.ok) throw new Error(`refused: ${result.error.code} ${result.error.detail}`);
    return result.timbre.uuid;
  }
  const cancelRefusal = (result: ReturnType<SandboxPac['cancel']>) =>
    result.ok ? 'cancelled' : result.error.code;
  const ISSUER = 'EKU9003173C9';

  it('cancels with reasons 02, 03 and 04 at once for the público en general; twice is 202', async () => {
    const sandbox = pac();
    for (const reason of ['02', '03', '04'] as const) {
      const uuid = await stamped({ folio: `C${reason}` }, sandbox);
      const result = sandbox.cancel({ issuerRfc: ISSUER, uuid, reason });
      expect(result).toEqual({ ok: true, reason, status: 'cancelled', at: NOW.toISOString() });
      expect(cancelRefusal(sandbox.cancel({ issuerRfc: ISSUER, uuid, reason }))).toBe(
        CANCEL_ERRORS.previously.code,
      );
    }
  });

  it('takes reason 01 only with another stamped CFDI of the issuer as its substitute', async () => {
    const sandbox = pac();
    const old = await stamped({ folio: 'OLD' }, sandbox);
    const replacement = await stamped({ folio: 'NEW' }, sandbox);
    const noSubstitute = sandbox.cancel({ issuerRfc: ISSUER, uuid: old, reason: '01' });
    expect(noSubstitute).toMatchObject({ ok: false, error: { code: '301', field: 'substitute' } });
    const unknownSubstitute = sandbox.cancel({
      issuerRfc: ISSUER,
      uuid: old,
      reason: '01',
      substitute: '6B0D38E6-0D54-4C5A-9C52-6E0B5A1A1A1A',
    });
    expect(cancelRefusal(unknownSubstitute)).toBe('301');
    expect(
      cancelRefusal(
        sandbox.cancel({ issuerRfc: ISSUER, uuid: old, reason: '01', substitute: old }),
      ),
    ).toBe('301');
    // A substitute goes only with 01.
    expect(
      cancelRefusal(
        sandbox.cancel({ issuerRfc: ISSUER, uuid: old, reason: '02', substitute: replacement }),
      ),
    ).toBe('301');
    const done = sandbox.cancel({
      issuerRfc: ISSUER,
      uuid: old.toLowerCase(),
      reason: '01',
      substitute: replacement.toLowerCase(),
    });
    expect(done).toEqual({
      ok: true,
      reason: '01',
      substitute: replacement,
      status: 'cancelled',
      at: NOW.toISOString(),
    });
  });

  it('answers 205 for a UUID it never stamped and 203 for another issuer’s', async () => {
    const sandbox = pac();
    const uuid = await stamped({}, sandbox);
    expect(
      cancelRefusal(
        sandbox.cancel({
          issuerRfc: ISSUER,
          uuid: '6B0D38E6-0D54-4C5A-9C52-6E0B5A1A1A1A',
          reason: '02',
        }),
      ),
    ).toBe('205');
    expect(cancelRefusal(sandbox.cancel({ issuerRfc: 'PRU010101AA1', uuid, reason: '02' }))).toBe(
      '203',
    );
  });

  it('leaves it pending the receptor’s acceptance when no exception applies', async () => {
    let now = NOW;
    const sandbox = new SandboxPac(sandboxPacIdentity(), () => now);
    const named = {
      receptor: {
        rfc: 'MCI7306249Y1',
        nombre: 'MI CLIENTE',
        domicilioFiscalReceptor: '06600',
        regimenFiscalReceptor: '601',
        usoCFDI: 'G03',
      },
      subTotal: '2000.00',
      total: '2320.00',
      conceptos: [
        {
          ...DRAFT.conceptos[0]!,
          valorUnitario: '2000.00',
          importe: '2000.00',
          traslados: [iva('0.160000', '2000.00', '320.00')],
        },
      ],
      impuestos: {
        totalImpuestosTrasladados: '320.00',
        traslados: [iva('0.160000', '2000.00', '320.00')],
      },
    };
    const early = await stamped({ ...named, folio: 'P1' }, sandbox);
    const late = await stamped({ ...named, folio: 'P2' }, sandbox);
    // The day after the stamp: still without acceptance.
    now = new Date('2026-12-08T23:00:00Z');
    expect(sandbox.cancel({ issuerRfc: ISSUER, uuid: early, reason: '02' })).toMatchObject({
      status: 'cancelled',
    });
    // Two days later: the receptor must accept; asking again answers the same.
    now = new Date('2026-12-09T18:00:00Z');
    const pending = sandbox.cancel({ issuerRfc: ISSUER, uuid: late, reason: '02' });
    expect(pending).toMatchObject({ ok: true, status: 'pending' });
    expect(sandbox.cancel({ issuerRfc: ISSUER, uuid: late, reason: '02' })).toEqual(pending);
  });

  it('keeps its stamps and cancellations in its journal across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sello-pac-'));
    try {
      const path = join(dir, 'pac', 'stamps.jsonl');
      const first = new SandboxPac(sandboxPacIdentity(), () => NOW, new JsonLinesPacJournal(path));
      const xml = await sealed({ folio: 'J1' });
      const stamp = first.stamp(xml);
      if (!stamp.ok) throw new Error('refused');
      const other = await stamped({ folio: 'J2' }, first);
      expect(first.cancel({ issuerRfc: ISSUER, uuid: other, reason: '03' }).ok).toBe(true);
      appendFileSync(path, '{"uuid": "torn'); // a write cut short by a kill

      const restarted = new SandboxPac(
        sandboxPacIdentity(),
        () => NOW,
        new JsonLinesPacJournal(path),
      );
      const again = restarted.stamp(xml);
      expect(again.ok && again.previously && again.timbre.uuid).toBe(stamp.timbre.uuid);
      expect(
        cancelRefusal(restarted.cancel({ issuerRfc: ISSUER, uuid: other, reason: '03' })),
      ).toBe('202');
      expect(
        restarted.cancel({ issuerRfc: ISSUER, uuid: stamp.timbre.uuid, reason: '02' }).ok,
      ).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
