import { identityProvider, repositories } from '@sello/app/platform';
import { ConflictError, ForbiddenError } from '@sello/core/errors';
import { systemClock, ulidIds } from '@sello/core/ports';
import { type OnboardingKey, registerRecipient } from '@sello/core/recipients';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../../packages/core/src/recipients/secrets.ts';
import { createTenant, startApi } from '../../support/api.ts';
import {
  anEmailKey,
  anIssuerKey,
  aPassword,
  aSourceIp,
  aTaxId,
  callFrom,
  daysAgo,
  mailsTo,
} from '../../support/recipients.ts';

const api = await startApi();
let tenant: { tenantId: string; key: string };

beforeAll(async () => {
  tenant = await createTenant('Claves SL');
});

/** Fresh keys of both kinds for `taxId`, the issuer one made through the API. */
async function keysFor(taxId: string) {
  const issuer = await api.call('POST', '/v1/onboarding-keys', {
    key: tenant.key,
    body: { taxId },
  });
  expect(issuer.status).toBe(201);
  return {
    emailKey: await anEmailKey(tenant.tenantId, taxId),
    issuerKey: issuer.json.key as string,
    issuerKeyId: issuer.json.id as string,
  };
}

const registration = (taxId: string, keys: { emailKey: string; issuerKey: string }) => ({
  taxId,
  emailKey: keys.emailKey,
  issuerKey: keys.issuerKey,
  email: `${taxId.toLowerCase()}@recipient.example`,
  password: aPassword,
});

/** Registers from a source address of its own, so tests do not share per-address limits. */
const register = (body: unknown, ip = aSourceIp()) =>
  callFrom(api, ip, 'POST', '/v1/recipients/register', { body });

const fieldErrors = (res: { json: { errors?: { path: string; message: string }[] } }) =>
  res.json.errors?.map((e) => `${e.path}: ${e.message}`);

describe('POST /v1/recipients/register refuses keys that do not fit, and creates nothing', () => {
  it('wrong keys', async () => {
    const taxId = aTaxId();
    const keys = await keysFor(taxId);
    const wrong = await register(
      registration(taxId, {
        emailKey: `ekey_${'A'.repeat(32)}`,
        issuerKey: keys.issuerKey.slice(0, -1) + (keys.issuerKey.endsWith('a') ? 'b' : 'a'),
      }),
    );
    expect(wrong.status).toBe(403);
    expect(wrong.json.type).toBe('urn:sello:problem:forbidden');
    expect(fieldErrors(wrong)).toEqual(['emailKey: Unknown key', 'issuerKey: Unknown key']);

    const swapped = await register(
      registration(taxId, { emailKey: keys.issuerKey, issuerKey: keys.emailKey }),
    );
    expect(fieldErrors(swapped)).toEqual([
      'emailKey: This is the issuer key; give it as issuerKey',
      'issuerKey: This is the email key; give it as emailKey',
    ]);
    expect(
      fieldErrors(await register(registration(taxId, { ...keys, emailKey: 'sello_x' }))),
    ).toEqual(['emailKey: Not a key']);
    // The real keys were not touched by the failures.
    expect((await register(registration(taxId, keys))).status).toBe(201);
  });

  it('keys of another tax id', async () => {
    const taxId = aTaxId();
    const keys = await keysFor(taxId);
    const other = aTaxId();
    const res = await register(registration(other, keys));
    expect(res.status).toBe(403);
    expect(fieldErrors(res)).toEqual([
      'emailKey: This key was not issued for this tax id',
      'issuerKey: This key was not issued for this tax id',
    ]);
    expect(await repositories().recipients.getByTaxId(other)).toBeUndefined();
  });

  it('a key already used; fresh keys for a tax id that has an account', async () => {
    const taxId = aTaxId();
    const keys = await keysFor(taxId);
    const spare = await keysFor(taxId);
    expect((await register(registration(taxId, keys))).status).toBe(201);
    const again = await register({
      ...registration(taxId, keys),
      email: 'other@recipient.example',
    });
    expect(again.status).toBe(403);
    expect(fieldErrors(again)).toEqual([
      'emailKey: This key was already used',
      'issuerKey: This key was already used',
    ]);
    const second = await register({
      ...registration(taxId, spare),
      email: 'other@recipient.example',
    });
    expect(second.status).toBe(409);
    expect(fieldErrors(second)).toEqual(['taxId: Already registered']);
  });

  it('expired keys', async () => {
    const taxId = aTaxId();
    const emailKey = await anEmailKey(tenant.tenantId, taxId, daysAgo(31));
    const issuerKey = await anIssuerKey(tenant.tenantId, taxId, daysAgo(30.01));
    const res = await register(registration(taxId, { emailKey, issuerKey }));
    expect(res.status).toBe(403);
    expect(fieldErrors(res)).toEqual([
      expect.stringMatching(/^emailKey: This key expired at 20\d\d-.*; ask for a new one$/),
      expect.stringMatching(/^issuerKey: This key expired at 20\d\d-.*; ask for a new one$/),
    ]);
    // Keys made 29 days ago still work.
    const fresh = {
      emailKey: await anEmailKey(tenant.tenantId, taxId, daysAgo(29)),
      issuerKey: await anIssuerKey(tenant.tenantId, taxId, daysAgo(29)),
    };
    expect((await register(registration(taxId, fresh))).status).toBe(201);
  });

  it('a revoked issuer key; revoking is idempotent and shows in the list', async () => {
    const taxId = aTaxId();
    const keys = await keysFor(taxId);
    const path = `/v1/onboarding-keys/${keys.issuerKeyId}`;
    expect((await api.call('DELETE', path, { key: tenant.key })).status).toBe(204);
    expect((await api.call('DELETE', path, { key: tenant.key })).status).toBe(204);
    const res = await register(registration(taxId, keys));
    expect(res.status).toBe(403);
    expect(fieldErrors(res)).toEqual(['issuerKey: The issuer revoked this key; ask for a new one']);
    const list = (await api.call('GET', '/v1/onboarding-keys?limit=200', { key: tenant.key })).json;
    const listed = list.items.find((k: { id: string }) => k.id === keys.issuerKeyId);
    expect(listed.revokedAt).toEqual(expect.any(String));
    expect(JSON.stringify(list)).not.toContain(keys.issuerKey);
    // The email key was not consumed: with a new issuer key the recipient registers.
    const again = await register(
      registration(taxId, { ...keys, issuerKey: await anIssuerKeyFor(taxId) }),
    );
    expect(again.status).toBe(201);
    // A used key cannot be revoked any more; another tenant's key is not found.
    const used = await keysFor(aTaxId());
    const usedTaxId = (
      await api.call('GET', '/v1/onboarding-keys?limit=200', { key: tenant.key })
    ).json.items.find((k: { id: string }) => k.id === used.issuerKeyId).taxId;
    expect((await register(registration(usedTaxId, used))).status).toBe(201);
    expect(
      (await api.call('DELETE', `/v1/onboarding-keys/${used.issuerKeyId}`, { key: tenant.key }))
        .status,
    ).toBe(409);
    const other = await createTenant();
    expect(
      (await api.call('DELETE', `/v1/onboarding-keys/${used.issuerKeyId}`, { key: other.key }))
        .status,
    ).toBe(404);
  });

  it('a weak password, a bad tax id or a generic RFC, before any key is looked at', async () => {
    const taxId = aTaxId();
    const keys = await keysFor(taxId);
    const short = await register({ ...registration(taxId, keys), password: 'short-pass1' });
    expect(short.status).toBe(400);
    expect(short.json.errors.map((e: { path: string }) => e.path)).toEqual(['password']);
    const bad = await register({ ...registration(taxId, keys), taxId: '12345678A' });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe('taxId');
    const generic = await register({
      ...registration(taxId, keys),
      taxId: 'XAXX010101000',
      country: 'MX',
    });
    expect(generic.status).toBe(400);
    expect(generic.json.errors).toEqual([
      { path: 'taxId', message: 'XAXX010101000 is a generic RFC' },
    ]);
    const genericKey = await api.call('POST', '/v1/onboarding-keys', {
      key: tenant.key,
      body: { taxId: 'XAXX010101000', country: 'MX' },
    });
    expect(genericKey.status).toBe(400);
    expect((await register(registration(taxId, keys))).status).toBe(201);
  });

  it('one e-mail signs in to one account', async () => {
    const first = aTaxId();
    const second = aTaxId();
    const email = `shared-${first.toLowerCase()}@recipient.example`;
    expect((await register({ ...registration(first, await keysFor(first)), email })).status).toBe(
      201,
    );
    const res = await register({ ...registration(second, await keysFor(second)), email });
    expect(res.status).toBe(409);
    expect(fieldErrors(res)).toEqual(['email: Already used by another account']);
    expect(await repositories().recipients.getByTaxId(second)).toBeUndefined();
  });
});

describe("the account's language", () => {
  it("is the one it registered in, and Sello's mails to it use it", async () => {
    const taxId = aTaxId();
    const body = { ...registration(taxId, await keysFor(taxId)), language: 'en' };
    expect((await register(body)).status).toBe(201);
    expect((await repositories().recipients.getByTaxId(taxId))?.language).toBe('en');
    const asked = await callFrom(api, aSourceIp(), 'POST', '/v1/auth/forgot-password', {
      body: { email: body.email },
    });
    expect(asked.status).toBe(202);
    expect((await mailsTo(body.email)).at(-1)?.subject).toBe('Reset your Sello password');
  });

  it('is Spanish when the registration names none', async () => {
    const taxId = aTaxId();
    const body = registration(taxId, await keysFor(taxId));
    expect((await register(body)).status).toBe(201);
    await callFrom(api, aSourceIp(), 'POST', '/v1/auth/forgot-password', {
      body: { email: body.email },
    });
    expect((await mailsTo(body.email)).at(-1)?.subject).toBe('Restablezca su contraseña de Sello');
  });

  it('must be one the portal speaks: 400 naming it, no account', async () => {
    const taxId = aTaxId();
    const res = await register({ ...registration(taxId, await keysFor(taxId)), language: 'fr' });
    expect(res.status).toBe(400);
    expect(fieldErrors(res)).toEqual([expect.stringMatching(/^language: /)]);
    expect(await repositories().recipients.getByTaxId(taxId)).toBeUndefined();
  });
});

async function anIssuerKeyFor(taxId: string) {
  return (await api.call('POST', '/v1/onboarding-keys', { key: tenant.key, body: { taxId } })).json
    .key as string;
}

describe('concurrent registrations', () => {
  it('with the same keys: exactly one account, the other request gets a 4xx', async () => {
    const taxId = aTaxId();
    const keys = await keysFor(taxId);
    const answers = await Promise.all(
      ['a', 'b', 'c'].map((n) =>
        register({
          ...registration(taxId, keys),
          email: `${n}-${taxId.toLowerCase()}@race.example`,
        }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses[0]).toBe(201);
    for (const s of statuses.slice(1)) expect([403, 409]).toContain(s);
    const winner = answers.find((a) => a.status === 201)!;
    const account = await repositories().recipients.getByTaxId(taxId);
    expect(account?.email).toBe(winner.json.user.email);
    // The losers' e-mails were not reserved.
    for (const loser of answers.filter((a) => a.status !== 201)) {
      expect(loser.json.errors.length).toBeGreaterThan(0);
    }
    for (const n of ['a', 'b', 'c']) {
      const email = `${n}-${taxId.toLowerCase()}@race.example`;
      const found = await repositories().recipients.findByEmail(email);
      expect(found?.id).toBe(email === account?.email ? account?.id : undefined);
    }
  });

  it('with two pairs of keys for one tax id: one account, and the loser keeps its keys unspent', async () => {
    const taxId = aTaxId();
    const pairs = [await keysFor(taxId), await keysFor(taxId)];
    const answers = await Promise.all(
      pairs.map((keys, i) =>
        register({
          ...registration(taxId, keys),
          email: `${i}-${taxId.toLowerCase()}@race.example`,
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const loser = pairs[answers.findIndex((a) => a.status === 409)]!;
    const list = (await api.call('GET', '/v1/onboarding-keys?limit=200', { key: tenant.key })).json
      .items;
    const loserKey = list.find((k: { id: string }) => k.id === loser.issuerKeyId);
    expect(loserKey.usedAt).toBeUndefined();
  });
});

describe('the registration transaction', () => {
  it('re-checks every key as it writes: a key revoked after it was read creates nothing', async () => {
    const taxId = aTaxId();
    const keys = await keysFor(taxId);
    // Reads from before the revocation, as a request that raced with it would have seen.
    const stale = new Map<string, OnboardingKey>();
    for (const secret of [keys.emailKey, keys.issuerKey]) {
      const hash = hashSecret(secret);
      stale.set(hash, (await repositories().onboardingKeys.findByHash(hash))!);
    }
    await api.call('DELETE', `/v1/onboarding-keys/${keys.issuerKeyId}`, { key: tenant.key });
    const register = registerRecipient({
      ...repositories(),
      identity: identityProvider(),
      onboardingKeys: { findByHash: async (hash) => stale.get(hash) },
      clock: systemClock,
      ids: ulidIds,
    });
    const refused = await register(registration(taxId, keys), { ip: '192.0.2.1' }).catch((e) => e);
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect(refused.errors).toEqual([
      { path: 'issuerKey', message: 'This key was used, revoked or expired meanwhile' },
    ]);
    expect(await repositories().recipients.getByTaxId(taxId)).toBeUndefined();
    // The user made at the pool before the transaction was refused is gone again.
    const email = registration(taxId, keys).email;
    await expect(identityProvider().signIn(email, aPassword)).rejects.toThrow(
      'Wrong e-mail or password',
    );
    await identityProvider().createUser(email);
    await identityProvider().deleteUser(email);
    const emailKey = await repositories().onboardingKeys.findByHash(hashSecret(keys.emailKey));
    expect(emailKey?.usedAt).toBeUndefined();
  });

  it('re-checks that the tax id and e-mail are free as it writes: a twin that got there first wins', async () => {
    const taxId = aTaxId();
    const [mine, twin] = [await keysFor(taxId), await keysFor(taxId)];
    expect((await register(registration(taxId, twin))).status).toBe(201);
    // Reads from before the twin's registration: no account, no e-mail taken.
    const register2 = registerRecipient({
      ...repositories(),
      identity: identityProvider(),
      recipients: {
        register: (r) => repositories().recipients.register(r),
        getByTaxId: async () => undefined,
        findByEmail: async () => undefined,
        getByUser: async () => undefined,
      },
      clock: systemClock,
      ids: ulidIds,
    });
    const refused = await register2(
      { ...registration(taxId, mine), email: `late-${taxId.toLowerCase()}@r.example` },
      { ip: '192.0.2.2' },
    ).catch((e) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused.errors).toEqual([{ path: 'taxId', message: 'Already registered' }]);
    const unspent = await repositories().onboardingKeys.findByHash(hashSecret(mine.emailKey));
    expect(unspent?.usedAt).toBeUndefined();
  });
});
