import { beforeEach, describe, expect, it } from 'vitest';
import {
  fakeRenderer,
  fixedClock,
  MemoryArtifacts,
  MemoryInbox,
  MemoryInvoices,
  MemoryTenants,
  RecordingPublisher,
  TENANT_A,
  TENANT_B,
} from '../../testing/exchange.ts';
import { testFormats } from '../../testing/formats.ts';
import { IVA21, issued, line } from '../../testing/verifactu.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { storedDocuments } from '../invoices/documents.ts';
import type { RecipientPrincipal } from '../recipients/principal.ts';
import type { TenantPrincipal } from '../tenants/authenticate-api-key.ts';
import { UnprocessableError } from './errors.ts';
import type { ExchangeInvoice } from './exchange-invoice.ts';
import {
  getInboxDocument,
  getInboxInvoice,
  inboxIdOf,
  listInbox,
  normalizeTaxIdFilter,
  setInboxStatus,
} from './inbox.ts';
import { inboxId } from './inbox-id.ts';
import { inboxEntryView, inboxInvoiceView } from './view.ts';

/** Tenant A invoices B (A58818501); a recipient registered for B's tax id reads B's inbox. */
const recipientB: RecipientPrincipal = {
  kind: 'recipient',
  recipientId: 'rcp_1',
  taxId: 'A58818501',
};
const tenantB: TenantPrincipal = { kind: 'tenant', tenantId: 'ten_b', keyId: 'key_b' };
const tenantA: TenantPrincipal = { kind: 'tenant', tenantId: 'ten_a', keyId: 'key_a' };
const stranger: RecipientPrincipal = {
  kind: 'recipient',
  recipientId: 'rcp_2',
  taxId: '12345678Z',
};

const toB = (id: string, overrides: Partial<ExchangeInvoice> = {}): ExchangeInvoice =>
  issued([line('Servicio', '1', '100.00', IVA21)], {
    id,
    tenantId: 'ten_a',
    number: `F2026-${id}`,
    payment: { means: 'transfer', dueDate: '2026-04-15' },
    ...overrides,
  });

let invoices: MemoryInvoices;
let deps: {
  invoices: MemoryInvoices;
  inbox: MemoryInbox;
  tenants: MemoryTenants;
};

beforeEach(() => {
  invoices = new MemoryInvoices();
  deps = {
    invoices,
    inbox: new MemoryInbox(invoices),
    tenants: new MemoryTenants(TENANT_A, TENANT_B),
  };
  invoices.put(toB('inv_1', { issueDate: '2026-03-01' }));
  invoices.put(toB('inv_2', { issueDate: '2026-03-20' }));
  invoices.put(toB('inv_draft', { status: 'draft', number: undefined }));
  invoices.put(toB('inv_void', { status: 'void' }));
  // Addressed to someone else.
  invoices.put(
    toB('inv_other', {
      customer: { ...toB('x').customer, taxId: '12345678Z', name: 'Ana García Pérez' },
    }),
  );
});

describe('the inbox', () => {
  it("lists the invoices addressed to a recipient's tax id, newest first, never drafts or voided ones", async () => {
    const page = await listInbox(deps)(recipientB, { limit: 10 });
    expect(page.items.map((i) => i.id)).toEqual(['inv_2', 'inv_1']);
  });

  it("is, for a tenant, the inbox of its profile's tax id", async () => {
    const page = await listInbox(deps)(tenantB, { limit: 10 });
    expect(page.items.map((i) => i.id)).toEqual(['inv_2', 'inv_1']);
    // Tenant A's own tax id receives nothing here.
    expect((await listInbox(deps)(tenantA, { limit: 10 })).items).toEqual([]);
  });

  it('filters by issuer tax id as people type it, by status and by issue dates', async () => {
    const list = (f: Parameters<ReturnType<typeof listInbox>>[1]) =>
      listInbox(deps)(recipientB, f).then((p) => p.items.map((i) => i.id));
    expect(await list({ limit: 10, issuerTaxId: 'es-b12345674' })).toEqual(['inv_2', 'inv_1']);
    expect(await list({ limit: 10, issuerTaxId: 'B87654321' })).toEqual([]);
    expect(await list({ limit: 10, from: '2026-03-02' })).toEqual(['inv_2']);
    expect(await list({ limit: 10, to: '2026-03-01' })).toEqual(['inv_1']);
    expect(await list({ limit: 10, status: 'accepted' })).toEqual([]);
    expect(await list({ limit: 10, status: 'received' })).toEqual(['inv_2', 'inv_1']);
  });

  it('normalises a filtered tax id the way parties are stored', () => {
    expect(normalizeTaxIdFilter(' es b-12345674 ')).toBe('B12345674');
    expect(normalizeTaxIdFilter('de 123456789')).toBe('DE123456789');
  });

  it("reads an invoice by its inbox id, and shows the buyer what it owes, not the issuer's internals", async () => {
    const id = inboxId({ tenantId: 'ten_a', invoiceId: 'inv_1' });
    const invoice = await getInboxInvoice(deps)(recipientB, id);
    const view = inboxInvoiceView(invoice, testFormats);
    expect(view).toMatchObject({
      id,
      status: 'received',
      invoiceStatus: 'issued',
      origin: 'platform',
      number: 'F2026-inv_1',
      issueDate: '2026-03-01',
      dueDate: '2026-04-15',
      issuer: { taxId: 'B12345674', name: 'Sello Demo Servicios S.L.' },
      totals: { net: '100.00', tax: '21.00', withheld: '0.00', total: '121.00' },
      documents: ['pdf', 'facturae', 'ubl', 'cii'],
      history: [],
    });
    expect(view).not.toHaveProperty('customerId');
    expect(view).not.toHaveProperty('events');
    expect(view).not.toHaveProperty('tenantId');
  });

  it.each([
    ['addressed to someone else', stranger, inboxId({ tenantId: 'ten_a', invoiceId: 'inv_1' })],
    ['a draft', recipientB, inboxId({ tenantId: 'ten_a', invoiceId: 'inv_draft' })],
    ['voided', recipientB, inboxId({ tenantId: 'ten_a', invoiceId: 'inv_void' })],
    ['of another issuer id', recipientB, inboxId({ tenantId: 'ten_b', invoiceId: 'inv_1' })],
    ['not an inbox id', recipientB, 'inv_1'],
  ] as const)('reads as absent when %s', async (_why, principal, id) => {
    await expect(getInboxInvoice(deps)(principal, id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('status changes', () => {
  const id = inboxId({ tenantId: 'ten_a', invoiceId: 'inv_1' });
  const at = '2026-03-21T10:00:00.000Z';
  let events: RecordingPublisher;
  let set: ReturnType<typeof setInboxStatus>;
  beforeEach(() => {
    events = new RecordingPublisher();
    set = setInboxStatus({ ...deps, clock: fixedClock(at), events });
  });

  it("are written on the issuer's invoice, with an event naming who acted, and published to the issuer", async () => {
    const accepted = await set(recipientB, id, { status: 'accepted' });
    const paid = await set(recipientB, id, { status: 'paid' });
    const stored = (await invoices.get('ten_a', 'inv_1')) as ExchangeInvoice;
    expect(stored.recipientStatus).toBe('paid');
    expect(stored.status).toBe('issued');
    expect(stored.version).toBe(3);
    expect(stored.events).toEqual([
      {
        at,
        type: 'recipient.accepted',
        detail: {
          status: 'accepted',
          by: { kind: 'recipient', recipientId: 'rcp_1', taxId: 'A58818501' },
        },
      },
      {
        at,
        type: 'recipient.paid',
        detail: {
          status: 'paid',
          by: { kind: 'recipient', recipientId: 'rcp_1', taxId: 'A58818501' },
        },
      },
    ]);
    expect(accepted.recipientStatus).toBe('accepted');
    expect(inboxInvoiceView(paid, testFormats).history).toEqual([
      { at, status: 'accepted' },
      { at, status: 'paid' },
    ]);
    expect(events.events).toEqual([
      {
        id: 'invoice.status_changed:inv_1:v2',
        type: 'invoice.status_changed',
        tenantId: 'ten_a',
        occurredAt: at,
        data: {
          invoiceId: 'inv_1',
          number: 'F2026-inv_1',
          status: 'issued',
          recipientStatus: 'accepted',
          buyerTaxId: 'A58818501',
        },
      },
      expect.objectContaining({ id: 'invoice.status_changed:inv_1:v3' }),
    ]);
  });

  it('may be made by a tenant on invoices addressed to its own tax id', async () => {
    await set(tenantB, id, { status: 'rejected', reason: '  Importe incorrecto ' });
    const stored = (await invoices.get('ten_a', 'inv_1')) as ExchangeInvoice;
    expect(stored.recipientStatus).toBe('rejected');
    expect(stored.events.at(-1)?.detail).toEqual({
      status: 'rejected',
      reason: 'Importe incorrecto',
      by: { kind: 'tenant', taxId: 'A58818501' },
    });
  });

  it('refuse a rejection without reason (422) and a change out of order (409), writing nothing', async () => {
    await expect(set(recipientB, id, { status: 'rejected' })).rejects.toBeInstanceOf(
      UnprocessableError,
    );
    await expect(set(recipientB, id, { status: 'paid' })).rejects.toBeInstanceOf(ConflictError);
    expect((await invoices.get('ten_a', 'inv_1'))?.version).toBe(1);
    expect(events.events).toEqual([]);
  });

  it('refuse an invoice its issuer cancelled', async () => {
    invoices.put(toB('inv_c', { status: 'cancelled' }));
    await expect(
      set(recipientB, inboxId({ tenantId: 'ten_a', invoiceId: 'inv_c' }), { status: 'accepted' }),
    ).rejects.toThrow('was cancelled by its issuer');
  });

  it('cannot touch an invoice addressed to someone else', async () => {
    await expect(set(stranger, id, { status: 'accepted' })).rejects.toBeInstanceOf(NotFoundError);
    expect((await invoices.get('ten_a', 'inv_1'))?.version).toBe(1);
  });

  it("re-read the invoice when the issuer changed it meanwhile, keeping the issuer's change", async () => {
    let raced = false;
    invoices.beforeUpdate = (next) => {
      if (raced) return;
      raced = true;
      // The issuer sends the invoice between our read and our write.
      const current = invoices.items.get('ten_a/inv_1')!;
      invoices.put({
        ...current,
        status: 'sent',
        events: [...current.events, { at, type: 'sent' }],
        version: current.version + 1,
      });
      expect(next.version).toBe(2);
    };
    await set(recipientB, id, { status: 'accepted' });
    const stored = (await invoices.get('ten_a', 'inv_1')) as ExchangeInvoice;
    expect(stored.status).toBe('sent');
    expect(stored.recipientStatus).toBe('accepted');
    expect(stored.events.map((e) => e.type)).toEqual(['sent', 'recipient.accepted']);
    expect(stored.version).toBe(3);
  });

  it('still succeed when publishing fails; the failure is reported', async () => {
    const reported: unknown[] = [];
    const failing = setInboxStatus({
      ...deps,
      clock: fixedClock(at),
      events: { publish: async () => Promise.reject(new Error('queue down')) },
      report: (e) => reported.push(e),
    });
    await failing(recipientB, id, { status: 'accepted' });
    expect((await invoices.get('ten_a', 'inv_1')) as ExchangeInvoice).toMatchObject({
      recipientStatus: 'accepted',
    });
    expect(reported).toEqual([new Error('queue down')]);
  });
});

describe('documents from the inbox', () => {
  const readDeps = (artifacts = new MemoryArtifacts()) => ({
    ...deps,
    artifacts,
    documents: storedDocuments({ artifacts, renderer: fakeRenderer, formats: testFormats }),
    formats: testFormats,
    preview: (i: ExchangeInvoice) => fakeRenderer.pdf!(i, { draft: true }),
    exporter: {
      ubl: (i: ExchangeInvoice) => new TextEncoder().encode(`<Invoice>${i.number}</Invoice>`),
      cii: (i: ExchangeInvoice) => new TextEncoder().encode(`<rsm:CII>${i.number}</rsm:CII>`),
    },
  });
  const get = () => getInboxDocument(readDeps());

  it("are the issuer's PDF and Facturae, named after the invoice number", async () => {
    const id = inboxId({ tenantId: 'ten_a', invoiceId: 'inv_1' });
    const pdf = await get()(recipientB, id, 'pdf');
    expect(Buffer.from(pdf.bytes).toString()).toBe('pdf of F2026-inv_1');
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.filename).toBe('F2026-inv_1.pdf');
    const xml = await get()(recipientB, id, 'facturae');
    expect(Buffer.from(xml.bytes).toString()).toBe('facturae of F2026-inv_1');
    expect(xml.filename).toBe('F2026-inv_1.xsig');
  });

  it('have no original for an invoice issued on the platform', async () => {
    const id = inboxId({ tenantId: 'ten_a', invoiceId: 'inv_1' });
    await expect(get()(recipientB, id, 'original')).rejects.toBeInstanceOf(ConflictError);
  });

  it('serve an imported invoice as it came in, never as a Facturae we would sign', async () => {
    const artifacts = new MemoryArtifacts();
    await artifacts.put(
      'tenants/ten_a/imports/abc.xml',
      Buffer.from('<Invoice/>'),
      'application/xml',
    );
    invoices.put(
      toB('inv_ubl', {
        origin: 'import',
        imported: {
          format: 'ubl',
          filename: 'factura 7.xml',
          key: 'tenants/ten_a/imports/abc.xml',
          sha256: 'abc',
          size: 10,
          importedAt: '2026-03-21T09:00:00.000Z',
        },
      }),
    );
    const id = inboxId({ tenantId: 'ten_a', invoiceId: 'inv_ubl' });
    const read = getInboxDocument(readDeps(artifacts));
    const original = await read(recipientB, id, 'original');
    expect(Buffer.from(original.bytes).toString()).toBe('<Invoice/>');
    expect(original).toMatchObject({ contentType: 'application/xml', filename: 'factura 7.xml' });
    await expect(read(recipientB, id, 'facturae')).rejects.toThrow(
      'This invoice was imported as UBL; download it as `original`',
    );
    const view = inboxEntryView(
      (await invoices.get('ten_a', 'inv_ubl')) as ExchangeInvoice,
      testFormats,
    );
    expect(view).toMatchObject({ origin: 'import', documents: ['pdf', 'original'] });
    expect(view.id).toBe(inboxIdOf((await invoices.get('ten_a', 'inv_ubl')) as ExchangeInvoice));
  });
});
