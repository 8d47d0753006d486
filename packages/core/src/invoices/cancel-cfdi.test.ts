import { describe, expect, it } from 'vitest';
import { ConflictError, PreconditionFailedError, ValidationError } from '../errors.ts';
import {
  type CancellationRequest,
  type Pac,
  PacRejectedError,
  PacUnavailableError,
} from '../ports/pac.ts';
import {
  type CancelCfdiDeps,
  cancelCfdi,
  cfdiCancellationOf,
  correctiveCancellationOf,
} from './cancel-cfdi.ts';
import type { InvoiceRepository } from './invoice-repository.ts';
import type { Invoice } from './model.ts';

const UUID = 'AAAAAAAA-0000-4000-8000-000000000001';
const OTHER = 'BBBBBBBB-0000-4000-8000-000000000002';

const mexican = (changes: Partial<Invoice> = {}): Invoice =>
  ({
    id: 'inv_1',
    tenantId: 'ten_1',
    status: 'issued',
    number: 'A-7',
    issuer: { taxId: 'EKU9003173C9', address: { country: 'MX' } },
    cfdi: { status: 'stamped', uuid: UUID, stampedAt: '2026-12-07T12:00:00' },
    events: [],
    version: 2,
    ...changes,
  }) as Invoice;

function world(stored: Invoice, pac: Partial<Pac>, others: Invoice[] = []) {
  const state = { invoice: stored, asked: [] as CancellationRequest[] };
  const invoices = {
    get: async () => state.invoice,
    list: async () => ({ items: [state.invoice, ...others] }),
    update: async (next: Invoice) => {
      if (next.version !== state.invoice.version + 1) throw new PreconditionFailedError('moved');
      state.invoice = next;
    },
  } as unknown as InvoiceRepository;
  const deps: CancelCfdiDeps = {
    invoices,
    pac: {
      ...pac,
      cancel: async (request) => {
        state.asked.push(request);
        return pac.cancel!(request);
      },
    } as Pac,
    clock: { now: () => new Date('2026-12-07T18:00:00Z') },
  };
  return { state, deps };
}

const answers = (status: 'cancelled' | 'pending'): Partial<Pac> => ({
  cancel: async () => ({ status, at: '2026-12-07T18:00:01Z' }),
});

const failure = (promise: Promise<unknown>) => promise.catch((e: unknown) => e);

describe('cfdiCancellationOf / correctiveCancellationOf', () => {
  it('takes SAT’s reason, and the substitute with 01 only, naming the field otherwise', () => {
    expect(cfdiCancellationOf({ reason: '02' })).toEqual({ reason: '02' });
    expect(cfdiCancellationOf({ reason: '01', substitute: OTHER.toLowerCase() })).toEqual({
      reason: '01',
      substitute: OTHER,
    });
    const pathsOf = (body: object) => {
      try {
        cfdiCancellationOf(body);
        return [];
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return (error as ValidationError).errors.map((e) => e.path);
      }
    };
    expect(pathsOf({})).toEqual(['reason']);
    expect(pathsOf({ reason: '05' })).toEqual(['reason']);
    expect(pathsOf({ reason: '01' })).toEqual(['substitute']);
    expect(pathsOf({ reason: '02', substitute: OTHER })).toEqual(['substitute']);
    expect(pathsOf({ reason: '02', reasonDescription: 'x' })).toEqual(['reasonDescription']);
  });

  it('keeps the Spanish body as it was and refuses SAT’s fields on it', () => {
    expect(correctiveCancellationOf({})).toEqual({});
    expect(correctiveCancellationOf({ reasonDescription: 'Duplicada' })).toEqual({
      reasonDescription: 'Duplicada',
    });
    expect(() => correctiveCancellationOf({ reason: '02' })).toThrow(ValidationError);
  });
});

describe('cancelCfdi', () => {
  it('cancels at SAT with the issuer, the UUID and the reason, and the invoice is cancelled', async () => {
    const { state, deps } = world(mexican(), answers('cancelled'));
    const done = await cancelCfdi(deps)('ten_1', 'inv_1', { reason: '02' });
    expect(state.asked).toEqual([{ issuerRfc: 'EKU9003173C9', uuid: UUID, reason: '02' }]);
    expect(done.status).toBe('cancelled');
    expect(done.cfdi).toMatchObject({
      status: 'stamped',
      uuid: UUID,
      cancellation: { reason: '02', status: 'cancelled', at: '2026-12-07T18:00:01Z' },
    });
    expect(state.invoice.events.map((e) => e.type)).toEqual(['cancelled']);
    expect(state.invoice.version).toBe(3);
  });

  it('keeps the invoice in force while the receptor must accept; asking again learns the outcome', async () => {
    let status: 'cancelled' | 'pending' = 'pending';
    const { state, deps } = world(mexican({ status: 'sent' }), {
      cancel: async () => ({ status, at: '2026-12-07T18:00:01Z' }),
    });
    const pending = await cancelCfdi(deps)('ten_1', 'inv_1', { reason: '03' });
    expect(pending.status).toBe('sent');
    expect(pending.cfdi?.cancellation?.status).toBe('pending');
    // Still pending: nothing new to record.
    const again = await cancelCfdi(deps)('ten_1', 'inv_1', { reason: '03' });
    expect(again.version).toBe(pending.version);
    // Another reason while one is pending is refused, without asking the PAC.
    const other = await failure(cancelCfdi(deps)('ten_1', 'inv_1', { reason: '02' }));
    expect(other).toBeInstanceOf(ConflictError);
    expect(state.asked).toHaveLength(2);

    status = 'cancelled';
    const done = await cancelCfdi(deps)('ten_1', 'inv_1', { reason: '03' });
    expect(done.status).toBe('cancelled');
    expect(state.invoice.events.map((e) => e.type)).toEqual(['cancellation-pending', 'cancelled']);
  });

  it('names a substitute only when it is another stamped CFDI of the tenant in force', async () => {
    const replacement = mexican({ id: 'inv_2', cfdi: { status: 'stamped', uuid: OTHER } });
    const { state, deps } = world(mexican(), answers('cancelled'), [replacement]);
    const cancel = cancelCfdi(deps);
    const self = await failure(cancel('ten_1', 'inv_1', { reason: '01', substitute: UUID }));
    expect(self).toBeInstanceOf(ValidationError);
    const unknown = await failure(
      cancel('ten_1', 'inv_1', {
        reason: '01',
        substitute: 'CCCCCCCC-0000-4000-8000-000000000003',
      }),
    );
    expect(unknown).toBeInstanceOf(ConflictError);
    expect((unknown as ConflictError).errors[0]?.path).toBe('substitute');
    expect(state.asked).toEqual([]);

    const done = await cancel('ten_1', 'inv_1', { reason: '01', substitute: OTHER });
    expect(state.asked[0]).toMatchObject({ reason: '01', substitute: OTHER });
    expect(done.cfdi?.cancellation).toMatchObject({ reason: '01', substitute: OTHER });
    expect(state.invoice.events[0]?.detail).toMatchObject({ substitute: OTHER });
  });

  it('refuses what has nothing to cancel: not stamped, already cancelled, not a CFDI', async () => {
    for (const invoice of [
      mexican({ cfdi: { status: 'pending' } }),
      mexican({ cfdi: { status: 'refused' } }),
      mexican({
        status: 'cancelled',
        cfdi: {
          status: 'stamped',
          uuid: UUID,
          cancellation: { reason: '02', status: 'cancelled', at: '2026-12-07T18:00:01Z' },
        },
      }),
      mexican({ issuer: { taxId: 'B12345678', address: { country: 'ES' } } as never }),
    ]) {
      const { state, deps } = world(invoice, answers('cancelled'));
      const error = await failure(cancelCfdi(deps)('ten_1', 'inv_1', { reason: '02' }));
      expect(error).toBeInstanceOf(ConflictError);
      expect(state.asked).toEqual([]);
      expect(state.invoice).toBe(invoice);
    }
  });

  it('changes nothing when the PAC refuses or cannot be reached', async () => {
    for (const error of [
      new PacRejectedError('205', 'Folio Fiscal No Existente.', 'uuid'),
      new PacUnavailableError('timeout'),
    ]) {
      const stored = mexican();
      const { state, deps } = world(stored, {
        cancel: async () => {
          throw error;
        },
      });
      expect(await failure(cancelCfdi(deps)('ten_1', 'inv_1', { reason: '02' }))).toBe(error);
      expect(state.invoice).toBe(stored);
    }
  });

  it('records as cancelled what the PAC says was cancelled before (202), e.g. after a crash', async () => {
    const { state, deps } = world(mexican(), {
      cancel: async () => {
        throw new PacRejectedError('202', 'Folio Fiscal Previamente Cancelado.', 'uuid');
      },
    });
    const done = await cancelCfdi(deps)('ten_1', 'inv_1', { reason: '02' });
    expect(done.status).toBe('cancelled');
    expect(state.invoice.cfdi?.cancellation).toMatchObject({ reason: '02', status: 'cancelled' });
  });

  it('keeps SAT’s cancellation when another write moved the invoice meanwhile', async () => {
    const { state, deps } = world(mexican(), {
      cancel: async () => {
        // The invoice is sent while the PAC answers.
        state.invoice = {
          ...state.invoice,
          status: 'sent',
          events: [{ at: '2026-12-07T18:00:00Z', type: 'sent' }],
          version: 3,
        };
        return { status: 'cancelled', at: '2026-12-07T18:00:01Z' };
      },
    });
    const done = await cancelCfdi(deps)('ten_1', 'inv_1', { reason: '02' });
    expect(done.status).toBe('cancelled');
    expect(done.version).toBe(4);
    expect(state.invoice.events.map((e) => e.type)).toEqual(['sent', 'cancelled']);
  });
});
