import { verify, X509Certificate } from 'node:crypto';
import {
  buildCfdi,
  cadenaOriginal,
  type GlobalInvoice,
  globalCfdi,
  globalPeriod,
  readCfdi,
  sealCfdi,
} from '@sello/formats/cfdi';
import { SandboxPac, sandboxPacIdentity } from '@sello/local/pac';
import { SoftwareSigner } from '@sello/signing';
import { afterAll, describe, expect, it } from 'vitest';
import { iva } from './fixtures.ts';
import { satCadena, scratch, testCsd, validateCfdi } from './support.ts';

const csd = testCsd();
const signer = new SoftwareSigner(csd.privateKey, 'csd');
const files = scratch();
afterAll(() => files.remove());

const exento = (base: string) => ({ base, impuesto: '002', tipoFactor: 'Exento' as const });

/** November's unclaimed tickets of a shop in Guadalajara. */
const NOVEMBER: GlobalInvoice = {
  serie: 'G',
  folio: '11',
  fecha: '2026-12-01T09:00:00',
  emisor: { rfc: 'EKU9003173C9', nombre: 'ESCUELA KEMPER URGATE', regimenFiscal: '601' },
  lugarExpedicion: '44100',
  moneda: 'MXN',
  formaPago: '01',
  period: globalPeriod('04', 2026, 11),
  sales: [
    {
      reference: 'T-0001',
      subtotal: '100.00',
      taxObject: '02',
      traslados: [iva('0.160000', '100.00', '16.00')],
    },
    {
      reference: 'T-0002',
      subtotal: '43.10',
      taxObject: '02',
      traslados: [iva('0.160000', '43.10', '6.90')],
    },
    {
      reference: 'T-0003',
      subtotal: '25.00',
      taxObject: '02',
      traslados: [iva('0.000000', '25.00', '0.00')],
    },
    {
      reference: 'T-0004',
      subtotal: '80.00',
      discount: '8.00',
      taxObject: '02',
      traslados: [exento('72.00')],
    },
    { reference: 'T-0005', subtotal: '12.00', taxObject: '01' },
  ],
};

async function sealedXml(input: GlobalInvoice) {
  const sealed = await sealCfdi(globalCfdi(input), signer, 'csd', csd.certificate);
  return { sealed, xml: buildCfdi(sealed) };
}

describe('the factura global', () => {
  it('is valid against cfdv40.xsd, its cadena SAT’s, its seal verifies', async () => {
    const { sealed, xml } = await sealedXml(NOVEMBER);
    const file = files.file(xml);
    expect(validateCfdi(file).output).toContain('validates');
    const cadena = satCadena(file);
    expect(cadenaOriginal(sealed)).toBe(cadena);
    const key = new X509Certificate(csd.certificate).publicKey;
    expect(verify('sha256', Buffer.from(cadena), key, Buffer.from(sealed.sello!, 'base64'))).toBe(
      true,
    );
  });

  it('goes to the general public with the period and one concept per ticket', () => {
    const cfdi = globalCfdi(NOVEMBER);
    expect(cfdi.receptor).toEqual({
      rfc: 'XAXX010101000',
      nombre: 'PUBLICO EN GENERAL',
      domicilioFiscalReceptor: '44100',
      regimenFiscalReceptor: '616',
      usoCFDI: 'S01',
    });
    expect(cfdi.informacionGlobal).toEqual({ periodicidad: '04', meses: '11', año: '2026' });
    expect(cfdi.conceptos.map((c) => c.noIdentificacion)).toEqual([
      'T-0001',
      'T-0002',
      'T-0003',
      'T-0004',
      'T-0005',
    ]);
    expect(
      cfdi.conceptos.every((c) => c.claveProdServ === '01010101' && c.claveUnidad === 'ACT'),
    ).toBe(true);
  });

  it('adds up as Anexo 20 does: charges by tax and rate, exempt bases apart, discounts off the total', () => {
    const cfdi = globalCfdi(NOVEMBER);
    expect(cfdi.subTotal).toBe('260.10');
    expect(cfdi.descuento).toBe('8.00');
    expect(cfdi.impuestos).toEqual({
      totalImpuestosTrasladados: '22.90',
      traslados: [
        iva('0.160000', '143.10', '22.90'),
        iva('0.000000', '25.00', '0.00'),
        exento('72.00'),
      ],
    });
    // 260.10 − 8.00 + 22.90
    expect(cfdi.total).toBe('275.00');
  });

  it('names the globals it replaces, and writes two-month periods as SAT numbers them', async () => {
    const replaced = '6F35D3B5-3651-5370-BC2C-14CDBE384CD7';
    const { xml } = await sealedXml({
      ...NOVEMBER,
      period: globalPeriod('05', 2026, 12),
      replaces: [replaced],
    });
    expect(validateCfdi(files.file(xml)).output).toContain('validates');
    const read = readCfdi(xml);
    expect(read.cfdiRelacionados).toEqual([{ tipoRelacion: '04', uuids: [replaced] }]);
    expect(read.informacionGlobal).toEqual({ periodicidad: '05', meses: '18', año: '2026' });
    expect(globalPeriod('05', 2026, 1).meses).toBe('13');
    expect(globalPeriod('01', 2026, 3).meses).toBe('03');
  });

  it('is stamped by the sandbox PAC', async () => {
    const { xml } = await sealedXml(NOVEMBER);
    const pac = new SandboxPac(sandboxPacIdentity(), () => new Date('2026-12-01T16:00:00Z'));
    const result = pac.stamp(xml);
    expect(result.ok ? 'stamped' : result.error.code).toBe('stamped');
  });
});
