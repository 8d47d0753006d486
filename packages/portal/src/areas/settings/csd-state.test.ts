import { describe, expect, it } from 'vitest';
import { csdProblemKey, csdState } from './csd-state.ts';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const until = (validTo: string) => csdState({ validFrom: '2023-05-18T11:43:51Z', validTo }, NOW);

describe('where a CSD stands', () => {
  it('is in force with more than 30 days left, ending soon within them, ended after', () => {
    expect(until('2027-05-18T11:43:51Z').state).toBe('valid');
    expect(until('2027-01-06T13:00:00Z')).toEqual({ state: 'valid', days: 31 });
    expect(until('2027-01-06T12:00:00Z')).toEqual({ state: 'expiring', days: 30 });
    expect(until('2026-12-08T00:00:00Z')).toEqual({ state: 'expiring', days: 1 });
    expect(until('2026-12-07T12:00:00Z').state).toBe('expired');
    expect(until('2025-01-01T00:00:00Z').state).toBe('expired');
  });

  it('is not yet in force before its start', () => {
    expect(
      csdState({ validFrom: '2027-01-01T00:00:00Z', validTo: '2031-01-01T00:00:00Z' }, NOW).state,
    ).toBe('notYetValid');
  });
});

describe('a refused CSD in the page’s words', () => {
  it('knows the refusals a person meets, by the field and the API’s words', () => {
    expect(
      csdProblemKey(400, {
        path: 'password',
        message: 'The password does not open this .key file',
      }),
    ).toEqual({ key: 'wrongPassword' });
    expect(
      csdProblemKey(400, {
        path: 'certificate',
        message: 'This is an e.firma (FIEL) certificate, not a CSD',
      }),
    ).toEqual({ key: 'eFirma' });
    expect(
      csdProblemKey(400, {
        path: 'certificate',
        message: 'The CSD expired on 2023-01-01T00:00:00.000Z',
      }),
    ).toEqual({ key: 'expired' });
    expect(
      csdProblemKey(409, {
        path: 'certificate',
        message: "The CSD is of RFC EKU9003173C9; the tenant's RFC is XIQB891116QE4",
      }),
    ).toEqual({ key: 'otherRfc', values: { csd: 'EKU9003173C9', tenant: 'XIQB891116QE4' } });
    expect(
      csdProblemKey(400, {
        path: 'key',
        message: 'The .key file is not the key of this certificate',
      }),
    ).toEqual({ key: 'keyMismatch' });
  });

  it('leaves anything else in the API’s words', () => {
    expect(
      csdProblemKey(400, {
        path: 'certificate',
        message: 'The .cer file is not an X.509 certificate',
      }),
    ).toBeUndefined();
    expect(csdProblemKey(409, { path: 'certificate', message: 'Something new' })).toBeUndefined();
  });
});
