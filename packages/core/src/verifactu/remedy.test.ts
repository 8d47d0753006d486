import { beforeEach, describe, expect, it } from 'vitest';
import { corrective, IVA21, issued, line, SYSTEM } from '../../testing/verifactu.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import type { Invoice, PartySnapshot } from '../invoices/model.ts';
import type { Tenant } from '../tenants/tenant.ts';
import { buildRegistroAlta } from './alta.ts';
import { buildRegistroAnulacion } from './anulacion.ts';
import { verifyChain } from './chain.ts';
import { type BillingRecord, linkOf, type RegistroAlta } from './record.ts';
import { type RemedyDeps, remedyFlags, remedyRecord } from './remedy.ts';
import type {
  ChainHead,
  RecordSubmission,
  RemedyRepository,
  RemedyTarget,
  StoredRecord,
  VerifactuRepository,
} from './store.ts';

/** The chain over an array, with the DynamoDB adapter's conditions for a correction. */
class MemoryChain implements VerifactuRepository, RemedyRepository {
  readonly records: StoredRecord[] = [];
  invoiceVersion = 1;

  append(invoiceId: string, record: BillingRecord, submission: RecordSubmission) {
    this.records.push({
      tenantId: 'ten_1',
      seq: this.records.length + 1,
      invoiceId,
      record,
      generatedAt: record.FechaHoraHusoGenRegistro,
      submission,
    });
  }

  async head(): Promise<ChainHead | undefined> {
    const last = this.records.at(-1);
    return last ? { seq: last.seq, link: linkOf(last.record) } : undefined;
  }

  async list() {
    return { items: [...this.records] };
  }

  async ofInvoice(_tenantId: string, invoiceId: string) {
    return this.records.filter((r) => r.invoiceId === invoiceId).map((r) => structuredClone(r));
  }

  async appendRemedy(target: RemedyTarget, build: (head: ChainHead | undefined) => RegistroAlta) {
    const corrected = this.records.find((r) => r.seq === target.remediedSeq)!;
    if (
      corrected.remediedBy !== undefined ||
      !['rejected', 'acceptedWithErrors'].includes(corrected.submission.state) ||
      target.invoiceVersion !== this.invoiceVersion
    ) {
      throw new ConflictError('changed meanwhile');
    }
    const record = build(await this.head());
    const stored: StoredRecord = {
      tenantId: target.tenantId,
      seq: this.records.length + 1,
      invoiceId: target.invoiceId,
      record,
      generatedAt: record.FechaHoraHusoGenRegistro,
      submission: { state: 'pending' },
      remedyOf: target.remediedSeq,
    };
    corrected.remediedBy = stored.seq;
    this.records.push(stored);
    return structuredClone(stored);
  }
}

const GERMAN: PartySnapshot = {
  taxId: 'DE123456789',
  taxIdKind: 'EU_VAT',
  personType: 'legalEntity',
  name: 'Beispiel GmbH',
  address: { line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' },
};

const rejected = (code = '1121'): RecordSubmission => ({
  state: 'rejected',
  errors: [{ code, description: 'AEAT says no' }],
});
const withErrors: RecordSubmission = {
  state: 'acceptedWithErrors',
  errors: [{ code: '2000', description: 'Huella' }],
};

let chain: MemoryChain;
let invoice: Invoice;
let now: Date;
let deps: RemedyDeps;

const altaOf = (inv: Invoice, options: Partial<Parameters<typeof buildRegistroAlta>[1]> = {}) =>
  buildRegistroAlta(inv, {
    system: SYSTEM,
    generatedAt: now,
    timezone: 'Europe/Madrid',
    ...(chain.records.length ? { previous: linkOf(chain.records.at(-1)!.record) } : {}),
    ...options,
  });

beforeEach(() => {
  chain = new MemoryChain();
  now = new Date('2026-03-16T09:00:00Z');
  invoice = issued([line('Consultoría', '1', '100.00', IVA21)], { customer: GERMAN });
  deps = {
    invoices: { get: async (_t, id) => (id === invoice.id ? invoice : undefined) },
    tenants: { get: async (id) => ({ id, timezone: 'Europe/Madrid' }) as Tenant },
    records: chain,
    clock: { now: () => now },
    system: SYSTEM,
  };
});

const remedy = (input = {}) => remedyRecord(deps)('ten_1', invoice.id, input);

describe('remedyFlags (AEAT Validaciones v1.2.2 annex 6.1)', () => {
  const stored = (seq: number, submission: RecordSubmission, Subsanacion?: 'S') =>
    ({
      seq,
      record: { ...altaOf(invoice), ...(Subsanacion ? { Subsanacion } : {}) },
      submission,
    }) as StoredRecord;

  it('corrects a record accepted with errors with Subsanacion S alone', () => {
    expect(remedyFlags([stored(1, withErrors)])).toEqual({ Subsanacion: 'S' });
  });

  it('sends an "alta por rechazo" (S, X) while AEAT holds nothing of the invoice', () => {
    expect(remedyFlags([stored(1, rejected())])).toEqual({ Subsanacion: 'S', RechazoPrevio: 'X' });
    // A rejected alta por rechazo leaves AEAT still without the invoice.
    expect(remedyFlags([stored(1, rejected()), stored(2, rejected(), 'S')])).toEqual({
      Subsanacion: 'S',
      RechazoPrevio: 'X',
    });
  });

  it('sends an "alta por rechazo de subsanación" (S, S) when AEAT holds the invoice', () => {
    expect(remedyFlags([stored(1, withErrors), stored(2, rejected(), 'S')])).toEqual({
      Subsanacion: 'S',
      RechazoPrevio: 'S',
    });
  });

  it('corrects what AEAT holds (S) when the rejection was a duplicate', () => {
    expect(remedyFlags([stored(1, rejected('3000'))])).toEqual({ Subsanacion: 'S' });
  });
});

describe('remedyRecord', () => {
  it('chains a new alta of the same invoice with Subsanacion S and RechazoPrevio X after a rejection', async () => {
    chain.append('inv_0', altaOf(issued([line('Otra', '1', '10.00', IVA21)], { id: 'inv_0' })), {
      state: 'accepted',
    });
    chain.append(invoice.id, altaOf(invoice), rejected());
    now = new Date('2026-03-16T10:30:00Z');

    const { record, history } = await remedy();

    expect(record).toMatchObject({ seq: 3, invoiceId: invoice.id, remedyOf: 2 });
    expect(record.submission).toEqual({ state: 'pending' });
    const alta = record.record as RegistroAlta;
    const original = chain.records[1]!.record as RegistroAlta;
    expect(alta).toMatchObject({ Subsanacion: 'S', RechazoPrevio: 'X' });
    expect(alta.IDFactura).toEqual(original.IDFactura);
    expect(alta.ImporteTotal).toBe(original.ImporteTotal);
    expect(alta.FechaHoraHusoGenRegistro).toBe('2026-03-16T11:30:00+01:00');
    expect(alta.RegistroAnterior).toEqual(linkOf(original));
    expect(alta.Huella).not.toBe(original.Huella);
    expect(verifyChain(chain.records.map((r) => r.record))).toEqual({ valid: true, checked: 3 });
    expect(history.map((h) => [h.seq, h.remediedBy, h.remedyOf])).toEqual([
      [2, 3, undefined],
      [3, undefined, 2],
    ]);
  });

  it('changes how a foreign recipient is identified, and keeps it (and the description) in a later correction', async () => {
    chain.append(invoice.id, altaOf(invoice), rejected());
    const first = (await remedy({ recipientIdType: '04', description: 'Consultoría, marzo' }))
      .record.record as RegistroAlta;
    expect(first.Destinatarios).toEqual([
      {
        NombreRazon: 'Beispiel GmbH',
        IDOtro: { CodigoPais: 'DE', IDType: '04', ID: 'DE123456789' },
      },
    ]);
    expect(first.DescripcionOperacion).toBe('Consultoría, marzo');

    chain.records[1]!.submission = withErrors;
    const second = (await remedy()).record.record as RegistroAlta;
    expect(second.Destinatarios?.[0]).toMatchObject({ IDOtro: { IDType: '04' } });
    expect(second.DescripcionOperacion).toBe('Consultoría, marzo');
    expect(second).toMatchObject({ Subsanacion: 'S' });
    expect(second.RechazoPrevio).toBeUndefined();
  });

  it('refuses an IDOtro type for a recipient with a Spanish NIF, naming the field', async () => {
    invoice = issued([line('Consultoría', '1', '100.00', IVA21)]);
    chain.append(invoice.id, altaOf(invoice), rejected());
    const error = await remedy({ recipientIdType: '02' }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.errors).toEqual([
      {
        path: 'recipientIdType',
        message: 'the recipient has a Spanish NIF, which is not an IDOtro',
      },
    ]);
    expect(chain.records).toHaveLength(1);
  });

  it('keeps a substitution corrective’s ImporteRectificacion without the original invoice', async () => {
    invoice = corrective([line('Consultoría', '1', '120.00', IVA21)], 'substitution');
    const replaced = { BaseRectificada: '100.00', CuotaRectificada: '21.00' };
    chain.append(invoice.id, altaOf(invoice, { importeRectificacion: replaced }), withErrors);
    const alta = (await remedy()).record.record as RegistroAlta;
    expect(alta).toMatchObject({ TipoRectificativa: 'S', ImporteRectificacion: replaced });
  });

  it.each([
    ['pending', { state: 'pending' } as RecordSubmission, /AEAT has not answered/],
    ['accepted', { state: 'accepted' } as RecordSubmission, /needs a corrective invoice/],
  ])('refuses to correct a %s record', async (_name, submission, message) => {
    chain.append(invoice.id, altaOf(invoice), submission);
    await expect(remedy()).rejects.toThrow(ConflictError);
    await expect(remedy()).rejects.toThrow(message);
    expect(chain.records).toHaveLength(1);
  });

  it('refuses to correct an annulled invoice, and a record corrected already', async () => {
    chain.append(invoice.id, altaOf(invoice), rejected());
    await remedy();
    chain.records[1]!.submission = rejected();
    chain.records[0]!.submission = rejected();
    // The first record has its correction: only the latest record is ever corrected.
    chain.append(
      invoice.id,
      buildRegistroAnulacion(invoice, {
        system: SYSTEM,
        previous: linkOf(chain.records.at(-1)!.record),
        generatedAt: now,
        timezone: 'Europe/Madrid',
      }),
      rejected(),
    );
    await expect(remedy()).rejects.toThrow(/was annulled/);
  });

  it('answers not found for an invoice without records', async () => {
    await expect(remedy()).rejects.toThrow(/VERI\*FACTU record of invoice inv_1 was not found/);
  });
});
