import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENV } from '@sello/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { acceptanceLines } from '../../support/invoices.ts';

const api = await startApi();
const dir = mkdtempSync(join(tmpdir(), 'sello-docs-'));
const schema = join(
  import.meta.dirname,
  '../../fixtures/schemas/facturae/Facturaev3_2_2-with-XAdES.xsd',
);
let key: string;
let customerId: string;

beforeAll(async () => {
  ({ key } = await createTenant('Talleres Núñez, S.L.'));
  customerId = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
});

const download = async (id: string, format: string) => {
  const res = await fetch(`${api.base}/v1/invoices/${id}/documents/${format}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    bytes: Buffer.from(await res.arrayBuffer()),
  };
};
const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' });

describe('GET /v1/invoices/{id}/documents/{format}', () => {
  it('previews a draft as a PDF marked as a draft, without a number; a draft has no Facturae', async () => {
    const draft = (
      await api.call('POST', '/v1/invoices', { key, body: { customerId, lines: acceptanceLines } })
    ).json;
    const pdf = await download(draft.id, 'pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    writeFileSync(join(dir, 'draft.pdf'), pdf.bytes);
    const text = run('pdftotext', [join(dir, 'draft.pdf'), '-']).stdout;
    // The BORRADOR watermark is a page decoration that text extraction skips; the number is not.
    expect(text).toContain('sin número');
    expect(text).toContain('409,34 €');
    expect((await download(draft.id, 'facturae')).status).toBe(409);
  });

  it('serves the signed Facturae of an issued invoice: official XSD valid and verified by xmlsec1', async () => {
    const draft = (
      await api.call('POST', '/v1/invoices', { key, body: { customerId, lines: acceptanceLines } })
    ).json;
    const issued = (await api.call('POST', `/v1/invoices/${draft.id}/issue`, { key })).json;
    const xml = await download(issued.id, 'facturae');
    expect(xml.status).toBe(200);
    const file = join(dir, 'issued.xsig');
    writeFileSync(file, xml.bytes);
    const text = xml.bytes.toString('utf8');
    expect(text).toContain(`<InvoiceNumber>${issued.number}</InvoiceNumber>`);
    expect(text).toContain('<InvoiceTotal>409.34</InvoiceTotal>');

    const xsd = run('xmllint', ['--noout', '--nonet', '--schema', schema, file]);
    expect(xsd.status, xsd.stderr).toBe(0);
    const cert = join(dir, 'cert.pem');
    writeFileSync(cert, process.env[ENV.signingCertificate]!);
    const sig = run('xmlsec1', [
      '--verify',
      '--enabled-key-data',
      'x509',
      '--trusted-pem',
      cert,
      '--id-attr:Id',
      'SignedProperties',
      '--id-attr:Id',
      'KeyInfo',
      file,
    ]);
    expect(sig.status, sig.stderr).toBe(0);
    // Stored at issue: a second download is the same document, byte for byte.
    expect((await download(issued.id, 'facturae')).bytes.equals(xml.bytes)).toBe(true);
  });

  it('serves the PDF of an issued invoice with its number, total and accents', async () => {
    const draft = (
      await api.call('POST', '/v1/invoices', { key, body: { customerId, lines: acceptanceLines } })
    ).json;
    const issued = (await api.call('POST', `/v1/invoices/${draft.id}/issue`, { key })).json;
    const pdf = await download(issued.id, 'pdf');
    writeFileSync(join(dir, 'issued.pdf'), pdf.bytes);
    const text = run('pdftotext', [join(dir, 'issued.pdf'), '-']).stdout;
    expect(text).toContain(issued.number);
    expect(text).toContain('409,34 €');
    expect(text).toContain('Talleres Núñez, S.L.');
    expect(text).toContain('Ana García Pérez');
  });

  it('renders any unit a business writes: named units map to Facturae codes, others to 05', async () => {
    const lines = [
      {
        description: 'Mano de obra',
        quantity: '2.5',
        unit: 'h',
        unitPrice: '40',
        taxes: [{ type: 'IVA', rate: '21' }],
      },
      {
        description: 'Palés',
        quantity: '1',
        unit: 'palé',
        unitPrice: '12',
        taxes: [{ type: 'IVA', rate: '21' }],
      },
    ];
    const draft = (await api.call('POST', '/v1/invoices', { key, body: { customerId, lines } }))
      .json;
    const issued = (await api.call('POST', `/v1/invoices/${draft.id}/issue`, { key })).json;
    const xml = await download(issued.id, 'facturae');
    expect(xml.status).toBe(200);
    expect(xml.bytes.toString('utf8').match(/<UnitOfMeasure>\d+<\/UnitOfMeasure>/g)).toEqual([
      '<UnitOfMeasure>02</UnitOfMeasure>',
      '<UnitOfMeasure>05</UnitOfMeasure>',
    ]);
  });

  it("serves the invoice's latest VERI*FACTU record as its XML, the record view's own", async () => {
    const draft = (
      await api.call('POST', '/v1/invoices', { key, body: { customerId, lines: acceptanceLines } })
    ).json;
    expect((await download(draft.id, 'verifactu')).status).toBe(409);
    const issued = (await api.call('POST', `/v1/invoices/${draft.id}/issue`, { key })).json;
    const res = await fetch(`${api.base}/v1/invoices/${issued.id}/documents/verifactu`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml');
    expect(res.headers.get('content-disposition')).toBe(
      `inline; filename="${issued.number.replace(/[^\w.-]/g, '_')}.verifactu.xml"`,
    );
    const xml = await res.text();
    expect(xml).toContain(`<sum1:NumSerieFactura>${issued.number}</sum1:NumSerieFactura>`);
    const view = await api.call('GET', `/v1/invoices/${issued.id}/verifactu`, { key });
    expect(xml).toBe(view.json.xml);
  });

  it('refuses an unknown format naming the parameter', async () => {
    const res = await api.call('GET', '/v1/invoices/inv_x/documents/docx', { key });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].path).toBe('params.format');
  });
});
