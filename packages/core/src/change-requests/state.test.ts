import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../errors.ts';
import { correctionIds, correctionInvoiceId, correctionSeed } from './ids.ts';
import type { Actor, ChangeRequest } from './model.ts';
import {
  abandonCorrection,
  correctionPending,
  decline,
  doneWithoutCorrection,
  finishCorrection,
  startCorrection,
  take,
} from './state.ts';

const staff: Actor = { kind: 'staff', id: 'usr_1', email: 'ana@example.es' };
const AT = '2026-12-07T21:00:00.000Z';

const aRequest = (overrides: Partial<ChangeRequest> = {}): ChangeRequest => ({
  id: 'chr_01kbexampleexampleexample',
  tenantId: 'ten_1',
  invoiceId: 'inv_1',
  invoiceNumber: 'F2026-000001',
  type: 'correctData',
  message: 'Wrong address',
  status: 'open',
  requestedBy: { kind: 'key', id: 'key_1' },
  events: [{ at: '2026-12-07T20:00:00.000Z', type: 'created', by: { kind: 'key', id: 'key_1' } }],
  version: 1,
  createdAt: '2026-12-07T20:00:00.000Z',
  updatedAt: '2026-12-07T20:00:00.000Z',
  ...overrides,
});

const rectify = { reasonCode: '07', method: 'differences', lines: [] };

describe('the change request state machine', () => {
  it('open → in_progress (by whom, when); taking it again changes nothing', () => {
    const taken = take(aRequest(), staff, AT)!;
    expect(taken).toMatchObject({ status: 'in_progress', version: 2, updatedAt: AT });
    expect(taken.events.at(-1)).toEqual({ at: AT, type: 'in_progress', by: staff });
    expect(take(taken, staff, AT)).toBeUndefined();
  });

  it('declines from open or in progress with a reason; not without one, nor twice', () => {
    const declined = decline(aRequest(), staff, AT, '  The data is right  ');
    expect(declined).toMatchObject({
      status: 'declined',
      reason: 'The data is right',
      resolvedAt: AT,
    });
    expect(declined.events.at(-1)).toMatchObject({ type: 'declined', by: staff });
    expect(decline(take(aRequest(), staff, AT)!, staff, AT, 'No').status).toBe('declined');
    expect(() => decline(aRequest(), staff, AT, '  ')).toThrow(ValidationError);
    try {
      decline(declined, staff, AT, 'again');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).errors[0]).toMatchObject({ path: 'status' });
      expect((error as ConflictError).message).toContain('declined');
    }
  });

  it('records the correction before it runs; the same one again resumes, another is refused', () => {
    const started = startCorrection(aRequest(), staff, AT, 'rectify', rectify)!;
    expect(started).toMatchObject({
      status: 'in_progress',
      correction: { type: 'rectify', input: rectify, startedAt: AT },
    });
    expect(startCorrection(started, staff, AT, 'rectify', { ...rectify })).toBeUndefined();
    // As stored (a DynamoDB map keeps no key order) it is still the same body.
    const reordered = { lines: [], method: 'differences', reasonCode: '07' };
    expect(startCorrection(started, staff, AT, 'rectify', reordered)).toBeUndefined();
    expect(() =>
      startCorrection(started, staff, AT, 'rectify', { ...rectify, reasonCode: '01' }),
    ).toThrow(ConflictError);
    expect(() => startCorrection(started, staff, AT, 'cancel', {})).toThrow(ConflictError);
    // Once a correction may have issued invoices, the request can only be done.
    expect(() => decline(started, staff, AT, 'changed my mind')).toThrow(ConflictError);
    // A correction that failed having made nothing is taken off: another body, or a decline.
    const failed = abandonCorrection(started, staff, AT, 'The parts do not add up')!;
    expect(failed.correction).toBeUndefined();
    expect(failed).toMatchObject({ status: 'in_progress', version: started.version + 1 });
    expect(failed.events.at(-1)).toMatchObject({
      type: 'correction_failed',
      detail: { correction: 'rectify', error: 'The parts do not add up' },
    });
    expect(startCorrection(failed, staff, AT, 'cancel', {})?.correction?.type).toBe('cancel');
    expect(decline(failed, staff, AT, 'No').status).toBe('declined');
  });

  it('finishes as done with the invoices made; a done request stays as it is', () => {
    const started = startCorrection(aRequest(), staff, AT, 'split', { parts: [] })!;
    const pending = correctionPending(started, staff, AT);
    expect(pending.correction?.pending).toBe(true);
    const done = finishCorrection(pending, staff, AT, ['inv_a', 'inv_b']);
    expect(done).toMatchObject({
      status: 'done',
      resolvedAt: AT,
      correction: { type: 'split', invoiceIds: ['inv_a', 'inv_b'] },
    });
    expect(done.correction?.pending).toBeUndefined();
    expect(finishCorrection(done, staff, AT, ['inv_c'])).toBe(done);
    expect(() => take(done, staff, AT)).toThrow(ConflictError);
    expect(() => startCorrection(done, staff, AT, 'rectify', rectify)).toThrow(ConflictError);
  });

  it('only a correctData request is done without a correction', () => {
    const done = doneWithoutCorrection(aRequest(), staff, AT, 'Customer record fixed');
    expect(done).toMatchObject({ status: 'done', resolvedAt: AT });
    expect(done.events.at(-1)).toMatchObject({ detail: { note: 'Customer record fixed' } });
    expect(doneWithoutCorrection(done, staff, AT)).toBe(done);
    for (const type of ['cancel', 'split'] as const) {
      try {
        doneWithoutCorrection(aRequest({ type }), staff, AT);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).errors[0]?.path).toBe('correction');
      }
    }
    const started = startCorrection(aRequest(), staff, AT, 'rectify', rectify)!;
    expect(() => doneWithoutCorrection(started, staff, AT)).toThrow(ConflictError);
  });
});

describe('the invoice ids a correction derives from its request', () => {
  it('are the same on every attempt, distinct per position, and shaped like other ids', () => {
    const id = correctionSeed('chr_01kbexampleexampleexample', 'rectify', { a: 1, b: [2] });
    expect(correctionSeed('chr_01kbexampleexampleexample', 'rectify', { b: [2], a: 1 })).toBe(id);
    expect(correctionSeed('chr_01kbexampleexampleexample', 'rectify', { a: 2, b: [2] })).not.toBe(
      id,
    );
    const a = correctionIds(id, { next: (p) => `${p}_x` });
    const b = correctionIds(id, { next: (p) => `${p}_x` });
    const first = [a.next('inv'), a.next('inv'), a.next('inv')];
    expect([b.next('inv'), b.next('inv'), b.next('inv')]).toEqual(first);
    expect(new Set(first).size).toBe(3);
    expect(first[0]).toBe(correctionInvoiceId(id, 0));
    expect(first[0]).toMatch(/^inv_01kbexampl[0-9a-hjkmnp-tv-z]{16}$/);
    expect(a.next('vfr')).toBe('vfr_x');
    expect(correctionInvoiceId(`${id}0`, 0)).not.toBe(first[0]);
  });
});
