import { describe, expect, it } from 'vitest';
import type { Clock } from '../ports/clock.ts';
import type { AttemptCounter } from '../recipients/model.ts';
import { consumeStaffLink, newStaffLink } from './links.ts';
import { changeMemberRole, portalLink, removeMember } from './members.ts';
import type {
  IdentityProvider,
  Membership,
  MembershipRepository,
  StaffLink,
  StaffLinkRepository,
  StaffPrincipal,
} from './model.ts';
import { signIn } from './sign-in.ts';

const clock: Clock = { now: () => new Date('2027-03-01T10:00:00Z') };
const attempts: AttemptCounter = { take: async () => true, giveBack: async () => {} };

function links() {
  const stored = new Map<string, StaffLink>();
  const repo: StaffLinkRepository = {
    create: async (l) => void stored.set(l.hash, l),
    findByHash: async (h) => stored.get(h),
    consume: async (l, at) => {
      const s = stored.get(l.hash);
      if (!s || s.usedAt || s.expiresAt <= at) return false;
      stored.set(l.hash, { ...s, usedAt: at });
      return true;
    },
    release: async (l) => {
      const { usedAt: _, ...rest } = stored.get(l.hash)!;
      stored.set(l.hash, rest);
    },
  };
  return repo;
}

const member = (m: Partial<Membership> = {}): Membership => ({
  userId: 'user-1',
  tenantId: 'ten_1',
  email: 'ana@example.es',
  role: 'accountant',
  status: 'active',
  createdAt: '2027-01-01T00:00:00Z',
  version: 1,
  ...m,
});

function members(...list: Membership[]) {
  const byUser = new Map(list.map((m) => [m.userId, m]));
  const writes: string[] = [];
  const repo: MembershipRepository = {
    getByUser: async (id) => byUser.get(id),
    findByEmail: async (e) => [...byUser.values()].find((m) => m.email === e),
    list: async () => ({ items: [...byUser.values()] }),
    create: async (m) => void byUser.set(m.userId, m),
    update: async (_p, n) => {
      writes.push(`update ${n.userId} ${n.role}`);
      byUser.set(n.userId, n);
    },
    remove: async (m) => {
      writes.push(`remove ${m.userId}`);
      byUser.delete(m.userId);
    },
  };
  return { repo, writes };
}

const staff = (role: StaffPrincipal['role'], tenantId = 'ten_1'): StaffPrincipal => ({
  kind: 'staff',
  tenantId,
  userId: `actor-${role}`,
  email: `${role}@example.es`,
  role,
});

describe('staff links', () => {
  it('are taken once, for their kind, before they expire; each refusal names `token`', async () => {
    const repo = links();
    const deps = { links: repo, clock };
    const { secret, link } = newStaffLink('passwordReset', member(), clock.now());
    expect(link.expiresAt).toBe('2027-03-01T11:00:00.000Z');
    await repo.create(link);
    const refusal = (kind: 'invitation' | 'passwordReset', s: string, d = deps) =>
      consumeStaffLink(d, kind, s).then(
        () => expect.unreachable(),
        (e) => ({ code: e.code, errors: e.errors }),
      );
    expect(await refusal('invitation', secret)).toEqual({
      code: 'forbidden',
      errors: [{ path: 'token', message: 'Not a valid link' }],
    });
    const later = { links: repo, clock: { now: () => new Date('2027-03-01T11:00:00Z') } };
    expect((await refusal('passwordReset', secret, later)).errors[0].message).toMatch(
      /^This link expired at 2027-03-01T11:00:00.000Z/,
    );
    expect((await consumeStaffLink(deps, 'passwordReset', secret)).link.hash).toBe(link.hash);
    expect((await refusal('passwordReset', secret)).errors).toEqual([
      { path: 'token', message: 'This link was already used' },
    ]);
  });

  it('are mailed as links to the portal, whatever its base URL ends with', () => {
    expect(portalLink('https://app.sello.es/', 'reset-password', 'spwr_x')).toBe(
      'https://app.sello.es/reset-password?token=spwr_x',
    );
    expect(portalLink('http://127.0.0.1:3000', 'accept-invitation', 'a+b')).toBe(
      'http://127.0.0.1:3000/accept-invitation?token=a%2Bb',
    );
  });
});

describe('members', () => {
  it('take an owner to make, unmake or remove owners', async () => {
    const owner = member({ userId: 'owner-1', role: 'owner' });
    const tech = member({ userId: 'tech-1', role: 'technician' });
    const { repo, writes } = members(owner, tech);
    const change = changeMemberRole({ members: repo });
    await expect(change(staff('admin'), 'tech-1', 'owner')).rejects.toThrow(
      'Only an owner can give or take the owner role',
    );
    await expect(change(staff('admin'), 'owner-1', 'admin')).rejects.toThrow(
      'Only an owner can give or take the owner role',
    );
    const identity = { deleteUser: async () => {} } as unknown as IdentityProvider;
    await expect(
      removeMember({ members: repo, identity, ownSecrets: { deleteAll: async () => {} } })(
        staff('admin'),
        'owner-1',
      ),
    ).rejects.toThrow('Only an owner can remove an owner');
    expect(writes).toEqual([]);
    expect((await change(staff('owner'), 'tech-1', 'owner')).version).toBe(2);
    const key = { kind: 'tenant', tenantId: 'ten_1', keyId: 'key_1' } as const;
    expect((await change(key, 'tech-1', 'readOnly')).role).toBe('readOnly');
  });

  it("are another tenant's business: 404", async () => {
    const { repo } = members(member({ tenantId: 'ten_2' }));
    await expect(
      changeMemberRole({ members: repo })(staff('owner'), 'user-1', 'admin'),
    ).rejects.toThrow('User user-1 was not found');
  });
});

describe('signIn', () => {
  it('revokes what the provider issued to someone who is no member', async () => {
    const revoked: string[] = [];
    const identity = {
      signIn: async () => ({ accessToken: 'access-1', refreshToken: 'refresh-1' }),
      revoke: async (t: string) => void revoked.push(t),
    } as unknown as IdentityProvider;
    const tokens = { verify: async () => ({ userId: 'ghost', expiresAt: 2e9, groups: [] }) };
    const { repo } = members();
    const recipients = { getByUser: async () => undefined };
    const attempt = signIn({ identity, tokens, members: repo, recipients, clock, attempts });
    await expect(attempt({ email: 'ghost@example.es', password: 'x' }, {})).rejects.toThrow(
      'Wrong e-mail or password',
    );
    expect(revoked).toEqual(['refresh-1']);
  });
});
