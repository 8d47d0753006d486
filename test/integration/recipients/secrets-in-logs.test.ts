import { buildOpenApi, routes } from '@sello/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTenant, startApi } from '../../support/api.ts';
import { captureOutput } from '../../support/logs.ts';
import { anEmailKey, aPassword, aTaxId } from '../../support/recipients.ts';

// Set before the handlers (and their logger) load, as the Lambda environment would.
process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
const api = await startApi();
let tenant: { tenantId: string; key: string };
const lines: string[] = [];

beforeAll(async () => {
  tenant = await createTenant('Registros SL');
  captureOutput(lines);
});
afterAll(() => {
  vi.restoreAllMocks();
});

describe('onboarding secrets', () => {
  it('never reach the logs: keys, passwords and tokens, failing or succeeding', async () => {
    const taxId = aTaxId();
    const emailKey = await anEmailKey(tenant.tenantId, taxId);
    const issuer = await api.call('POST', '/v1/onboarding-keys', {
      key: tenant.key,
      body: { taxId },
    });
    const body = {
      taxId,
      emailKey,
      issuerKey: issuer.json.key,
      email: `${taxId.toLowerCase()}@logs.example`,
      password: aPassword,
    };
    const wrong = await api.call('POST', '/v1/recipients/register', {
      body: { ...body, password: 'a wrong but long password', issuerKey: `ikey_${'Q'.repeat(32)}` },
    });
    expect(wrong.status).toBe(403);
    const ok = await api.call('POST', '/v1/recipients/register', { body });
    expect(ok.status).toBe(201);
    const token = ok.json.accessToken;
    const refresh = ok.headers.getSetCookie()[0]!.split(';')[0]!.split('=')[1]!;
    await api.call('POST', '/v1/auth/sign-in', {
      body: { email: body.email, password: 'another wrong password' },
    });
    await api.call('GET', '/v1/recipients/me', { key: token });
    const text = lines.join('');
    expect(text).toContain('registerRecipient');
    for (const secret of [
      emailKey,
      issuer.json.key,
      'Q'.repeat(32),
      aPassword,
      'a wrong but long password',
      'another wrong password',
      token,
      refresh,
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('OpenAPI security', () => {
  it('names the session scheme on session routes, none on public ones, either on inbox routes', () => {
    const doc = buildOpenApi(
      [
        routes.getCurrentRecipient,
        routes.registerRecipient,
        { ...routes.getCurrentRecipient, id: 'listInbox', path: '/v1/inbox', auth: 'inbox' },
      ],
      { version: 'test' },
    ) as {
      paths: Record<string, Record<string, { security: unknown }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(doc.paths['/v1/recipients/me']?.get?.security).toEqual([{ session: [] }]);
    expect(doc.paths['/v1/recipients/register']?.post?.security).toEqual([]);
    expect(doc.paths['/v1/inbox']?.get?.security).toEqual([
      { apiKey: [] },
      { staffToken: [] },
      { session: [] },
    ]);
    expect(doc.components.securitySchemes.session).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
  });
});
