import { type BillingRecord, computeHuella, type RegistroAlta } from '@sello/core/verifactu';
import {
  regFactuSistemaFacturacionXml,
  registroAltaXml,
  registroAnulacionXml,
  soapEnvelope,
} from '@sello/formats/verifactu';
import { afterAll, describe, expect, it } from 'vitest';
import { buildChain, OBLIGADO } from './fixtures.ts';
import { parseXml, readRequest, SCHEMA, scratch, xmllint } from './support.ts';

/** AEAT's schemas (SuministroLR.xsd, SuministroInformacion.xsd v1.0) as the oracle, via xmllint. */
const files = scratch();
afterAll(() => files.remove());

const records = buildChain();
const request = regFactuSistemaFacturacionXml({ obligado: OBLIGADO, records });

const validates = (schema: string, name: string, xml: string) => {
  const result = xmllint(schema, files.file(name, xml));
  expect(result.output).toContain('validates');
  expect(result.status).toBe(0);
};

describe('RegFactuSistemaFacturacion against the AEAT schema', () => {
  it('validates a chained request with every kind of record we generate', () => {
    expect(records.map((r) => (r.kind === 'alta' ? r.TipoFactura : 'anulación'))).toEqual([
      'F1',
      'F1',
      'F1',
      'F1',
      'F1',
      'F1',
      'anulación',
      'R1',
      'R1',
      'R2',
    ]);
    validates(SCHEMA.request, 'request.xml', request);
  });

  it('validates each record on its own', () => {
    for (const [i, record] of records.entries()) {
      const xml = record.kind === 'alta' ? registroAltaXml(record) : registroAnulacionXml(record);
      expect(parseXml(xml).localName).toBe(
        record.kind === 'alta' ? 'RegistroAlta' : 'RegistroAnulacion',
      );
      validates(SCHEMA.record, `record-${i}.xml`, xml);
    }
  });

  it('validates the SOAP message, with the request as the body element', () => {
    const soap = soapEnvelope(request);
    validates(SCHEMA.soap, 'soap.xml', soap);
    const envelope = parseXml(soap);
    expect(envelope.localName).toBe('Envelope');
    // The Body is lax in the SOAP schema, so check its child by name as well.
    expect(soap).toMatch(/<soapenv:Body><sum:RegFactuSistemaFacturacion /);
  });

  it('opens the chain with PrimerRegistro S and links every later record', () => {
    expect(request.match(/<sum1:PrimerRegistro>S<\/sum1:PrimerRegistro>/g)).toHaveLength(1);
    expect(request.match(/<sum1:RegistroAnterior>/g)).toHaveLength(records.length - 1);
  });

  it('takes up to 1,000 records and refuses more', () => {
    const many: BillingRecord[] = Array.from({ length: 1000 }, (_, i) => records[i % 10]!);
    validates(
      SCHEMA.request,
      'thousand.xml',
      regFactuSistemaFacturacionXml({ obligado: OBLIGADO, records: many }),
    );
    expect(() =>
      regFactuSistemaFacturacionXml({ obligado: OBLIGADO, records: [...many, records[0]!] }),
    ).toThrow(/1 to 1000/);
    expect(() => regFactuSistemaFacturacionXml({ obligado: OBLIGADO, records: [] })).toThrow();
  });

  it("refuses records of another taxpayer than the Cabecera's", () => {
    expect(() =>
      regFactuSistemaFacturacionXml({
        obligado: { NombreRazon: 'Otra S.L.', NIF: 'B00000000' },
        records,
      }),
    ).toThrow(/not to the obligado B00000000/);
  });

  it('escapes text for the XML and reads it back as the very strings of the record', () => {
    expect(request).toContain('Sello Demo Servicios &amp; Cía S.L.');
    expect(request).toContain('Ultramarinos López &lt;Hnos&gt;');
    const back = readRequest(request);
    expect(back.obligado).toEqual(OBLIGADO);
    expect(back.records.map((r) => r.record)).toEqual(records);
    expect(back.records.every((r) => r.extra.length === 0)).toBe(true);
  });
});

describe('corrections (subsanación) against the AEAT schema', () => {
  // The chain's F1 altas corrected the three ways AEAT's annex 6.1 allows, chained after it.
  const corrected = records.filter((r): r is RegistroAlta => r.kind === 'alta').slice(0, 3);
  const flags: Array<Pick<RegistroAlta, 'Subsanacion' | 'RechazoPrevio'>> = [
    { Subsanacion: 'S', RechazoPrevio: 'X' },
    { Subsanacion: 'S', RechazoPrevio: 'S' },
    { Subsanacion: 'S' },
  ];
  let previous = records.at(-1)!;
  const corrections = corrected.map((alta, i) => {
    const { Subsanacion: _s, RechazoPrevio: _r, ...rest } = alta;
    const record: RegistroAlta = {
      ...rest,
      ...flags[i],
      RegistroAnterior: {
        IDEmisorFactura:
          previous.kind === 'alta'
            ? previous.IDFactura.IDEmisorFactura
            : previous.IDFactura.IDEmisorFacturaAnulada,
        NumSerieFactura:
          previous.kind === 'alta'
            ? previous.IDFactura.NumSerieFactura
            : previous.IDFactura.NumSerieFacturaAnulada,
        FechaExpedicionFactura:
          previous.kind === 'alta'
            ? previous.IDFactura.FechaExpedicionFactura
            : previous.IDFactura.FechaExpedicionFacturaAnulada,
        Huella: previous.Huella,
      },
      Huella: '',
    };
    record.Huella = computeHuella(record);
    previous = record;
    return record;
  });
  const xml = regFactuSistemaFacturacionXml({ obligado: OBLIGADO, records: corrections });

  it('validates, with Subsanacion and RechazoPrevio between NombreRazonEmisor and TipoFactura', () => {
    validates(SCHEMA.request, 'corrections.xml', xml);
    expect(xml).toMatch(
      /<\/sum1:NombreRazonEmisor><sum1:Subsanacion>S<\/sum1:Subsanacion><sum1:RechazoPrevio>X<\/sum1:RechazoPrevio><sum1:TipoFactura>/,
    );
    expect(xml).toMatch(
      /<\/sum1:NombreRazonEmisor><sum1:Subsanacion>S<\/sum1:Subsanacion><sum1:TipoFactura>/,
    );
  });

  it('reads back as the very records, flags included, the huella unchanged by them', () => {
    const back = readRequest(xml);
    expect(back.records.map((r) => r.record)).toEqual(corrections);
    expect(back.records.every((r) => r.extra.length === 0)).toBe(true);
    // The huella covers the same fields as any alta's: the flags are not part of it.
    const [first] = corrections;
    expect(computeHuella({ ...first!, Subsanacion: undefined, RechazoPrevio: undefined })).toBe(
      first!.Huella,
    );
  });
});

describe('what the schema rejects', () => {
  const alta = records[0] as RegistroAlta;

  it('a wrong TipoFactura', () => {
    const xml = registroAltaXml({ ...alta, TipoFactura: 'F9' as RegistroAlta['TipoFactura'] });
    const result = xmllint(SCHEMA.record, files.file('wrong-tipo.xml', xml));
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("The value 'F9' is not an element of the set");
  });

  it('a missing Huella (which the writer itself also refuses)', () => {
    const xml = request.replace(
      /<sum1:Huella>[0-9A-F]{64}<\/sum1:Huella><\/sum1:RegistroAlta>/,
      '</sum1:RegistroAlta>',
    );
    expect(xml).not.toBe(request);
    const result = xmllint(SCHEMA.request, files.file('no-huella.xml', xml));
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/Missing child element\(s\)\. Expected is .*Huella/);
    expect(() => registroAltaXml({ ...alta, Huella: '' })).toThrow(/no valid huella/);
  });

  it('an element out of the XSD order', () => {
    const xml = request.replace(
      /(<sum1:CuotaTotal>[^<]*<\/sum1:CuotaTotal>)(<sum1:ImporteTotal>[^<]*<\/sum1:ImporteTotal>)/,
      '$2$1',
    );
    expect(xml).not.toBe(request);
    expect(xmllint(SCHEMA.request, files.file('order.xml', xml)).status).not.toBe(0);
  });
});
