import { describe, expect, it } from 'vitest';
import { sampleInvoice } from '../../testing/index.ts';
import { buildFacturae, FACTURAE_NAMESPACE } from './build.ts';

describe('buildFacturae', () => {
  const xml = buildFacturae(sampleInvoice());

  it('writes a declaration and the fe:Facturae root with its namespace', () => {
    expect(
      xml.startsWith(
        `<?xml version="1.0" encoding="UTF-8"?>\n<fe:Facturae xmlns:fe="${FACTURAE_NAMESPACE}">`,
      ),
    ).toBe(true);
    expect(xml.endsWith('</Invoices></fe:Facturae>')).toBe(true);
  });

  it('puts the sections in schema order', () => {
    const order = [
      '<FileHeader>',
      '<Parties>',
      '<InvoiceHeader>',
      '<InvoiceIssueData>',
      '<TaxesOutputs>',
      '<TaxesWithheld>',
      '<InvoiceTotals>',
      '<Items>',
      '<PaymentDetails>',
    ].map((tag) => xml.indexOf(tag));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('is already canonical: no whitespace between tags, no self-closing tags, no CR', () => {
    const root = xml.slice(xml.indexOf('<fe:Facturae'));
    expect(root).not.toMatch(/>\s+</);
    expect(root).not.toContain('/>');
    expect(root).not.toContain('\r');
  });

  it('adds options: description, legal literals, additional information', () => {
    const withOptions = buildFacturae(sampleInvoice(), {
      description: 'Servicios de marzo',
      legalLiterals: ['Inscrita en el Registro Mercantil de Madrid'],
      additionalInformation: 'Factura verificable en la sede electrónica de la AEAT',
    });
    expect(withOptions).toContain('<InvoiceDescription>Servicios de marzo</InvoiceDescription>');
    expect(withOptions).toContain('<LegalReference>Inscrita en el Registro Mercantil de Madrid');
    expect(withOptions).toContain('<InvoiceAdditionalInformation>Factura verificable');
  });

  it('is deterministic', () => {
    expect(buildFacturae(sampleInvoice())).toBe(xml);
  });
});
