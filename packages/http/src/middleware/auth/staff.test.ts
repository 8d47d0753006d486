import { afterEach, describe, expect, it, vi } from 'vitest';
import { anEvent, credentialStores, tokenIssuer } from '../../../testing/fakes.ts';
import { forgetMember, staffCaller } from './staff.ts';
import { tenantCaller } from './tenant.ts';

afterEach(() => {
  vi.useRealTimers();
});

const bearer = (secret: string) => anEvent({ headers: { authorization: `Bearer ${secret}` } });

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable(),
    (e) => ({ code: e.code, message: e.message, errors: e.errors }),
  );

const invalidToken = (message: string) => ({
  code: 'unauthorized',
  message,
  errors: [{ path: 'authorization', message: 'Invalid token' }],
});

describe.each([
  ['staff', staffCaller],
  ['tenant', tenantCaller],
] as const)('the %s caller with a staff access token', (_kind, caller) => {
  it('gives the member of the token, with its tenant and role', async () => {
    const stores = credentialStores();
    const { token, userId } = stores.addStaff('ten_1', 'accountant');
    expect(await caller.authenticate(bearer(token), stores)).toEqual({
      kind: 'staff',
      tenantId: 'ten_1',
      userId,
      email: `${userId}@example.es`,
      role: 'accountant',
    });
  });

  it('refuses a forged token and one of another pool or client (401 naming authorization)', async () => {
    const stores = credentialStores();
    const { userId, token } = stores.addStaff('ten_1', 'owner');
    const [head, , signature] = token.split('.');
    const forged = `${head}.${Buffer.from(`${userId}:1`).toString('base64url')}.${signature}`;
    expect(await refusal(caller.authenticate(bearer(forged), stores))).toEqual(
      invalidToken('Invalid access token; sign in again'),
    );
    // Same user id, issued by another pool's issuer (or for another client): not this verifier's.
    const foreign = tokenIssuer().issue(userId);
    expect(await refusal(caller.authenticate(bearer(foreign), stores))).toEqual(
      invalidToken('Invalid access token; sign in again'),
    );
  });

  it('refuses an expired token, saying so', async () => {
    vi.useFakeTimers();
    const stores = credentialStores();
    const { token } = stores.addStaff('ten_1', 'owner', { tokenSeconds: 60 });
    await caller.authenticate(bearer(token), stores);
    vi.advanceTimersByTime(61_000);
    expect(await refusal(caller.authenticate(bearer(token), stores))).toEqual(
      invalidToken('The access token expired; refresh it or sign in again'),
    );
  });

  it('refuses a valid token of someone who is not (or not yet) an active member', async () => {
    const stores = credentialStores();
    const invited = stores.addStaff('ten_1', 'technician', { status: 'invited' });
    const removed = stores.addStaff('ten_1', 'technician');
    stores.members.delete(removed.userId);
    for (const { token } of [invited, removed]) {
      expect(await refusal(caller.authenticate(bearer(token), stores))).toEqual(
        invalidToken('This account is not a member of a tenant'),
      );
    }
  });

  it('refuses staff tokens where no user pool is configured', async () => {
    const { people: _, ...stores } = credentialStores();
    const token = tokenIssuer().issue('user-1');
    expect((await refusal(caller.authenticate(bearer(token), stores))).message).toBe(
      'Signing in is not configured here; use an API key',
    );
  });

  it("refuses a registered recipient's valid token for its kind (403), a forged one as invalid (401)", async () => {
    const stores = credentialStores();
    const token = stores.addRecipient('rcp_1', 'B12345674');
    expect(await refusal(caller.authenticate(bearer(token), stores))).toEqual({
      code: 'forbidden',
      message: "A recipient's access token does not open a tenant's routes",
      errors: [{ path: 'authorization', message: 'Sign in as a member of the tenant' }],
    });
    const [head, body] = token.split('.');
    expect(await refusal(caller.authenticate(bearer(`${head}.${body}.Zm9yZ2Vk`), stores))).toEqual(
      invalidToken('Invalid access token; sign in again'),
    );
  });
});

describe('membership cache', () => {
  it('reads a member once per 10 s per container; a change there is forgotten at once', async () => {
    vi.useFakeTimers();
    const stores = credentialStores();
    const { token, userId } = stores.addStaff('ten_1', 'owner');
    await staffCaller.authenticate(bearer(token), stores);
    await staffCaller.authenticate(bearer(token), stores);
    expect(stores.memberLookups.count).toBe(1);
    stores.members.set(userId, { ...stores.members.get(userId)!, role: 'readOnly' });
    expect((await staffCaller.authenticate(bearer(token), stores)).role).toBe('owner');
    vi.advanceTimersByTime(10_001);
    expect((await staffCaller.authenticate(bearer(token), stores)).role).toBe('readOnly');
    expect(stores.memberLookups.count).toBe(2);
    stores.members.delete(userId);
    forgetMember(userId);
    await expect(staffCaller.authenticate(bearer(token), stores)).rejects.toThrow(
      'This account is not a member of a tenant',
    );
  });
});

describe('staffCaller', () => {
  it('refuses a valid API key for its kind (403) and an invalid one as invalid (401)', async () => {
    const stores = credentialStores();
    const { secret } = stores.addKey('ten_1');
    expect(await refusal(staffCaller.authenticate(bearer(secret), stores))).toEqual({
      code: 'forbidden',
      message: "This route takes a staff member's access token, not an API key",
      errors: [{ path: 'authorization', message: 'Sign in as a person' }],
    });
    const unknown = `sello_${'x'.repeat(40)}`;
    expect((await refusal(staffCaller.authenticate(bearer(unknown), stores))).code).toBe(
      'unauthorized',
    );
  });

  it('asks for an access token when there is none', async () => {
    expect(await refusal(staffCaller.authenticate(anEvent(), credentialStores()))).toEqual({
      code: 'unauthorized',
      message: 'Missing `Authorization: Bearer <access token>`',
      errors: [{ path: 'authorization', message: 'Required' }],
    });
  });

  it('scopes what a member does to the member', () => {
    const principal = {
      kind: 'staff',
      tenantId: 'ten_1',
      userId: 'user-9',
      email: 'a@b.es',
      role: 'owner',
    } as const;
    expect(staffCaller.owner(principal)).toBe('staff:user-9');
    expect(tenantCaller.owner(principal)).toBe('staff:user-9');
  });
});
