import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '@sello/app/platform';
import { keys } from '@sello/aws';
import { beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../support/api.ts';
import {
  ciiDocument,
  facturaeDocument,
  type Json,
  TAX_IDS,
  tenantWithTaxId,
  ublDocument,
} from '../../support/exchange.ts';

const api = await startApi();
type Tenant = Awaited<ReturnType<typeof tenantWithTaxId>>;
/** A's ERP issues invoices to B; C is someone else. */
let a: Tenant;
let b: Tenant;
let c: Tenant;

beforeAll(async () => {
  [a, b, c] = await Promise.all([
    tenantWithTaxId(TAX_IDS.a, 'Talleres Núñez, S.L.'),
    tenantWithTaxId(TAX_IDS.b, 'Distribuciones Mediterráneo S.A.'),
    tenantWithTaxId(TAX_IDS.c, 'Papelería Central S.A.'),
  ]);
});

const party = (t: Tenant) => ({ taxId: t.taxId, name: t.name });

/** POSTs a document as the body, as an ERP would. */
async function importBody(
  who: Tenant,
  bytes: Buffer | string,
  headers: Record<string, string> = { 'content-type': 'application/xml' },
) {
  const res = await fetch(`${api.base}/v1/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${who.key}`, ...headers },
    body: bytes,
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    json: (text ? JSON.parse(text) : undefined) as Json,
  };
}

const download = async (who: Tenant, path: string) => {
  const res = await fetch(`${api.base}${path}`, {
    headers: { authorization: `Bearer ${who.key}` },
  });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    disposition: res.headers.get('content-disposition'),
    bytes: Buffer.from(await res.arrayBuffer()),
  };
};

const invoicesOf = async (who: Tenant) =>
  (await api.call('GET', '/v1/invoices?limit=200', { key: who.key })).json.items as Array<Json>;
const customersOf = async (who: Tenant) =>
  (await api.call('GET', '/v1/customers?limit=200', { key: who.key })).json.items as Array<Json>;
const inboxOf = async (who: Tenant) =>
  (await api.call('GET', '/v1/inbox?limit=200', { key: who.key })).json.items as Array<Json>;

describe('POST /v1/imports', () => {
  it("records a Facturae whose seller is the tenant as issued by it, and delivers it to the buyer's inbox", async () => {
    const xml = await facturaeDocument({
      seller: party(a),
      buyer: party(b),
      number: 'ERP-2026-000101',
      dueDate: '2026-12-20',
    });
    const res = await importBody(a, xml, {
      'content-type': 'application/xml',
      'content-disposition': 'attachment; filename="ERP-2026-000101.xsig"',
    });
    expect(res.status).toBe(201);
    const invoice = res.json;
    expect(res.headers.get('location')).toBe(`/v1/invoices/${invoice.id}`);
    expect(invoice).toMatchObject({
      status: 'issued',
      kind: 'standard',
      series: 'ERP',
      number: 'ERP-2026-000101',
      issueDate: '2026-03-10',
      issuer: { taxId: TAX_IDS.a, name: 'Talleres Núñez, S.L.' },
      customer: { taxId: TAX_IDS.b, name: 'Distribuciones Mediterráneo S.A.' },
      totals: { net: '209.58', tax: '44.01', withheld: '0.00', total: '253.59' },
      taxBreakdown: [{ type: 'IVA', rate: '21', base: '209.58', amount: '44.01', withheld: false }],
      payment: { means: 'transfer', dueDate: '2026-12-20', iban: 'ES9121000418450200051332' },
      events: [
        {
          type: 'imported',
          detail: {
            format: 'facturae',
            filename: 'ERP-2026-000101.xsig',
            sha256: expect.any(String),
          },
        },
      ],
      version: 1,
    });
    expect(invoice.lines.map((l: { net: string }) => l.net)).toEqual(['135.00', '74.58']);

    // The tenant sees it among its invoices, with the buyer made one of its customers.
    expect((await invoicesOf(a)).map((i) => i.id)).toEqual([invoice.id]);
    const customers = await customersOf(a);
    expect(customers.map((x) => [x.id, x.taxId])).toEqual([[invoice.customerId, TAX_IDS.b]]);

    // The buyer has it at once, and can tell it was imported.
    const [entry, ...rest] = await inboxOf(b);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      origin: 'import',
      status: 'received',
      number: 'ERP-2026-000101',
      dueDate: '2026-12-20',
      issuer: { taxId: TAX_IDS.a, name: 'Talleres Núñez, S.L.' },
      totals: { total: '253.59' },
      documents: ['pdf', 'facturae', 'original'],
    });

    // The original comes back byte for byte, as `original`, as its Facturae, and to the issuer.
    const original = await download(b, `/v1/inbox/${entry!.id}/documents/original`);
    expect(original.status).toBe(200);
    expect(original.type).toBe('application/xml');
    expect(original.disposition).toBe('inline; filename="ERP-2026-000101.xsig"');
    expect(original.bytes.equals(xml)).toBe(true);
    const facturae = await download(b, `/v1/inbox/${entry!.id}/documents/facturae`);
    expect(facturae.bytes.equals(xml)).toBe(true);
    const issuerCopy = await download(a, `/v1/invoices/${invoice.id}/documents/facturae`);
    expect(issuerCopy.status).toBe(200);
    expect(issuerCopy.bytes.equals(xml)).toBe(true);
    const pdf = await download(b, `/v1/inbox/${entry!.id}/documents/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it("leaves the tenant's numbering and VERI*FACTU chain alone", async () => {
    const [imported] = await invoicesOf(a);
    expect(
      (await api.call('GET', `/v1/invoices/${imported!.id}/verifactu`, { key: a.key })).status,
    ).toBe(404);
    const records = await api.call('GET', '/v1/verifactu/records', { key: a.key });
    expect(records.status).toBe(200);
    expect(records.json.items).toEqual([]);
    // The first invoice A issues here still gets the first number of its series.
    const draft = await api.call('POST', '/v1/invoices', {
      key: a.key,
      body: {
        customerId: imported!.customerId,
        lines: [
          {
            description: 'Pieza',
            quantity: '1',
            unitPrice: '10.00',
            taxes: [{ type: 'IVA', rate: '21' }],
          },
        ],
      },
    });
    const issued = await api.call('POST', `/v1/invoices/${draft.json.id}/issue`, { key: a.key });
    expect(issued.json.number).toBe(`F${issued.json.issueDate.slice(0, 4)}-000001`);
  });

  it('refuses to void or correct an imported invoice here (409): its own system owns it', async () => {
    const imported = (await invoicesOf(a)).find((i) => i.origin === 'import');
    const voided = await api.call('POST', `/v1/invoices/${imported!.id}/void`, {
      key: a.key,
      body: { reason: 'duplicado' },
    });
    expect(voided.status).toBe(409);
    expect(voided.json.detail).toContain('imported');
    const cancelled = await api.call('POST', `/v1/invoices/${imported!.id}/cancel`, {
      key: a.key,
      body: { reasonDescription: 'Factura emitida por error' },
    });
    expect(cancelled.status).toBe(409);
    expect(
      (await api.call('GET', '/v1/verifactu/records', { key: a.key })).json.items,
    ).toHaveLength(1);
  });

  it('keeps a non-UTF-8 document byte for byte when sent as application/octet-stream', async () => {
    const xml = await facturaeDocument({
      seller: { taxId: a.taxId, name: 'Talleres Núñez, S.L.' },
      buyer: { taxId: b.taxId, name: 'Distribuciones Mediterráneo S.A. (Peñíscola)' },
      number: 'ERP-2026-000102',
      encoding: 'latin1',
    });
    expect(xml.includes(Buffer.from('ñ', 'utf8'))).toBe(false);
    const res = await importBody(a, xml, { 'content-type': 'application/octet-stream' });
    expect(res.status).toBe(201);
    expect(res.json.customer.name).toBe('Distribuciones Mediterráneo S.A. (Peñíscola)');
    const entry = (await inboxOf(b)).find((i) => i.number === 'ERP-2026-000102');
    const original = await download(b, `/v1/inbox/${entry!.id}/documents/original`);
    expect(original.bytes.equals(xml)).toBe(true);
  });

  it('refuses a non-UTF-8 document sent as text, which could not be kept byte for byte', async () => {
    const latin1 = (number: string) =>
      facturaeDocument({
        seller: party(a),
        buyer: { taxId: b.taxId, name: 'Peñíscola Distribuciones' },
        number,
        encoding: 'latin1',
      });
    const asText = await importBody(a, await latin1('ERP-2026-000103'));
    expect(asText.status).toBe(400);
    expect(asText.json.errors).toEqual([
      {
        path: 'content-type',
        message: 'Send a document that is not UTF-8 as application/octet-stream',
      },
    ]);
    const batch = await api.call('POST', '/v1/imports', {
      key: a.key,
      body: {
        items: [
          { xml: (await latin1('ERP-2026-000104')).toString('latin1') },
          { xml: (await latin1('ERP-2026-000105')).toString('base64') },
        ],
      },
    });
    expect(batch.status).toBe(200);
    expect(batch.json.items.map((i: Json) => [i.status, i.problem?.errors])).toEqual([
      [
        400,
        [
          {
            path: 'items.0.xml',
            message: 'The document declares iso-8859-1: send it as base64 of its bytes',
          },
        ],
      ],
      [201, undefined],
    ]);
    const entry = (await inboxOf(b)).find((i) => i.number === 'ERP-2026-000105');
    const original = await download(b, `/v1/inbox/${entry!.id}/documents/original`);
    expect(original.bytes.equals(await latin1('ERP-2026-000105'))).toBe(true);
    expect((await invoicesOf(a)).map((i) => i.number)).not.toContain('ERP-2026-000103');
  });

  it('refuses a document whose seller is not the tenant (422 naming seller.taxId), writing nothing', async () => {
    const [invoices, customers, inbox] = await Promise.all([
      invoicesOf(c),
      customersOf(c),
      inboxOf(b),
    ]);
    const xml = await facturaeDocument({
      seller: party(a),
      buyer: party(b),
      number: 'ERP-2026-000900',
    });
    const res = await importBody(c, xml);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.json).toMatchObject({
      status: 422,
      type: 'urn:sello:problem:unprocessable',
      errors: [{ path: 'seller.taxId', message: `Must be ${TAX_IDS.c}, the tenant's tax id` }],
    });
    expect(await invoicesOf(c)).toEqual(invoices);
    expect(await customersOf(c)).toEqual(customers);
    expect(await inboxOf(b)).toEqual(inbox);
  });

  it('refuses an unsigned Facturae (422 naming the signature), as validation calls it not valid', async () => {
    const before = (await invoicesOf(a)).length;
    const xml = await facturaeDocument({
      seller: party(a),
      buyer: party(b),
      number: 'ERP-2026-000950',
      signed: false,
    });
    const res = await importBody(a, xml);
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({ type: 'urn:sello:problem:unprocessable' });
    expect(res.json.errors).toEqual([
      { path: 'signature', message: expect.stringMatching(/not signed/) },
    ]);
    expect((await invoicesOf(a)).length).toBe(before);
  });

  /** An invoice A issues here to B, through the API. */
  async function issuedByA() {
    const customer = (
      await api.call('POST', '/v1/customers', {
        key: a.key,
        body: {
          taxId: b.taxId,
          name: b.name,
          address: {
            line1: 'Avenida del Puerto 18',
            city: 'Valencia',
            postalCode: '46001',
            country: 'ES',
          },
        },
      })
    ).json;
    const draft = (
      await api.call('POST', '/v1/invoices', {
        key: a.key,
        body: {
          customerId: customer.id,
          lines: [
            {
              description: 'Revisión anual',
              quantity: '1',
              unitPrice: '100.00',
              taxes: [{ type: 'IVA', rate: '21' }],
            },
          ],
        },
      })
    ).json;
    const issued = await api.call('POST', `/v1/invoices/${draft.id}/issue`, { key: a.key });
    expect(issued.status).toBe(200);
    return issued.json as { id: string; number: string };
  }

  it('refuses the UBL or Facturae of an invoice the tenant issued here (409 naming it), writing nothing', async () => {
    const issued = await issuedByA();
    const before = await invoicesOf(a);
    for (const format of ['ubl', 'facturae']) {
      const document = await download(a, `/v1/invoices/${issued.id}/documents/${format}`);
      expect(document.status, format).toBe(200);
      const res = await importBody(a, document.bytes);
      expect(res.status, `${format}: ${JSON.stringify(res.json)}`).toBe(409);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.json.type).toBe('urn:sello:problem:conflict');
      expect(res.json.detail).toContain(issued.id);
      expect(res.json.errors).toEqual([
        { path: 'number', message: expect.stringContaining(issued.id) },
      ]);
    }
    expect(await invoicesOf(a)).toEqual(before);
  });

  it('refuses the number of an invoice issued before numbers were claimed (no claim item)', async () => {
    const issued = await issuedByA();
    // As an invoice issued before issuing wrote the claim: only the invoice item tells.
    await documentClient().send(
      new DeleteCommand({
        TableName: tableName(),
        Key: keys.invoiceNumber(a.tenantId, issued.number),
      }),
    );
    const document = await download(a, `/v1/invoices/${issued.id}/documents/ubl`);
    const res = await importBody(a, document.bytes);
    expect(res.status).toBe(409);
    expect(res.json.errors).toEqual([
      { path: 'number', message: expect.stringContaining(issued.id) },
    ]);
  });

  it('refuses a number the tenant already imported (409)', async () => {
    const xml = await facturaeDocument({
      seller: party(a),
      buyer: party(b),
      number: 'ERP-2026-000101',
    });
    const before = (await invoicesOf(a)).length;
    const res = await importBody(a, xml);
    expect(res.status).toBe(409);
    expect(res.json.detail).toMatch(/^Invoice ERP-2026-000101 was already imported as inv_/);
    expect((await invoicesOf(a)).length).toBe(before);
  });

  it('imports a JSON batch item by item: one bad item does not stop the others', async () => {
    const good = await facturaeDocument({ seller: party(c), buyer: party(b), number: 'PC-1001' });
    const ubl = ublDocument({ seller: party(c), buyer: party(b), number: 'PC-UBL-7' });
    const foreign = await facturaeDocument({
      seller: party(a),
      buyer: party(b),
      number: 'PC-1002',
    });
    const res = await api.call('POST', '/v1/imports', {
      key: c.key,
      body: {
        items: [
          { filename: 'PC-1001.xml', xml: good.toString('utf8') },
          { filename: 'PC-UBL-7.xml', xml: Buffer.from(ubl).toString('base64') },
          { filename: 'notes.txt', xml: 'not an invoice' },
          { xml: foreign.toString('utf8') },
          { xml: good.toString('utf8') },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.json.imported).toBe(2);
    expect(res.json.failed).toBe(3);
    expect(
      res.json.items.map((i: Json) => [i.index, i.filename, i.status, i.invoice?.number]),
    ).toEqual([
      [0, 'PC-1001.xml', 201, 'PC-1001'],
      [1, 'PC-UBL-7.xml', 201, 'PC-UBL-7'],
      [2, 'notes.txt', 400, undefined],
      [3, undefined, 422, undefined],
      [4, undefined, 409, undefined],
    ]);
    expect(res.json.items[3].problem.errors).toEqual([
      { path: 'seller.taxId', message: `Must be ${TAX_IDS.c}, the tenant's tax id` },
    ]);
    expect(res.json.items[2].problem).toMatchObject({
      status: 400,
      errors: [{ path: 'body', message: expect.any(String) }],
    });

    // The UBL invoice is in B's inbox; its original is the UBL, and there is no Facturae of it.
    const entry = (await inboxOf(b)).find((i) => i.number === 'PC-UBL-7');
    expect(entry).toMatchObject({
      origin: 'import',
      issuer: { taxId: TAX_IDS.c },
      dueDate: '2026-04-30',
      totals: { net: '250.00', tax: '52.50', withheld: '0.00', total: '302.50' },
      documents: ['pdf', 'original'],
    });
    const original = await download(b, `/v1/inbox/${entry!.id}/documents/original`);
    expect(original.bytes.toString('utf8')).toBe(ubl);
    expect(original.disposition).toBe('inline; filename="PC-UBL-7.xml"');
    const facturae = await api.call('GET', `/v1/inbox/${entry!.id}/documents/facturae`, {
      key: b.key,
    });
    expect(facturae.status).toBe(409);
    expect(facturae.json.detail).toBe(
      'This invoice was imported as UBL; download it as `original`',
    );
  });

  it('imports a CII invoice sent as the body, as the document states it', async () => {
    const xml = ciiDocument({ seller: party(a), buyer: party(b), number: 'CII-2026-5' });
    const res = await importBody(a, xml, { 'content-type': 'application/xml; charset=utf-8' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      status: 'issued',
      series: '',
      number: 'CII-2026-5',
      issueDate: '2026-03-14',
      lines: [{ description: 'Cartuchos de tóner', quantity: '4', unitPrice: '40', net: '160.00' }],
      taxBreakdown: [{ type: 'IVA', rate: '21', base: '160.00', amount: '33.60', withheld: false }],
      totals: { net: '160.00', tax: '33.60', withheld: '0.00', total: '193.60' },
      payment: { means: 'transfer', dueDate: '2026-05-15', iban: 'ES7921000813610123456789' },
      events: [{ type: 'imported', detail: { format: 'cii' } }],
    });
    const entry = (await inboxOf(b)).find((i) => i.number === 'CII-2026-5');
    expect(entry).toMatchObject({ origin: 'import', documents: ['pdf', 'original'] });
    const original = await download(b, `/v1/inbox/${entry!.id}/documents/original`);
    expect(original.bytes.toString('utf8')).toBe(xml);
    // Issued elsewhere as CII: a PDF to read, but no Facturae signed here in the tenant's name.
    await api.settled();
    expect((await download(b, `/v1/inbox/${entry!.id}/documents/pdf`)).status).toBe(200);
    const facturae = await api.call('GET', `/v1/invoices/${res.json.id}/documents/facturae`, {
      key: a.key,
    });
    expect(facturae.status).toBe(409);
    expect(facturae.json.detail).toContain('imported as CII');
  });

  it('refuses bodies that are neither XML nor a well-formed batch, naming what is wrong', async () => {
    const plain = await importBody(a, 'hello', { 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    const malformed = await importBody(a, '{"items": [', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    const empty = await api.call('POST', '/v1/imports', { key: a.key, body: { items: [] } });
    expect(empty.status).toBe(400);
    expect(empty.json.errors).toEqual([{ path: 'items', message: expect.any(String) }]);
    const unknown = await api.call('POST', '/v1/imports', {
      key: a.key,
      body: { items: [{ xml: '<a/>', format: 'ubl' }] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors).toEqual([{ path: 'items.0.format', message: 'Unknown field' }]);
    const notXml = await importBody(a, '<<<');
    expect(notXml.status).toBe(400);
    expect((await importBody(a, '')).status).toBe(400);
  });
});
