import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, startApi } from '../../support/api.ts';
import { aMember, anOwner, aStaffEmail, signIn } from '../../support/staff.ts';

const api = await startApi();
let tenant: Awaited<ReturnType<typeof createTenant>>;
let owner: Awaited<ReturnType<typeof anOwner>>;
let ownerToken: string;

beforeAll(async () => {
  tenant = await createTenant('Equipo, S.L.');
  owner = await anOwner(tenant.tenantId);
  ownerToken = (await signIn(api, owner.email)).accessToken;
});

const tokenOf = async (member: { email: string }) => (await signIn(api, member.email)).accessToken;

describe('GET /v1/users', () => {
  it('lists the members, invited and active, in the order they were added', async () => {
    const other = await createTenant('Otra, S.L.');
    await anOwner(other.tenantId);
    const fresh = await createTenant('Nuevo equipo, S.L.');
    const first = await anOwner(fresh.tenantId);
    const second = await aMember(fresh.tenantId, 'technician', { status: 'invited' });
    const page = await api.call('GET', '/v1/users?limit=1', { key: fresh.key });
    expect(page.status).toBe(200);
    expect(page.json.items).toEqual([
      {
        id: first.userId,
        email: first.email,
        role: 'owner',
        status: 'active',
        createdAt: first.createdAt,
        joinedAt: first.joinedAt,
      },
    ]);
    const rest = await api.call('GET', `/v1/users?cursor=${page.json.nextCursor}`, {
      key: fresh.key,
    });
    expect(rest.json.items.map((m: { id: string }) => m.id)).toEqual([second.userId]);
    expect(rest.json.items[0]).not.toHaveProperty('joinedAt');
  });

  it('is for owners and admins (and API keys)', async () => {
    const admin = await aMember(tenant.tenantId, 'admin');
    const accountant = await aMember(tenant.tenantId, 'accountant');
    expect((await api.call('GET', '/v1/users', { key: await tokenOf(admin) })).status).toBe(200);
    const refused = await api.call('GET', '/v1/users', { key: await tokenOf(accountant) });
    expect(refused.status).toBe(403);
    expect(refused.json.type).toBe('urn:sello:problem:forbidden');
    expect((await api.call('GET', '/v1/users', { key: tenant.key })).status).toBe(200);
  });
});

describe('POST /v1/users', () => {
  it('refuses an e-mail that already belongs to a member (409) and bad input (400 naming the field)', async () => {
    const taken = await api.call('POST', '/v1/users', {
      key: ownerToken,
      body: { email: owner.email, role: 'admin' },
    });
    expect(taken.status).toBe(409);
    expect(taken.json.errors).toEqual([{ path: 'email', message: 'Already a member' }]);
    const role = await api.call('POST', '/v1/users', {
      key: ownerToken,
      body: { email: aStaffEmail(), role: 'boss' },
    });
    expect(role.status).toBe(400);
    expect(role.json.errors.map((e: { path: string }) => e.path)).toEqual(['role']);
    const email = await api.call('POST', '/v1/users', {
      key: ownerToken,
      body: { email: 'nope', role: 'admin' },
    });
    expect(email.json.errors.map((e: { path: string }) => e.path)).toEqual(['email']);
    const list = await api.call('GET', '/v1/users', { key: ownerToken });
    expect(list.json.items.map((m: { email: string }) => m.email)).not.toContain('nope');
  });

  it('lets only owners (and API keys) invite an owner', async () => {
    const admin = await aMember(tenant.tenantId, 'admin');
    const byAdmin = await api.call('POST', '/v1/users', {
      key: await tokenOf(admin),
      body: { email: aStaffEmail(), role: 'owner' },
    });
    expect(byAdmin.status).toBe(403);
    expect(byAdmin.json.errors).toEqual([{ path: 'role', message: 'Needs the owner role' }]);
    const byAdminOk = await api.call('POST', '/v1/users', {
      key: await tokenOf(admin),
      body: { email: aStaffEmail(), role: 'accountant' },
    });
    expect(byAdminOk.status).toBe(201);
    const byKey = await api.call('POST', '/v1/users', {
      key: tenant.key,
      body: { email: aStaffEmail(), role: 'owner' },
    });
    expect(byKey.status).toBe(201);
    expect(byKey.headers.get('location')).toBe(`/v1/users/${byKey.json.id}`);
  });
});

describe('PATCH /v1/users/{id}', () => {
  it('changes the role at once, honouring If-Match', async () => {
    const member = await aMember(tenant.tenantId, 'accountant');
    const token = await tokenOf(member);
    expect((await api.call('POST', '/v1/customers', { key: token, body: {} })).status).toBe(400);
    const stale = await api.call('PATCH', `/v1/users/${member.userId}`, {
      key: ownerToken,
      body: { role: 'readOnly' },
      headers: { 'if-match': '"v7"' },
    });
    expect(stale.status).toBe(412);
    const changed = await api.call('PATCH', `/v1/users/${member.userId}`, {
      key: ownerToken,
      body: { role: 'readOnly' },
      headers: { 'if-match': '"v1"' },
    });
    expect(changed.status).toBe(200);
    expect(changed.json.role).toBe('readOnly');
    expect(changed.headers.get('etag')).toBe('"v2"');
    // The same token, now read-only: writes are refused before the body is read.
    expect((await api.call('POST', '/v1/customers', { key: token, body: {} })).status).toBe(403);
  });

  it('never leaves the tenant without an active owner', async () => {
    const team = await createTenant('Dueños, S.L.');
    const only = await anOwner(team.tenantId);
    const demote = (id: string, key: string) =>
      api.call('PATCH', `/v1/users/${id}`, { key, body: { role: 'admin' } });
    const last = await demote(only.userId, team.key);
    expect(last.status).toBe(409);
    expect(last.json.errors).toEqual([{ path: 'role', message: 'The last active owner' }]);
    expect((await api.call('DELETE', `/v1/users/${only.userId}`, { key: team.key })).status).toBe(
      409,
    );
    // An invited owner does not count until it accepts.
    await aMember(team.tenantId, 'owner', { status: 'invited' });
    expect((await demote(only.userId, team.key)).status).toBe(409);
    // With a second active owner, either may go; then the other is the last again.
    const second = await aMember(team.tenantId, 'owner');
    expect((await demote(only.userId, team.key)).status).toBe(200);
    expect((await demote(second.userId, team.key)).status).toBe(409);
  });

  it('lets only owners give or take the owner role', async () => {
    const admin = await aMember(tenant.tenantId, 'admin');
    const adminToken = await tokenOf(admin);
    const member = await aMember(tenant.tenantId, 'technician');
    const promote = await api.call('PATCH', `/v1/users/${member.userId}`, {
      key: adminToken,
      body: { role: 'owner' },
    });
    expect(promote.status).toBe(403);
    const demoteOwner = await api.call('PATCH', `/v1/users/${owner.userId}`, {
      key: adminToken,
      body: { role: 'readOnly' },
    });
    expect(demoteOwner.status).toBe(403);
    const byAdmin = await api.call('PATCH', `/v1/users/${member.userId}`, {
      key: adminToken,
      body: { role: 'accountant' },
    });
    expect(byAdmin.status).toBe(200);
  });

  it("answers 404 for another tenant's member, and 400 naming a bad role", async () => {
    const other = await createTenant('Ajena, S.L.');
    const stranger = await anOwner(other.tenantId);
    const foreign = await api.call('PATCH', `/v1/users/${stranger.userId}`, {
      key: ownerToken,
      body: { role: 'readOnly' },
    });
    expect(foreign.status).toBe(404);
    const bad = await api.call('PATCH', `/v1/users/${stranger.userId}`, {
      key: ownerToken,
      body: { role: 'root' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { path: string }) => e.path)).toEqual(['role']);
  });
});

describe('DELETE /v1/users/{id}', () => {
  it('removes a member: its token stops working and it can no longer sign in', async () => {
    const member = await aMember(tenant.tenantId, 'accountant');
    const token = await tokenOf(member);
    expect((await api.call('GET', '/v1/customers', { key: token })).status).toBe(200);
    const removed = await api.call('DELETE', `/v1/users/${member.userId}`, { key: ownerToken });
    expect(removed.status).toBe(204);
    const after = await api.call('GET', '/v1/customers', { key: token });
    expect(after.status).toBe(401);
    expect(after.json.errors).toEqual([{ path: 'authorization', message: 'Invalid token' }]);
    const again = await api.call('POST', '/v1/auth/sign-in', {
      body: { email: member.email, password: member.password },
    });
    expect(again.status).toBe(401);
    expect(
      (await api.call('DELETE', `/v1/users/${member.userId}`, { key: ownerToken })).status,
    ).toBe(404);
  });

  it('refuses the last owner, and lets only owners remove owners', async () => {
    const team = await createTenant('Solo, S.L.');
    const only = await anOwner(team.tenantId);
    const onlyToken = await tokenOf(only);
    const self = await api.call('DELETE', `/v1/users/${only.userId}`, { key: onlyToken });
    expect(self.status).toBe(409);
    expect(self.json.detail).toBe(
      'A tenant keeps at least one active owner: make another member owner first',
    );
    const admin = await aMember(team.tenantId, 'admin');
    const second = await aMember(team.tenantId, 'owner');
    const byAdmin = await api.call('DELETE', `/v1/users/${second.userId}`, {
      key: await tokenOf(admin),
    });
    expect(byAdmin.status).toBe(403);
    expect(
      (await api.call('DELETE', `/v1/users/${second.userId}`, { key: onlyToken })).status,
    ).toBe(204);
  });
});
