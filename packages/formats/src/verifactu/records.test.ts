import {
  type RegistroAlta,
  type RegistroAnulacion,
  type SistemaInformatico,
  UnsendableRecord,
} from '@sello/core/verifactu';
import { describe, expect, it } from 'vitest';
import { registroAltaXml, registroAnulacionXml, VERIFACTU_NS } from './records.ts';
import { regFactuSistemaFacturacionXml, soapEnvelope } from './request.ts';

const SYSTEM: SistemaInformatico = {
  NombreRazon: 'Sello Software S.L.',
  NIF: 'B87654321',
  NombreSistemaInformatico: 'Sello',
  IdSistemaInformatico: 'SE',
  Version: '0.1.0',
  NumeroInstalacion: '1',
  TipoUsoPosibleSoloVerifactu: 'S',
  TipoUsoPosibleMultiOT: 'S',
  IndicadorMultiplesOT: 'S',
};
const HUELLA = 'F7B94CFD8924EDFF273501B01EE5153E4CE8F259766F88CF6ACB8935802A2B97';

const alta: RegistroAlta = {
  kind: 'alta',
  IDVersion: '1.0',
  IDFactura: {
    IDEmisorFactura: 'B12345674',
    NumSerieFactura: 'R&D-1',
    FechaExpedicionFactura: '02-04-2026',
  },
  NombreRazonEmisor: 'Ferretería <La Llave> & Cía',
  TipoFactura: 'R1',
  TipoRectificativa: 'S',
  FacturasRectificadas: [
    { IDEmisorFactura: 'B12345674', NumSerieFactura: 'F-1', FechaExpedicionFactura: '16-03-2026' },
  ],
  ImporteRectificacion: { BaseRectificada: '100.00', CuotaRectificada: '21.00' },
  DescripcionOperacion: 'Sustituye F-1',
  Destinatarios: [
    { NombreRazon: 'Client', IDOtro: { CodigoPais: 'FR', IDType: '02', ID: 'FR40303265045' } },
  ],
  Desglose: [
    {
      Impuesto: '01',
      ClaveRegimen: '01',
      OperacionExenta: 'E5',
      BaseImponibleOimporteNoSujeto: '90.00',
    },
  ],
  CuotaTotal: '0.00',
  ImporteTotal: '90.00',
  SistemaInformatico: SYSTEM,
  FechaHoraHusoGenRegistro: '2026-04-02T10:00:00+02:00',
  TipoHuella: '01',
  Huella: HUELLA,
};

const anulacion: RegistroAnulacion = {
  kind: 'anulacion',
  IDVersion: '1.0',
  IDFactura: {
    IDEmisorFacturaAnulada: 'B12345674',
    NumSerieFacturaAnulada: 'F-2',
    FechaExpedicionFacturaAnulada: '16-03-2026',
  },
  RegistroAnterior: {
    IDEmisorFactura: 'B12345674',
    NumSerieFactura: 'R&D-1',
    FechaExpedicionFactura: '02-04-2026',
    Huella: HUELLA,
  },
  SistemaInformatico: SYSTEM,
  FechaHoraHusoGenRegistro: '2026-04-02T11:00:00+02:00',
  TipoHuella: '01',
  Huella: HUELLA,
};

/** Local names of the children of the first `<sum1:name>`, in document order. */
const childrenOf = (xml: string, name: string) => {
  const body = xml.slice(xml.indexOf(`<sum1:${name}`));
  const inner = body.slice(body.indexOf('>') + 1, body.indexOf(`</sum1:${name}>`));
  const names: string[] = [];
  let depth = 0;
  for (const [, close, tag, self] of inner.matchAll(/<(\/?)sum1:(\w+)[^>]*?(\/?)>/g)) {
    if (close) depth--;
    else {
      if (depth === 0) names.push(tag!);
      if (!self) depth++;
    }
  }
  return names;
};

describe('registroAltaXml', () => {
  const xml = registroAltaXml(alta);

  it('is a document whose root is sum1:RegistroAlta in the AEAT namespace', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><sum1:RegistroAlta ')).toBe(true);
    expect(xml).toContain(`xmlns:sum1="${VERIFACTU_NS.sum1}"`);
  });

  it('writes the children in the order of the XSD sequence', () => {
    expect(childrenOf(xml, 'RegistroAlta')).toEqual([
      'IDVersion',
      'IDFactura',
      'NombreRazonEmisor',
      'TipoFactura',
      'TipoRectificativa',
      'FacturasRectificadas',
      'ImporteRectificacion',
      'DescripcionOperacion',
      'Destinatarios',
      'Desglose',
      'CuotaTotal',
      'ImporteTotal',
      'Encadenamiento',
      'SistemaInformatico',
      'FechaHoraHusoGenRegistro',
      'TipoHuella',
      'Huella',
    ]);
    expect(childrenOf(xml, 'DetalleDesglose')).toEqual([
      'Impuesto',
      'ClaveRegimen',
      'OperacionExenta',
      'BaseImponibleOimporteNoSujeto',
    ]);
    expect(childrenOf(xml, 'IDOtro')).toEqual(['CodigoPais', 'IDType', 'ID']);
  });

  it('marks the first record of a chain with PrimerRegistro S', () => {
    expect(xml).toContain(
      '<sum1:Encadenamiento><sum1:PrimerRegistro>S</sum1:PrimerRegistro></sum1:Encadenamiento>',
    );
  });

  it('escapes & and < in text', () => {
    expect(xml).toContain('<sum1:NumSerieFactura>R&amp;D-1</sum1:NumSerieFactura>');
    expect(xml).toContain('Ferretería &lt;La Llave&gt; &amp; Cía');
  });

  it('refuses a record without a valid huella', () => {
    expect(() => registroAltaXml({ ...alta, Huella: '' })).toThrow(/huella/);
    expect(() => registroAltaXml({ ...alta, Huella: HUELLA.toLowerCase() })).toThrow(/huella/);
  });
});

describe('registroAnulacionXml', () => {
  it('writes the cancelled invoice, its link and the system in XSD order', () => {
    const xml = registroAnulacionXml(anulacion);
    expect(childrenOf(xml, 'RegistroAnulacion')).toEqual([
      'IDVersion',
      'IDFactura',
      'Encadenamiento',
      'SistemaInformatico',
      'FechaHoraHusoGenRegistro',
      'TipoHuella',
      'Huella',
    ]);
    expect(childrenOf(xml, 'RegistroAnterior')).toEqual([
      'IDEmisorFactura',
      'NumSerieFactura',
      'FechaExpedicionFactura',
      'Huella',
    ]);
  });
});

describe('regFactuSistemaFacturacionXml and soapEnvelope', () => {
  const body = regFactuSistemaFacturacionXml({
    obligado: { NombreRazon: 'Ferretería & Cía', NIF: 'B12345674' },
    records: [alta, anulacion],
  });

  it('puts the Cabecera and one RegistroFactura per record under sum, the rest under sum1', () => {
    expect(body).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?><sum:RegFactuSistemaFacturacion xmlns:sum="[^"]+SuministroLR\.xsd" xmlns:sum1="[^"]+SuministroInformacion\.xsd"><sum:Cabecera><sum1:ObligadoEmision><sum1:NombreRazon>Ferretería &amp; Cía<\/sum1:NombreRazon><sum1:NIF>B12345674<\/sum1:NIF><\/sum1:ObligadoEmision><\/sum:Cabecera><sum:RegistroFactura><sum1:RegistroAlta>/,
    );
    expect(body.match(/<sum:RegistroFactura>/g)).toHaveLength(2);
    // Namespaces are declared once, on the root.
    expect(body.match(/xmlns:sum1=/g)).toHaveLength(1);
  });

  it('wraps the body element, as it is, in a SOAP 1.1 envelope', () => {
    const soap = soapEnvelope(body);
    expect(soap).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?><soapenv:Envelope xmlns:soapenv="http:\/\/schemas\.xmlsoap\.org\/soap\/envelope\/"><soapenv:Header\/><soapenv:Body><sum:RegFactuSistemaFacturacion /,
    );
    expect(soap).toContain(body.slice(body.indexOf('<sum:Cabecera>')));
    expect(
      soap.endsWith('</sum:RegFactuSistemaFacturacion></soapenv:Body></soapenv:Envelope>'),
    ).toBe(true);
  });
});

describe('characters XML 1.0 cannot carry', () => {
  const dirty: RegistroAlta = { ...alta, DescripcionOperacion: 'Sustituye\u000b F-1' };

  it('are refused, naming the element and the character: the record holds the exact text', () => {
    expect(() => registroAltaXml(dirty)).toThrow(
      'DescripcionOperacion holds U+000B, which XML 1.0 cannot carry',
    );
    expect(() =>
      registroAltaXml({
        ...alta,
        Destinatarios: [{ NombreRazon: 'Client\uFFFF', NIF: '12345678Z' }],
      }),
    ).toThrow('NombreRazon holds U+FFFF');
  });

  it('make a request name the record that holds them, so that record alone can be held back', () => {
    let thrown: unknown;
    try {
      regFactuSistemaFacturacionXml({
        obligado: { NombreRazon: 'Ferretería & Cía', NIF: 'B12345674' },
        records: [alta, dirty, anulacion],
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnsendableRecord);
    expect(thrown).toMatchObject({
      index: 1,
      message: 'DescripcionOperacion holds U+000B, which XML 1.0 cannot carry',
    });
  });
});

describe('registroAltaXml of an F3 (a complete invoice replacing a ticket)', () => {
  it('names the replaced simplified invoices in FacturasSustituidas, where the XSD puts them', () => {
    const {
      TipoRectificativa: _t,
      FacturasRectificadas: _f,
      ImporteRectificacion: _i,
      ...rest
    } = alta;
    const xml = registroAltaXml({
      ...rest,
      TipoFactura: 'F3',
      FacturasSustituidas: [
        {
          IDEmisorFactura: 'B12345674',
          NumSerieFactura: 'T01/000123',
          FechaExpedicionFactura: '01-04-2026',
        },
      ],
    });
    expect(childrenOf(xml, 'RegistroAlta').slice(0, 6)).toEqual([
      'IDVersion',
      'IDFactura',
      'NombreRazonEmisor',
      'TipoFactura',
      'FacturasSustituidas',
      'DescripcionOperacion',
    ]);
    expect(childrenOf(xml, 'IDFacturaSustituida')).toEqual([
      'IDEmisorFactura',
      'NumSerieFactura',
      'FechaExpedicionFactura',
    ]);
    expect(xml).toContain('<sum1:NumSerieFactura>T01/000123</sum1:NumSerieFactura>');
  });
});
