import type { Customer, CustomerRepository } from '../src/customers/customer.ts';
import type { ParsedDocument, ParsedInvoice } from '../src/documents/parsed.ts';
import { ConflictError, PreconditionFailedError } from '../src/errors.ts';
import type { ExchangeInvoice } from '../src/exchange/exchange-invoice.ts';
import {
  type DocumentReader,
  type ImportRepository,
  type InboxFilter,
  type InboxRepository,
  type NumberHolder,
  numberTaken,
} from '../src/exchange/ports.ts';
import type { InvoiceRenderer } from '../src/invoices/documents.ts';
import type { InvoiceRepository } from '../src/invoices/invoice-repository.ts';
import type { ArtifactStore } from '../src/ports/artifacts.ts';
import type { Clock } from '../src/ports/clock.ts';
import type { DomainEvent, EventPublisher } from '../src/ports/events.ts';
import type { IdGenerator } from '../src/ports/ids.ts';
import type { Page, PageRequest } from '../src/shared/page.ts';
import type { Tenant, TenantRepository } from '../src/tenants/tenant.ts';

/**
 * In-memory ports for the exchange unit tests (not exported from the package). They keep what the
 * use cases rely on of the DynamoDB adapters: versioned updates, the inbox's visibility rules
 * (drafts never indexed, voided left out, newest first), one write for invoice and number guard.
 */
const keyOf = (tenantId: string, id: string) => `${tenantId}/${id}`;

export class MemoryInvoices implements InvoiceRepository {
  readonly items = new Map<string, ExchangeInvoice>();
  /** Runs before each update is applied, to simulate another writer. */
  beforeUpdate?: (next: ExchangeInvoice) => void;

  put(invoice: ExchangeInvoice) {
    this.items.set(keyOf(invoice.tenantId, invoice.id), structuredClone(invoice));
  }
  async create(invoice: ExchangeInvoice) {
    if (this.items.has(keyOf(invoice.tenantId, invoice.id))) throw new ConflictError('exists');
    this.put(invoice);
  }
  async get(tenantId: string, id: string) {
    const found = this.items.get(keyOf(tenantId, id));
    return found && structuredClone(found);
  }
  async update(next: ExchangeInvoice) {
    this.beforeUpdate?.(next);
    const stored = this.items.get(keyOf(next.tenantId, next.id));
    if (!stored || stored.version !== next.version - 1) throw new PreconditionFailedError('stale');
    this.put(next);
  }
  list(): never {
    throw new Error('not used');
  }
  updateDraft(): never {
    throw new Error('not used');
  }
  issue(): never {
    throw new Error('not used');
  }
  updateWithRecord(): never {
    throw new Error('not used');
  }
}

export class MemoryInbox implements InboxRepository {
  constructor(private readonly invoices: MemoryInvoices) {}
  async list(taxId: string, f: InboxFilter & PageRequest): Promise<Page<ExchangeInvoice>> {
    const sortKey = (i: ExchangeInvoice) => `${i.issueDate}#${i.tenantId}#${i.id}`;
    const all = [...this.invoices.items.values()]
      .filter(
        (i) =>
          i.customer.taxId === taxId &&
          i.status !== 'draft' &&
          i.status !== 'void' &&
          (!f.issuerTaxId || i.issuer.taxId === f.issuerTaxId) &&
          (!f.status || (i.recipientStatus ?? 'received') === f.status) &&
          (!f.from || i.issueDate >= f.from) &&
          (!f.to || i.issueDate <= f.to),
      )
      .sort((a, b) => sortKey(b).localeCompare(sortKey(a)));
    const start = f.cursor ? Number(f.cursor) : 0;
    const next = start + f.limit < all.length ? String(start + f.limit) : undefined;
    return {
      items: all.slice(start, start + f.limit).map((i) => structuredClone(i)),
      ...(next ? { nextCursor: next } : {}),
    };
  }
}

export class MemoryImports implements ImportRepository {
  readonly numbers = new Map<string, string>();
  constructor(private readonly invoices: MemoryInvoices) {}
  async numberHolder(tenantId: string, number: string): Promise<NumberHolder | undefined> {
    const imported = this.numbers.get(keyOf(tenantId, number));
    if (imported) return { invoiceId: imported, origin: 'import' };
    const issued = [...this.invoices.items.values()].find(
      (i) => i.tenantId === tenantId && i.number === number && i.status !== 'draft' && !i.origin,
    );
    return issued ? { invoiceId: issued.id, origin: 'issued' } : undefined;
  }
  async record(invoice: ExchangeInvoice) {
    const key = keyOf(invoice.tenantId, invoice.number ?? '');
    const holder = await this.numberHolder(invoice.tenantId, invoice.number ?? '');
    if (holder) throw numberTaken(invoice.number ?? '', holder);
    await this.invoices.create(invoice);
    this.numbers.set(key, invoice.id);
  }
}

export class MemoryTenants implements TenantRepository {
  readonly items = new Map<string, Tenant>();
  constructor(...tenants: Tenant[]) {
    for (const t of tenants) this.items.set(t.id, t);
  }
  async create(tenant: Tenant) {
    this.items.set(tenant.id, tenant);
  }
  async get(id: string) {
    return this.items.get(id);
  }
}

export class MemoryCustomers implements CustomerRepository {
  readonly items = new Map<string, Customer>();
  async create(c: Customer) {
    this.items.set(keyOf(c.tenantId, c.id), structuredClone(c));
  }
  async get(tenantId: string, id: string) {
    return this.items.get(keyOf(tenantId, id));
  }
  async list(tenantId: string, page: PageRequest & { taxId?: string }) {
    const items = [...this.items.values()].filter(
      (c) => c.tenantId === tenantId && !c.deletedAt && (!page.taxId || c.taxId === page.taxId),
    );
    return { items: items.slice(0, page.limit) };
  }
  async update(next: Customer) {
    this.items.set(keyOf(next.tenantId, next.id), next);
  }
}

export class MemoryArtifacts implements ArtifactStore {
  readonly objects = new Map<string, { bytes: Uint8Array; contentType: string }>();
  async put(key: string, bytes: Uint8Array, contentType: string) {
    this.objects.set(key, { bytes, contentType });
  }
  async get(key: string) {
    return this.objects.get(key)?.bytes;
  }
}

/** Renders a document as a line naming it, so a test sees which invoice and kind it got. */
export const fakeRenderer: InvoiceRenderer = {
  facturae: async (i) => Buffer.from(`facturae of ${i.number}`),
  pdf: async (i, o) => Buffer.from(`pdf of ${i.number}${o.draft ? ' (draft)' : ''}`),
  cfdi: async (i) => Buffer.from(`cfdi of ${i.number}`),
};

export class RecordingPublisher implements EventPublisher {
  readonly events: DomainEvent[] = [];
  async publish(events: readonly DomainEvent[]) {
    this.events.push(...events);
  }
}

/** Reads a document by its text: the test names which parsed document each text stands for. */
export class ScriptedReader implements DocumentReader {
  readonly documents = new Map<string, ParsedDocument>();
  async read(bytes: Uint8Array) {
    const text = Buffer.from(bytes).toString('utf8');
    const doc = this.documents.get(text);
    if (!doc) throw new Error(`no scripted document for ${text}`);
    return structuredClone(doc);
  }
}

export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });

export const counterIds = (): IdGenerator => {
  let n = 0;
  return { next: (prefix) => `${prefix}_${String(++n).padStart(4, '0')}` };
};

export const TENANT_A: Tenant = {
  id: 'ten_a',
  name: 'Sello Demo Servicios S.L.',
  taxId: 'B12345674',
  taxIdKind: 'ES_CIF',
  personType: 'legalEntity',
  email: 'billing@demo.example',
  language: 'es',
  timezone: 'Europe/Madrid',
  address: { line1: 'Calle de Alcalá 45', city: 'Madrid', postalCode: '28014', country: 'ES' },
  createdAt: '2026-01-01T00:00:00Z',
};

export const TENANT_B: Tenant = {
  ...TENANT_A,
  id: 'ten_b',
  name: 'Distribuciones Mediterráneo S.A.',
  taxId: 'A58818501',
  address: { line1: 'Carrer de Balmes 200', city: 'Barcelona', postalCode: '08006', country: 'ES' },
};

/** A Facturae as the reader reports it: seller A (B12345674), buyer B (A58818501), 2 lines. */
export function parsedFacturae(overrides: Partial<ParsedInvoice> = {}): ParsedDocument {
  const invoice: ParsedInvoice = {
    kind: 'invoice',
    number: 'ERP-2026-0042',
    series: 'ERP',
    issueDate: '2026-03-10',
    currency: 'EUR',
    seller: {
      taxId: 'ESB12345674',
      name: 'Sello Demo Servicios S.L.',
      countryCode: 'ES',
      address: {
        street: 'Calle de Alcalá 45',
        city: 'Madrid',
        postalCode: '28014',
        countryCode: 'ES',
      },
    },
    buyer: {
      taxId: 'A58818501',
      name: 'Distribuciones Mediterráneo S.A.',
      email: 'ap@mediterraneo.example',
      address: {
        street: 'Carrer de Balmes 200',
        city: 'Barcelona',
        postalCode: '08006',
        province: 'Barcelona',
        countryCode: 'ES',
      },
    },
    lines: [
      {
        description: 'Consultoría (jornada)',
        quantity: '2.00',
        unitPrice: '150.000000',
        net: '300.00',
        taxes: [
          { type: 'IVA', rate: '21.00', base: '300.00', amount: '63.00' },
          { type: 'IRPF', rate: '15.00', base: '300.00', amount: '45.00', withheld: true },
        ],
      },
      {
        description: 'Licencia mensual',
        quantity: '3',
        unitPrice: '20',
        net: '54.00',
        taxes: [{ type: 'IVA', rate: '21.00', base: '54.00', amount: '11.34' }],
      },
    ],
    breakdown: [
      { type: 'IVA', rate: '21.00', base: '354.00', amount: '74.34' },
      { type: 'IRPF', rate: '15.00', base: '300.00', amount: '45.00', withheld: true },
    ],
    totals: {
      lineNet: '354.00',
      net: '354.00',
      tax: '74.34',
      withheld: '45.00',
      total: '383.34',
      payable: '383.34',
    },
    payment: { means: '04', iban: 'ES91 2100 0418 4502 0005 1332', dueDate: '2026-04-09' },
    notes: 'Pedido 7781',
    ...overrides,
  };
  return { format: 'facturae', version: '3.2.2', valid: true, errors: [], invoice };
}
