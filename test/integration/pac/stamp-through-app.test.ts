import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csdForSealing, putCsd } from '@sello/app/csd';
import { credentialsOf, pac } from '@sello/app/pac';
import { kmsClient, repositories } from '@sello/app/platform';
import { KmsSigner } from '@sello/aws';
import { PacRejectedError, PacUnavailableError, systemClock, ulidIds } from '@sello/core/ports';
import { provisionTenant } from '@sello/core/tenants';
import { buildCfdi, type Cfdi, readCfdi, sealCfdi } from '@sello/formats/cfdi';
import { describe, expect, it } from 'vitest';

/**
 * The chain CFDI issuing will use, composed as the functions compose it: the tenant's CSD in KMS
 * seals, and the stage's PAC (here the sandbox PAC through the SW Sapien adapter, its account read
 * from the local Secrets Manager) stamps and cancels.
 */
const CERTS = join(import.meta.dirname, '../../fixtures/schemas/cfdi/certs');

/** Mexico City's wall clock now, as `Fecha` is written. */
const mexicoNow = () => new Date(Date.now() - 6 * 3_600_000 - 60_000).toISOString().slice(0, 19);

async function tenantWithCsd() {
  const { tenant } = await provisionTenant({
    tenants: repositories().tenants,
    clock: systemClock,
    ids: ulidIds,
  })({
    name: 'ESCUELA KEMPER URGATE SA DE CV',
    taxId: 'EKU9003173C9',
    email: 'facturas@kemper.example.mx',
    language: 'es',
    timezone: 'America/Mexico_City',
    address: {
      line1: 'Av. Reforma 1',
      city: 'Ciudad de México',
      postalCode: '06600',
      country: 'MX',
    },
  });
  await putCsd()(tenant.id, {
    certificate: readFileSync(join(CERTS, 'EKU9003173C9.cer')).toString('base64'),
    key: readFileSync(join(CERTS, 'EKU9003173C9.key')).toString('base64'),
    password: '12345678a',
  });
  return tenant.id;
}

const traslado = {
  base: '100.00',
  impuesto: '002',
  tipoFactor: 'Tasa',
  tasaOCuota: '0.160000',
  importe: '16.00',
} as const;

const draft = (folio: string): Cfdi => ({
  serie: 'T',
  folio,
  fecha: mexicoNow(),
  formaPago: '01',
  noCertificado: '',
  subTotal: '100.00',
  moneda: 'MXN',
  total: '116.00',
  tipoDeComprobante: 'I',
  exportacion: '01',
  metodoPago: 'PUE',
  lugarExpedicion: '06600',
  emisor: { rfc: 'EKU9003173C9', nombre: 'ESCUELA KEMPER URGATE', regimenFiscal: '601' },
  receptor: {
    rfc: 'XAXX010101000',
    nombre: 'PUBLICO EN GENERAL',
    domicilioFiscalReceptor: '06600',
    regimenFiscalReceptor: '616',
    usoCFDI: 'S01',
  },
  conceptos: [
    {
      claveProdServ: '01010101',
      cantidad: '1',
      claveUnidad: 'ACT',
      descripcion: 'Venta',
      valorUnitario: '100.00',
      importe: '100.00',
      objetoImp: '02',
      traslados: [traslado],
    },
  ],
  impuestos: { totalImpuestosTrasladados: '16.00', traslados: [traslado] },
});

describe('sealing with the tenant’s CSD and stamping with the stage’s PAC', () => {
  it('stamps a CFDI sealed in KMS, and cancels it with reason 01 naming its replacement', async () => {
    const tenantId = await tenantWithCsd();
    const csd = await csdForSealing()(tenantId);
    const signer = new KmsSigner(kmsClient());
    const seal = async (folio: string) =>
      buildCfdi(
        await sealCfdi(
          draft(folio),
          signer,
          csd.keyId,
          Buffer.from(csd.certificateBase64, 'base64'),
        ),
      );

    const first = await pac().stamp(await seal('1'));
    expect(readCfdi(first.xml).timbre?.uuid).toBe(first.uuid);
    const replacement = await pac().stamp(await seal('2'));

    await expect(
      pac().cancel({ issuerRfc: 'EKU9003173C9', uuid: first.uuid, reason: '01' }),
    ).rejects.toMatchObject({ pacCode: '301', errors: [{ path: 'substitute' }] });
    const cancelled = await pac().cancel({
      issuerRfc: 'EKU9003173C9',
      uuid: first.uuid,
      reason: '01',
      substitute: replacement.uuid,
    });
    expect(cancelled.status).toBe('cancelled');
    const twice = pac().cancel({ issuerRfc: 'EKU9003173C9', uuid: first.uuid, reason: '02' });
    await expect(twice).rejects.toBeInstanceOf(PacRejectedError);
    await expect(twice).rejects.toMatchObject({ pacCode: '202' });
  });

  it('reads the PAC account from a secret of either shape, and refuses any other', () => {
    expect(credentialsOf('{"user":"u","password":"p"}', 's')).toEqual({ user: 'u', password: 'p' });
    expect(credentialsOf('{"token":"t"}', 's')).toEqual({ token: 't' });
    expect(() => credentialsOf('{"user":"u"}', 's')).toThrow(PacUnavailableError);
    expect(() => credentialsOf('user=u', 's')).toThrow(/not JSON/);
  });
});
