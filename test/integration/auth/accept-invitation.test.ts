import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { aSourceIp, callFrom, mailsTo } from '../../support/recipients.ts';
import { aLink, aMember, anOwner, aStaffEmail, linkMailedTo, signIn } from '../../support/staff.ts';

const api = await startApi();
let tenant: Awaited<ReturnType<typeof createTenant>>;
let ownerToken: string;

beforeAll(async () => {
  tenant = await createTenant('Invita, S.L.');
  const owner = await anOwner(tenant.tenantId);
  ownerToken = (await signIn(api, owner.email)).accessToken;
});

const accept = (token: string, password: string) =>
  callFrom(api, aSourceIp(), 'POST', '/v1/auth/accept-invitation', { body: { token, password } });

describe('an invitation, from the mail to work', () => {
  it('invites a technician, who accepts, signs in, and may do work orders but not invoices', async () => {
    const email = aStaffEmail('tecnica');
    const invited = await api.call('POST', '/v1/users', {
      key: ownerToken,
      body: { email, role: 'technician', name: 'Marta Vidal' },
    });
    expect(invited.status).toBe(201);
    expect(invited.json).toMatchObject({ email, role: 'technician', status: 'invited' });
    const [mail] = await mailsTo(email);
    expect(mail?.subject).toBe('Le han invitado a Invita, S.L. en Sello');
    expect(mail?.body.text).toContain('con el rol de técnico');
    const token = (await linkMailedTo(email, 'accept-invitation'))!;
    expect(token).toMatch(/^sinv_\w{43}$/);

    // Before accepting, no password works.
    const early = await callFrom(api, aSourceIp(), 'POST', '/v1/auth/sign-in', {
      body: { email, password: 'the password of marta' },
    });
    expect(early.status).toBe(401);

    const accepted = await accept(token, 'the password of marta');
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({
      id: invited.json.id,
      status: 'active',
      joinedAt: expect.any(String),
    });
    const technician = await signIn(api, email, 'the password of marta');
    expect(technician.body.user).toEqual({
      kind: 'staff',
      id: invited.json.id,
      email,
      tenantId: tenant.tenantId,
      role: 'technician',
    });
    const key = technician.accessToken;

    const customer = await api.call('POST', '/v1/customers', {
      key: tenant.key,
      body: aCustomer(),
    });
    const invoice = await api.call('POST', '/v1/invoices', {
      key,
      body: { customerId: customer.json.id, lines: [] },
    });
    expect(invoice.status).toBe(403);
    expect(invoice.headers.get('content-type')).toContain('application/problem+json');
    expect(invoice.json.errors).toEqual([
      { path: 'authorization', message: 'Needs one of the roles: owner, admin, accountant' },
    ]);
    const order = await api.call('POST', '/v1/work-orders', {
      key,
      body: {
        customerId: customer.json.id,
        lines: [{ description: 'Revisión de caldera', quantity: '1' }],
      },
    });
    expect(order.status, order.text).toBe(201);
    expect((await api.call('GET', '/v1/invoices', { key })).status).toBe(200);
    expect((await api.call('GET', '/v1/users', { key })).status).toBe(403);

    // The link worked once.
    const again = await accept(token, 'another password of marta');
    expect(again.status).toBe(403);
    expect(again.json.errors).toEqual([{ path: 'token', message: 'This link was already used' }]);
  });

  it('refuses a link whose member was removed, and bad input with 400 naming the field', async () => {
    const member = await aMember(tenant.tenantId, 'readOnly', { status: 'invited' });
    const token = await aLink('invitation', member);
    const short = await accept(token, 'short');
    expect(short.status).toBe(400);
    expect(short.json.errors.map((e: { path: string }) => e.path)).toEqual(['password']);
    await api.call('DELETE', `/v1/users/${member.userId}`, { key: ownerToken });
    const withdrawn = await accept(token, 'a good long passphrase');
    expect(withdrawn.status).toBe(403);
    expect(withdrawn.json.errors).toEqual([{ path: 'token', message: 'The member was removed' }]);
    const expired = await aLink(
      'invitation',
      await aMember(tenant.tenantId, 'readOnly', { status: 'invited' }),
      new Date(Date.now() - 8 * 86_400_000),
    );
    expect((await accept(expired, 'a good long passphrase')).status).toBe(403);
  });
});
