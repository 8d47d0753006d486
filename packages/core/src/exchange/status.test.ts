import { describe, expect, it } from 'vitest';
import { ConflictError } from '../errors.ts';
import { UnprocessableError } from './errors.ts';
import type { InboxStatus, RecipientStatus } from './model.ts';
import { checkTransition } from './status.ts';

describe('inbox status transitions', () => {
  it.each([
    ['received', 'accepted'],
    ['received', 'rejected'],
    ['accepted', 'paid'],
  ] as const)('allow %s → %s', (from, to) => {
    expect(() => checkTransition(from, to, 'a reason')).not.toThrow();
  });

  it.each([
    ['received', 'paid'],
    ['accepted', 'accepted'],
    ['accepted', 'rejected'],
    ['rejected', 'accepted'],
    ['rejected', 'paid'],
    ['rejected', 'rejected'],
    ['paid', 'accepted'],
    ['paid', 'rejected'],
    ['paid', 'paid'],
  ] as [InboxStatus, RecipientStatus][])('refuse %s → %s as a conflict', (from, to) => {
    expect(() => checkTransition(from, to, 'a reason')).toThrow(ConflictError);
  });

  it('says which changes remain allowed', () => {
    expect(() => checkTransition('accepted', 'rejected', 'late')).toThrow(
      'The invoice is accepted; it cannot become rejected (allowed: paid)',
    );
    expect(() => checkTransition('paid', 'paid', undefined)).toThrow(
      'The invoice is paid; it cannot become paid (no further change is allowed)',
    );
  });

  it.each([undefined, '', '   '])('wants a reason to reject (%j)', (reason) => {
    const error = (() => {
      try {
        checkTransition('received', 'rejected', reason);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnprocessableError);
    expect((error as UnprocessableError).errors).toEqual([
      { path: 'reason', message: 'Say why the invoice is rejected' },
    ]);
  });
});
