import { setTimeout as sleep } from 'node:timers/promises';
import { repositories } from '@sello/app/platform';
import {
  ATTEMPT_WINDOW_SECONDS,
  newRecipientSession,
  type RecipientAccount,
} from '@sello/core/recipients';
import { authenticate } from '@sello/http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTenant, startApi } from '../../support/api.ts';
import {
  anEmailKey,
  anIssuerKey,
  aPassword,
  aSourceIp,
  aTaxId,
  callFrom,
  signUp,
} from '../../support/recipients.ts';

const api = await startApi();
let tenant: { tenantId: string; key: string };
let account: { taxId: string; email: string; token: string; id: string };

beforeAll(async () => {
  tenant = await createTenant('Sesiones SL');
  const taxId = aTaxId();
  const email = `me-${taxId.toLowerCase()}@recipient.example`;
  const { recipient, session } = await signUp(api, tenant, { taxId, email });
  account = { taxId, email, token: session.token, id: recipient.id };
});

const login = (body: unknown, ip = aSourceIp()) =>
  callFrom(api, ip, 'POST', '/v1/recipients/login', { body });

describe('POST /v1/recipients/login', () => {
  it('refuses a wrong password and an unknown e-mail alike, with 401', async () => {
    const wrong = await login({ email: account.email, password: 'not the password' });
    const unknown = await login({ email: 'nobody@recipient.example', password: aPassword });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.json.detail).toBe('Wrong e-mail, tax id or password');
      expect(res.json.session).toBeUndefined();
    }
  });

  it('asks for exactly one of e-mail and tax id', async () => {
    const both = await login({ email: account.email, taxId: account.taxId, password: aPassword });
    expect(both.status).toBe(400);
    expect(both.json.errors).toEqual([
      { path: 'email', message: 'Give either `email` or `taxId`' },
    ]);
    expect((await login({ password: aPassword })).status).toBe(400);
  });
});

describe('rate limits on failed attempts', () => {
  // Attempts count in fixed windows: no test's requests may straddle a window's end.
  beforeEach(() => clearOfWindowEnd(90_000), 120_000);

  it('locks an account after 5 failed logins (even the right password), for the window', async () => {
    const taxId = aTaxId();
    const email = `locked-${taxId.toLowerCase()}@recipient.example`;
    await signUp(api, tenant, { taxId, email });
    // Successes do not count.
    for (let i = 0; i < 6; i++) {
      expect((await login({ email, password: aPassword })).status).toBe(200);
    }
    for (let i = 0; i < 5; i++) {
      expect((await login({ email, password: `wrong password ${i}` })).status).toBe(401);
    }
    // From yet another address, and by tax id instead of e-mail: still the same account.
    const locked = await login({ taxId, password: aPassword });
    expect(locked.status).toBe(429);
    expect(locked.json.type).toBe('urn:sello:problem:rate-limited');
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(900);
    // Other accounts are not affected.
    expect((await login({ email: account.email, password: aPassword })).status).toBe(200);
  });

  it('limits registration attempts per tax id: 5 failures, then even the right keys wait', async () => {
    const taxId = aTaxId();
    const emailKey = await anEmailKey(tenant.tenantId, taxId);
    const issuerKey = await anIssuerKey(tenant.tenantId, taxId);
    const body = {
      taxId,
      emailKey,
      issuerKey,
      email: `${taxId.toLowerCase()}@r.example`,
      password: aPassword,
    };
    for (let i = 0; i < 5; i++) {
      const res = await callFrom(api, aSourceIp(), 'POST', '/v1/recipients/register', {
        body: { ...body, issuerKey: `ikey_${String(i).repeat(32)}` },
      });
      expect(res.status).toBe(403);
    }
    const res = await callFrom(api, aSourceIp(), 'POST', '/v1/recipients/register', { body });
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(await repositories().recipients.getByTaxId(taxId)).toBeUndefined();
  });

  it('limits failed attempts per source address to 20, across tax ids and accounts', async () => {
    const ip = aSourceIp();
    for (let i = 0; i < 10; i++) {
      expect(
        (await login({ email: `nobody-${i}@r.example`, password: aPassword }, ip)).status,
      ).toBe(401);
    }
    for (let i = 0; i < 10; i++) {
      const taxId = aTaxId();
      const res = await callFrom(api, ip, 'POST', '/v1/recipients/register', {
        body: {
          taxId,
          emailKey: `ekey_${'x'.repeat(32)}`,
          issuerKey: `ikey_${'y'.repeat(32)}`,
          email: `${taxId.toLowerCase()}@r.example`,
          password: aPassword,
        },
      });
      expect(res.status).toBe(403);
    }
    const blocked = await login({ email: account.email, password: aPassword }, ip);
    expect(blocked.status).toBe(429);
    // The same account signs in from elsewhere.
    expect((await login({ email: account.email, password: aPassword })).status).toBe(200);
  });
});

/** Waits for the next attempt window when fewer than `ms` remain of the current one. */
async function clearOfWindowEnd(ms: number) {
  const windowMs = ATTEMPT_WINDOW_SECONDS * 1000;
  const left = windowMs - (Date.now() % windowMs);
  if (left < ms) await sleep(left + 1000);
}

describe('sessions and API keys never stand in for each other', () => {
  it('GET /v1/recipients/me takes a session, not an API key, and a tenant route not a session', async () => {
    const me = await api.call('GET', '/v1/recipients/me', { key: account.token });
    expect(me.json).toMatchObject({ id: account.id, taxId: account.taxId, email: account.email });

    const withApiKey = await api.call('GET', '/v1/recipients/me', { key: tenant.key });
    expect(withApiKey.status).toBe(401);
    expect(withApiKey.json.detail).toBe('This route takes a recipient session, not an API key');

    const withSession = await api.call('GET', '/v1/settings', { key: account.token });
    expect(withSession.status).toBe(401);
    expect(withSession.json.detail).toBe('Invalid or revoked API key');

    expect((await api.call('GET', '/v1/recipients/me')).status).toBe(401);
    const forged = await api.call('GET', '/v1/recipients/me', { key: `sess_${'a'.repeat(43)}` });
    expect(forged.status).toBe(401);
    expect(forged.json.detail).toBe('Invalid or expired session; sign in again');
  });

  it('refuses an expired session', async () => {
    const stored = (await repositories().recipients.getByTaxId(account.taxId)) as RecipientAccount;
    const { token, session } = newRecipientSession(stored, new Date(Date.now() - 13 * 3_600_000));
    await repositories().recipientSessions.create(session);
    const res = await api.call('GET', '/v1/recipients/me', { key: token });
    expect(res.status).toBe(401);
  });

  it("'inbox' routes take either, told apart by prefix", async () => {
    const event = (token: string) =>
      ({ headers: { authorization: `Bearer ${token}` } }) as unknown as APIGatewayProxyEventV2;
    const stores = { apiKeys: repositories().apiKeys, sessions: repositories().recipientSessions };
    expect(await authenticate('inbox', event(tenant.key), stores)).toEqual({
      kind: 'tenant',
      tenantId: tenant.tenantId,
      keyId: expect.any(String),
    });
    expect(await authenticate('inbox', event(account.token), stores)).toEqual({
      kind: 'recipient',
      recipientId: account.id,
      taxId: account.taxId,
    });
    await expect(authenticate('inbox', event(`sess_${'b'.repeat(43)}`), stores)).rejects.toThrow(
      'Invalid or expired session; sign in again',
    );
    await expect(authenticate('inbox', event('garbage'), stores)).rejects.toThrow(
      'Invalid or revoked API key',
    );
    await expect(authenticate('session', event(tenant.key), stores)).rejects.toThrow(
      'This route takes a recipient session, not an API key',
    );
    await expect(authenticate('tenant', event(account.token), stores)).rejects.toThrow(
      'Invalid or revoked API key',
    );
  });
});
