import { describe, expect, it } from 'vitest';
import { createTenant, startApi } from '../../support/api.ts';
import { aMember, signIn } from '../../support/staff.ts';

const api = await startApi();

describe('GET /v1/me', () => {
  it('says who calls: a signed-in member, or an API key, with its tenant', async () => {
    const tenant = await createTenant('Quién, S.L.');
    const member = await aMember(tenant.tenantId, 'readOnly');
    const { accessToken } = await signIn(api, member.email);
    const asStaff = await api.call('GET', '/v1/me', { key: accessToken });
    expect(asStaff.status).toBe(200);
    expect(asStaff.json).toEqual({
      kind: 'staff',
      tenant: expect.objectContaining({ id: tenant.tenantId, name: 'Quién, S.L.' }),
      user: {
        id: member.userId,
        email: member.email,
        role: 'readOnly',
        status: 'active',
        createdAt: member.createdAt,
        joinedAt: member.joinedAt,
      },
    });
    const asKey = await api.call('GET', '/v1/me', { key: tenant.key });
    expect(asKey.json).toEqual({
      kind: 'apiKey',
      tenant: expect.objectContaining({ id: tenant.tenantId }),
      apiKey: { id: tenant.keyId },
    });
  });

  it('refuses a forged or missing token with 401 naming authorization', async () => {
    const none = await api.call('GET', '/v1/me');
    expect(none.status).toBe(401);
    expect(none.json.errors).toEqual([{ path: 'authorization', message: 'Required' }]);
    // A JWT signed by nobody the pool trusts.
    const forged = [
      Buffer.from('{"alg":"RS256","kid":"CognitoLocal"}').toString('base64url'),
      Buffer.from('{"sub":"x","token_use":"access"}').toString('base64url'),
      'c2lnbmF0dXJl',
    ].join('.');
    const res = await api.call('GET', '/v1/me', { key: forged });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.json.errors).toEqual([{ path: 'authorization', message: 'Invalid token' }]);
  });
});
