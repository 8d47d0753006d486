import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  counterIds,
  fixedClock,
  MemoryArtifacts,
  MemoryCustomers,
  MemoryImports,
  MemoryInvoices,
  MemoryTenants,
  parsedFacturae,
  RecordingPublisher,
  ScriptedReader,
  TENANT_A,
} from '../../testing/exchange.ts';
import { testFormats } from '../../testing/formats.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { UnprocessableError } from './errors.ts';
import type { ExchangeInvoice } from './exchange-invoice.ts';
import {
  type ImportDeps,
  type ImportOutcome,
  importInvoices,
  originalKey,
} from './import-invoices.ts';

const NOW = '2026-03-21T10:00:00.000Z';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

let invoices: MemoryInvoices;
let imports: MemoryImports;
let customers: MemoryCustomers;
let artifacts: MemoryArtifacts;
let reader: ScriptedReader;
let events: RecordingPublisher;
let handed: string[][];
let deps: ImportDeps;

beforeEach(() => {
  invoices = new MemoryInvoices();
  imports = new MemoryImports(invoices);
  customers = new MemoryCustomers();
  artifacts = new MemoryArtifacts();
  reader = new ScriptedReader();
  events = new RecordingPublisher();
  handed = [];
  deps = {
    reader,
    imports,
    tenants: new MemoryTenants(TENANT_A),
    customers,
    artifacts,
    formats: testFormats,
    clock: fixedClock(NOW),
    ids: counterIds(),
    events,
    onIssued: async (list) => {
      handed.push(list.map((i) => i.id));
    },
  };
  reader.documents.set('<facturae 42/>', parsedFacturae());
});

const run = (...texts: string[]) =>
  importInvoices(deps)(
    'ten_a',
    texts.map((t, i) => ({ filename: `doc-${i}.xml`, bytes: Buffer.from(t) })),
  );

const failure = (outcome: ImportOutcome | undefined) => {
  if (!outcome || outcome.ok) throw new Error('expected a failure');
  return outcome.error as UnprocessableError;
};

const nothingWritten = () => {
  expect(invoices.items.size).toBe(0);
  expect(imports.numbers.size).toBe(0);
  expect(customers.items.size).toBe(0);
  expect(artifacts.objects.size).toBe(0);
};

describe('importing for delivery', () => {
  it('records the invoice as issued by the tenant, as the document states it', async () => {
    const [outcome] = await run('<facturae 42/>');
    expect(outcome?.ok).toBe(true);
    const invoice = (outcome as { invoice: ExchangeInvoice }).invoice;
    expect(invoice).toMatchObject({
      id: 'inv_0002',
      tenantId: 'ten_a',
      status: 'issued',
      kind: 'standard',
      origin: 'import',
      customerId: 'cus_0001',
      series: 'ERP',
      number: 'ERP-2026-0042',
      issueDate: '2026-03-10',
      currency: 'EUR',
      language: 'es',
      totals: { net: '354.00', tax: '74.34', withheld: '45.00', total: '383.34' },
      payment: { means: 'transfer', dueDate: '2026-04-09', iban: 'ES9121000418450200051332' },
      notes: 'Pedido 7781',
      version: 1,
      issuedAt: NOW,
    });
    expect(invoice.sequence).toBeUndefined();
    expect(invoice.issuer).toEqual({
      taxId: 'B12345674',
      taxIdKind: 'ES_CIF',
      personType: 'legalEntity',
      name: 'Sello Demo Servicios S.L.',
      email: 'billing@demo.example',
      address: { line1: 'Calle de Alcalá 45', city: 'Madrid', postalCode: '28014', country: 'ES' },
    });
    expect(invoice.customer).toEqual({
      taxId: 'A58818501',
      taxIdKind: 'ES_CIF',
      personType: 'legalEntity',
      name: 'Distribuciones Mediterráneo S.A.',
      email: 'ap@mediterraneo.example',
      address: {
        line1: 'Carrer de Balmes 200',
        city: 'Barcelona',
        postalCode: '08006',
        province: 'Barcelona',
        country: 'ES',
      },
    });
    expect(invoice.lines[0]).toEqual({
      description: 'Consultoría (jornada)',
      quantity: '2',
      unitPrice: '150',
      taxes: [
        { type: 'IVA', rate: '21' },
        { type: 'IRPF', rate: '15' },
      ],
      taxAmounts: [
        { type: 'IVA', rate: '21', base: '300.00', amount: '63.00' },
        { type: 'IRPF', rate: '15', base: '300.00', amount: '45.00' },
      ],
      gross: '300',
      discount: '0',
      net: '300.00',
    });
    expect(invoice.lines[1]).toMatchObject({ quantity: '3', unitPrice: '20', net: '54.00' });
    expect(invoice.breakdown).toEqual([
      { type: 'IVA', rate: '21', base: '354.00', amount: '74.34', withheld: false },
      { type: 'IRPF', rate: '15', base: '300.00', amount: '45.00', withheld: true },
    ]);
    expect(invoice.imported).toEqual({
      format: 'facturae',
      version: '3.2.2',
      filename: 'doc-0.xml',
      key: originalKey('ten_a', sha('<facturae 42/>')),
      sha256: sha('<facturae 42/>'),
      size: 14,
      importedAt: NOW,
    });
    expect(invoice.events).toEqual([
      {
        at: NOW,
        type: 'imported',
        detail: { format: 'facturae', sha256: sha('<facturae 42/>'), filename: 'doc-0.xml' },
      },
    ]);
    expect(await invoices.get('ten_a', invoice.id)).toEqual(invoice);
    expect(imports.numbers.get('ten_a/ERP-2026-0042')).toBe(invoice.id);
  });

  it('keeps the original bytes, and a Facturae also as the invoice’s Facturae document', async () => {
    const [outcome] = await run('<facturae 42/>');
    const invoice = (outcome as { invoice: ExchangeInvoice }).invoice;
    expect([...artifacts.objects.keys()]).toEqual([
      `tenants/ten_a/imports/${sha('<facturae 42/>')}.xml`,
      `tenants/ten_a/invoices/${invoice.id}/ERP-2026-0042.xml`,
    ]);
    for (const { bytes } of artifacts.objects.values()) {
      expect(Buffer.from(bytes).toString()).toBe('<facturae 42/>');
    }
  });

  it('makes a UBL original no Facturae document', async () => {
    reader.documents.set('<ubl/>', { ...parsedFacturae(), format: 'ubl', version: '2.1' });
    await run('<ubl/>');
    expect([...artifacts.objects.keys()]).toEqual([`tenants/ten_a/imports/${sha('<ubl/>')}.xml`]);
  });

  it('creates the buyer as a customer once, and reuses a customer with its tax id', async () => {
    reader.documents.set(
      '<facturae 43/>',
      parsedFacturae({ number: 'ERP-2026-0043', issueDate: '2026-03-11' }),
    );
    const outcomes = await run('<facturae 42/>', '<facturae 43/>');
    expect(outcomes.map((o) => o.ok)).toEqual([true, true]);
    expect([...customers.items.values()]).toEqual([
      {
        id: 'cus_0001',
        tenantId: 'ten_a',
        taxId: 'A58818501',
        taxIdKind: 'ES_CIF',
        personType: 'legalEntity',
        name: 'Distribuciones Mediterráneo S.A.',
        email: 'ap@mediterraneo.example',
        language: 'es',
        address: expect.objectContaining({ line1: 'Carrer de Balmes 200', country: 'ES' }),
        version: 1,
        createdAt: NOW,
        updatedAt: NOW,
      },
    ]);
    reader.documents.set(
      '<facturae 44/>',
      parsedFacturae({ number: 'ERP-2026-0044', issueDate: '2026-03-12' }),
    );
    const [again] = await run('<facturae 44/>');
    expect((again as { invoice: ExchangeInvoice }).invoice.customerId).toBe('cus_0001');
    expect(customers.items.size).toBe(1);
  });

  it('announces what it imported, once per invoice, and hands them to the post-issue step', async () => {
    const [outcome] = await run('<facturae 42/>');
    const id = (outcome as { invoice: ExchangeInvoice }).invoice.id;
    expect(events.events).toEqual([
      {
        id: `import.completed:${id}`,
        type: 'import.completed',
        tenantId: 'ten_a',
        occurredAt: NOW,
        data: {
          invoiceId: id,
          number: 'ERP-2026-0042',
          issueDate: '2026-03-10',
          format: 'facturae',
          buyerTaxId: 'A58818501',
          total: '383.34',
        },
      },
    ]);
    expect(handed).toEqual([[id]]);
  });

  it('refuses a document whose seller is not the tenant (422 on seller.taxId), writing nothing', async () => {
    reader.documents.set(
      '<other seller/>',
      parsedFacturae({ seller: { taxId: 'A58818501', name: 'Otra S.A.', countryCode: 'ES' } }),
    );
    const [outcome] = await run('<other seller/>');
    const error = failure(outcome);
    expect(error).toBeInstanceOf(UnprocessableError);
    expect(error.errors).toEqual([
      { path: 'seller.taxId', message: "Must be B12345674, the tenant's tax id" },
    ]);
    nothingWritten();
    expect(events.events).toEqual([]);
    expect(handed).toEqual([]);
  });

  it('refuses a number the tenant already imported (409) and goes on with the rest of the batch', async () => {
    reader.documents.set(
      '<facturae 43/>',
      parsedFacturae({ number: 'ERP-2026-0043', issueDate: '2026-03-11' }),
    );
    const outcomes = await run('<facturae 42/>', '<facturae 42/>', '<facturae 43/>');
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(failure(outcomes[1])).toBeInstanceOf(ConflictError);
    expect(failure(outcomes[1]).message).toBe(
      'Invoice ERP-2026-0042 was already imported as inv_0002',
    );
    expect(invoices.items.size).toBe(2);
    expect(handed).toEqual([[...invoices.items.values()].map((i) => i.id)]);
  });

  it('refuses the number of an invoice the tenant issued here (409 naming it), writing nothing', async () => {
    // The same invoice as issued here: its UBL or Facturae states its number.
    invoices.put({
      id: 'inv_issued',
      tenantId: 'ten_a',
      status: 'issued',
      number: 'ERP-2026-0042',
      issueDate: '2026-03-10',
    } as ExchangeInvoice);
    const error = failure((await run('<facturae 42/>'))[0]);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe('Invoice ERP-2026-0042 was issued here as inv_issued');
    expect(error.errors).toEqual([{ path: 'number', message: error.message }]);
    expect([...invoices.items.keys()]).toEqual(['ten_a/inv_issued']);
    expect(imports.numbers.size).toBe(0);
    expect(artifacts.objects.size).toBe(0);
  });

  it('refuses what the reader found invalid, with its errors pointing into the document', async () => {
    reader.documents.set('<bad/>', {
      ...parsedFacturae(),
      valid: false,
      errors: [
        { severity: 'warning', message: 'Odd but fine' },
        {
          severity: 'error',
          rule: 'BR-CO-15',
          path: '/Invoice/LegalMonetaryTotal',
          message: 'Total with VAT is not net + VAT',
        },
      ],
    });
    const error = failure((await run('<bad/>'))[0]);
    expect(error).toBeInstanceOf(UnprocessableError);
    expect(error.errors).toEqual([
      {
        path: 'document/Invoice/LegalMonetaryTotal',
        message: 'BR-CO-15: Total with VAT is not net + VAT',
      },
    ]);
    nothingWritten();
  });

  it("passes on the reader's own refusal of what is not a document", async () => {
    deps.reader = {
      read: async () => {
        throw new ValidationError('Not XML', [{ path: 'body', message: 'Not XML' }]);
      },
    };
    expect(failure((await run('hello'))[0])).toBeInstanceOf(ValidationError);
    nothingWritten();
  });

  it.each([
    [
      'a signature that does not verify',
      { ...parsedFacturae(), signature: { valid: false, errors: ['Digest mismatch'] } },
      [{ path: 'signature', message: 'Digest mismatch' }],
    ],
    [
      'a batch of invoices in one Facturae',
      {
        ...parsedFacturae(),
        invoices: [parsedFacturae().invoice!, parsedFacturae().invoice!],
      },
      [{ path: 'document', message: 'It holds 2 invoices; send each in a document of its own' }],
    ],
    [
      'another currency',
      parsedFacturae({ currency: 'USD' }),
      [{ path: 'currency', message: 'Only EUR is supported' }],
    ],
    [
      'a future issue date',
      parsedFacturae({ issueDate: '2026-03-22' }),
      [{ path: 'issueDate', message: 'Must be a date no later than today (2026-03-21)' }],
    ],
    [
      'a buyer tax id that does not check out',
      parsedFacturae({ buyer: { taxId: 'A58818502', name: 'X', countryCode: 'ES' } }),
      [
        {
          path: 'buyer.taxId',
          message: expect.stringContaining("The buyer's tax id A58818502 is not valid"),
        },
      ],
    ],
    [
      'a tax Sello cannot record',
      parsedFacturae({
        lines: [
          {
            description: 'x',
            quantity: '1',
            unitPrice: '10',
            net: '10.00',
            taxes: [{ type: 'OTHER', rate: '5', category: 'IPSI' }],
          },
        ],
      }),
      [
        {
          path: 'lines[0].taxes[0].type',
          message: 'A tax of category IPSI that is not IVA, IGIC, RE or IRPF cannot be recorded',
        },
      ],
    ],
    [
      'totals that do not add up',
      parsedFacturae({
        totals: {
          lineNet: '354.00',
          net: '354.00',
          tax: '74.34',
          withheld: '45.00',
          total: '428.34',
          payable: '428.34',
        },
      }),
      [
        {
          path: 'totals.total',
          message: 'The total 428.34 is not net 354.00 + taxes 74.34 − withheld 45.00 (383.34)',
        },
      ],
    ],
  ])('refuses %s (422), writing nothing', async (_why, document, errors) => {
    reader.documents.set('<doc/>', document as ReturnType<typeof parsedFacturae>);
    const error = failure((await run('<doc/>'))[0]);
    expect(error).toBeInstanceOf(UnprocessableError);
    expect(error.errors).toEqual(errors);
    nothingWritten();
  });

  it('keeps the signature it checked and the invoice a corrective refers to', async () => {
    reader.documents.set('<rect/>', {
      ...parsedFacturae({
        kind: 'corrective',
        number: 'ERP-R-1',
        preceding: { number: 'ERP-2026-0042', issueDate: '2026-03-10' },
      }),
      signature: {
        valid: true,
        signer: {
          subject: 'CN=Sello Demo',
          issuer: 'CN=CA',
          serialNumber: '1',
          notBefore: '2026-01-01T00:00:00Z',
          notAfter: '2027-01-01T00:00:00Z',
        },
        signingTime: '2026-03-10T09:00:00Z',
      },
    });
    const [outcome] = await run('<rect/>');
    const invoice = (outcome as { invoice: ExchangeInvoice }).invoice;
    expect(invoice.kind).toBe('corrective');
    expect(invoice.imported).toMatchObject({
      signature: { valid: true, signer: 'CN=Sello Demo', signingTime: '2026-03-10T09:00:00Z' },
      preceding: { number: 'ERP-2026-0042', issueDate: '2026-03-10' },
    });
  });

  it('reports a failed announcement without undoing the import', async () => {
    const reported: unknown[] = [];
    deps.events = { publish: () => Promise.reject(new Error('down')) };
    deps.report = (e) => reported.push(e);
    const [outcome] = await run('<facturae 42/>');
    expect(outcome?.ok).toBe(true);
    expect(invoices.items.size).toBe(1);
    expect(reported).toEqual([new Error('down')]);
  });
});
