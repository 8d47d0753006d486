import type { AuthKind, RouteDef } from '@sello/contracts';
import { describe, expect, it } from 'vitest';
import { anEvent, aRequest, credentialStores } from '../../../testing/fakes.ts';
import { authentication } from './authenticate.ts';
import { authenticate } from './callers.ts';

const stores = credentialStores();
const tenant = stores.addKey('ten_1');
const session = stores.addRecipient('rcp_1', 'B12345674');
const staff = stores.addStaff('ten_1', 'owner');
const bearer = (secret: string) => anEvent({ headers: { authorization: `Bearer ${secret}` } });

const refusal = (kind: AuthKind, event = anEvent()) =>
  authenticate(kind, event, stores).then(
    () => expect.unreachable(),
    (e) => ({ code: e.code, message: e.message, errors: e.errors }),
  );

describe('authenticate', () => {
  it("takes an API key on tenant routes, a recipient's token on session routes, either on inbox routes", async () => {
    const asTenant = { kind: 'tenant', tenantId: 'ten_1', keyId: tenant.keyId };
    const asRecipient = { kind: 'recipient', recipientId: 'rcp_1', taxId: 'B12345674' };
    expect(await authenticate('tenant', bearer(tenant.secret), stores)).toEqual(asTenant);
    expect(await authenticate('session', bearer(session), stores)).toEqual(asRecipient);
    expect(await authenticate('inbox', bearer(tenant.secret), stores)).toEqual(asTenant);
    expect(await authenticate('inbox', bearer(session), stores)).toEqual(asRecipient);
  });

  it.each(['tenant', 'session', 'inbox'] as const)(
    'refuses a %s route without a bearer credential, naming what it takes',
    async (kind) => {
      const what = {
        tenant: 'api key or access token',
        session: "recipient's access token",
        inbox: 'api key or access token',
      }[kind];
      expect(await refusal(kind)).toEqual({
        code: 'unauthorized',
        message: `Missing \`Authorization: Bearer <${what}>\``,
        errors: [{ path: 'authorization', message: 'Required' }],
      });
      const basic = anEvent({ headers: { authorization: 'Basic dXNlcjpwYXNz' } });
      expect(await refusal(kind, basic)).toEqual({
        code: 'unauthorized',
        message: `Use \`Authorization: Bearer <${what}>\``,
        errors: [{ path: 'authorization', message: 'Malformed' }],
      });
    },
  );

  it("never takes a recipient's token for the tenant, nor an API key for a recipient", async () => {
    expect(await refusal('tenant', bearer(session))).toMatchObject({
      code: 'forbidden',
      message: "A recipient's access token does not open a tenant's routes",
    });
    expect(await refusal('staff', bearer(session))).toMatchObject({ code: 'forbidden' });
    expect(await refusal('session', bearer(staff.token))).toMatchObject({
      code: 'forbidden',
      message: 'This route is for registered recipients',
    });
    expect((await refusal('session', bearer(tenant.secret))).message).toBe(
      "This route takes a recipient's access token, not an API key",
    );
    expect((await refusal('inbox', bearer('garbage'))).message).toBe('Invalid or revoked API key');
    // Sessions Sello issued itself, before recipients signed in through Cognito.
    for (const kind of ['session', 'inbox'] as const) {
      expect(await refusal(kind, bearer(`sess_${'b'.repeat(43)}`))).toMatchObject({
        code: 'unauthorized',
        message: 'Sessions of this kind are no longer accepted; sign in again',
      });
    }
  });

  it("takes a staff member's token on inbox routes, as the tenant's", async () => {
    expect(await authenticate('inbox', bearer(staff.token), stores)).toMatchObject({
      kind: 'staff',
      tenantId: 'ten_1',
      userId: staff.userId,
    });
  });

  it('reads no credentials on public routes', async () => {
    const before = { ...stores.lookups };
    expect(await authenticate('public', bearer(tenant.secret), stores)).toBeUndefined();
    expect(await authenticate('public', anEvent({ headers: { authorization: 'x' } }), stores)).toBe(
      undefined,
    );
    expect(stores.lookups).toEqual(before);
  });
});

describe('authentication middleware', () => {
  it.each([
    ['tenant', tenant.secret, 'ten_1'],
    ['session', session, 'recipient:rcp_1'],
    ['inbox', session, 'recipient:rcp_1'],
    ['inbox', tenant.secret, 'ten_1'],
    ['public', 'anything', 'public'],
  ] as const)('puts the %s principal on the context and its owner', async (auth, secret, owner) => {
    const request = aRequest(bearer(secret));
    await authentication({ auth } as never, () => stores).before!(request);
    expect(request.context.principal).toEqual(
      auth === 'public' ? undefined : expect.objectContaining({ kind: expect.any(String) }),
    );
    expect(request.internal.owner).toBe(owner);
  });
});

describe('roles, checked with the caller', () => {
  const run = async (route: Partial<RouteDef>, secret: string) => {
    const request = aRequest(bearer(secret));
    await authentication(
      { id: 'someRoute', method: 'GET', auth: 'tenant', ...route } as RouteDef,
      () => stores,
    ).before!(request);
    return request.context.principal;
  };
  const refused = (route: Partial<RouteDef>, secret: string) =>
    run(route, secret).then(
      () => expect.unreachable(),
      (e) => ({ code: e.code, message: e.message, errors: e.errors }),
    );
  const technician = stores.addStaff('ten_1', 'technician');
  const readOnly = stores.addStaff('ten_1', 'readOnly');
  const accountant = stores.addStaff('ten_1', 'accountant');

  it('lets every role read, and only owner, admin and accountant write, by default', async () => {
    for (const member of [technician, readOnly, accountant]) {
      expect(await run({ method: 'GET' }, member.token)).toMatchObject({ kind: 'staff' });
    }
    expect(await run({ method: 'POST' }, accountant.token)).toMatchObject({ role: 'accountant' });
    expect(await refused({ id: 'createInvoice', method: 'POST' }, technician.token)).toEqual({
      code: 'forbidden',
      message: 'The technician role may not call createInvoice',
      errors: [
        { path: 'authorization', message: 'Needs one of the roles: owner, admin, accountant' },
      ],
    });
    expect((await refused({ method: 'DELETE' }, readOnly.token)).code).toBe('forbidden');
  });

  it("follows a route's own roles, for reads too", async () => {
    const fieldWork = { method: 'POST', roles: ['owner', 'admin', 'accountant', 'technician'] };
    expect(await run(fieldWork as Partial<RouteDef>, technician.token)).toMatchObject({
      role: 'technician',
    });
    const admins = { method: 'GET', roles: ['owner', 'admin'] } as Partial<RouteDef>;
    expect((await refused(admins, accountant.token)).errors).toEqual([
      { path: 'authorization', message: 'Needs one of the roles: owner, admin' },
    ]);
  });

  it('lets API keys act for the whole tenant, whatever the roles', async () => {
    const admins = { method: 'DELETE', roles: ['owner', 'admin'] } as Partial<RouteDef>;
    expect(await run(admins, tenant.secret)).toMatchObject({ kind: 'tenant' });
  });

  it("takes a staff token on 'staff' routes and refuses an API key there (403)", async () => {
    expect(await run({ auth: 'staff' }, readOnly.token)).toMatchObject({ role: 'readOnly' });
    expect((await refused({ auth: 'staff' }, tenant.secret)).code).toBe('forbidden');
  });

  it("takes a staff token on 'inbox' routes, with the roles' rule", async () => {
    expect(await run({ auth: 'inbox' }, technician.token)).toMatchObject({ role: 'technician' });
    expect((await refused({ auth: 'inbox', method: 'POST' }, technician.token)).code).toBe(
      'forbidden',
    );
  });
});
