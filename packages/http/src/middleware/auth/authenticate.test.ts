import type { AuthKind } from '@sello/contracts';
import { describe, expect, it } from 'vitest';
import { anEvent, aRequest, credentialStores } from '../../../testing/fakes.ts';
import { authentication } from './authenticate.ts';
import { authenticate } from './callers.ts';

const stores = credentialStores();
const tenant = stores.addKey('ten_1');
const session = stores.addSession('rcp_1', 'B12345674');
const bearer = (secret: string) => anEvent({ headers: { authorization: `Bearer ${secret}` } });

const refusal = (kind: AuthKind, event = anEvent()) =>
  authenticate(kind, event, stores).then(
    () => expect.unreachable(),
    (e) => ({ code: e.code, message: e.message, errors: e.errors }),
  );

describe('authenticate', () => {
  it('takes an API key on tenant routes, a session on session routes, either on inbox routes', async () => {
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
        session: 'session token',
        inbox: 'api key or session token',
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

  it('never takes a session for an API key nor the reverse', async () => {
    expect((await refusal('tenant', bearer(session))).message).toBe('Invalid or revoked API key');
    expect((await refusal('session', bearer(tenant.secret))).message).toBe(
      'This route takes a recipient session, not an API key',
    );
    expect((await refusal('inbox', bearer('garbage'))).message).toBe('Invalid or revoked API key');
    expect((await refusal('inbox', bearer(`sess_${'b'.repeat(43)}`))).message).toBe(
      'Invalid or expired session; sign in again',
    );
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
