import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import type { AttemptCounter } from '../recipients/model.ts';
import type { IdentityProvider, Membership } from '../staff/model.ts';
import { type SignUpDeps, type SignUpInput, signUp } from './sign-up.ts';
import type { Tenant } from './tenant.ts';

const clock: Clock = { now: () => new Date('2027-03-01T10:00:00Z') };
let n = 0;
const ids: IdGenerator = { next: (prefix) => `${prefix}_${++n}` };
const attempts: AttemptCounter = { take: async () => true, giveBack: async () => {} };

const input = (overrides: Partial<SignUpInput['owner']> = {}): SignUpInput => ({
  company: {
    name: 'Talleres Sur, S.L.',
    taxId: 'b-12345674',
    address: { line1: 'Calle Sierpes 12', city: 'Sevilla', postalCode: '41004', country: 'ES' },
    language: 'es',
    timezone: 'Europe/Madrid',
  },
  owner: { name: 'Lucía', email: 'Lucia@Example.es', password: 'a long passphrase', ...overrides },
});

/** An identity provider that remembers its users, and what was asked of it. */
function identity(options: { taken?: string; refusePassword?: boolean } = {}) {
  const users = new Set<string>(options.taken ? [options.taken] : []);
  const calls: string[] = [];
  const provider: IdentityProvider = {
    signIn: async () => ({ accessToken: 'a' }),
    refresh: async () => ({ accessToken: 'a' }),
    revoke: async () => {},
    createUser: async (email) => {
      calls.push(`create ${email}`);
      if (users.has(email)) {
        throw new ConflictError('taken', [{ path: 'email', message: 'Already exists' }]);
      }
      users.add(email);
      return { userId: `sub-${email}` };
    },
    setPassword: async (email) => {
      calls.push(`password ${email}`);
      if (options.refusePassword) {
        throw new ValidationError('policy', [{ path: 'password', message: 'Too weak' }]);
      }
    },
    deleteUser: async (email) => {
      calls.push(`delete ${email}`);
      users.delete(email);
    },
  };
  return { provider, users, calls };
}

function deps(
  idp: ReturnType<typeof identity>,
  options: { failWrite?: Error; member?: Membership } = {},
) {
  const written: Array<{ tenant: Tenant; owner: Membership }> = [];
  const d: SignUpDeps = {
    signUps: {
      createWithOwner: async (tenant, owner) => {
        if (options.failWrite) throw options.failWrite;
        written.push({ tenant, owner });
      },
    },
    members: {
      findByEmail: async (e) => (options.member?.email === e ? options.member : undefined),
    },
    identity: idp.provider,
    attempts,
    clock,
    ids,
  };
  return { d, written };
}

describe('signUp', () => {
  it('writes the tenant (unproven, origin signUp) with its active owner, whose user has the password', async () => {
    const idp = identity();
    const { d, written } = deps(idp);
    const { tenant, owner } = await signUp(d)(input(), { ip: '203.0.113.1' });
    expect(tenant).toMatchObject({
      taxId: 'B12345674',
      email: 'lucia@example.es',
      origin: 'signUp',
      taxIdKind: 'ES_CIF',
    });
    expect(tenant.taxIdProof).toBeUndefined();
    expect(owner).toMatchObject({
      userId: 'sub-lucia@example.es',
      tenantId: tenant.id,
      role: 'owner',
      status: 'active',
    });
    expect(written).toHaveLength(1);
    expect(idp.calls).toEqual(['create lucia@example.es', 'password lucia@example.es']);
  });

  it('deletes the user again when the table write fails, leaving nothing', async () => {
    const idp = identity();
    const { d, written } = deps(idp, { failWrite: new Error('DynamoDB is down') });
    await expect(signUp(d)(input(), {})).rejects.toThrow('DynamoDB is down');
    expect(idp.calls.at(-1)).toBe('delete lucia@example.es');
    expect(idp.users.size).toBe(0);
    expect(written).toEqual([]);
  });

  it('answers a member taken meanwhile as a taken owner.email, deleting the user it made', async () => {
    const idp = identity();
    const failWrite = new ConflictError('member', [{ path: 'email', message: 'Already a member' }]);
    const { d } = deps(idp, { failWrite });
    const error = await signUp(d)(input(), {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).errors).toEqual([
      { path: 'owner.email', message: 'Already in use' },
    ]);
    expect(idp.users.size).toBe(0);
  });

  it('names owner.password when the provider refuses the password, and deletes the user', async () => {
    const idp = identity({ refusePassword: true });
    const { d, written } = deps(idp);
    const error = await signUp(d)(input(), {}).catch((e: unknown) => e);
    expect((error as ValidationError).errors).toEqual([
      { path: 'owner.password', message: 'Too weak' },
    ]);
    expect(idp.users.size).toBe(0);
    expect(written).toEqual([]);
  });

  it('leaves a user someone else holds at the provider alone', async () => {
    const idp = identity({ taken: 'lucia@example.es' });
    const { d, written } = deps(idp);
    const error = await signUp(d)(input(), {}).catch((e: unknown) => e);
    expect((error as ConflictError).errors).toEqual([
      { path: 'owner.email', message: 'Already in use' },
    ]);
    expect(idp.users.has('lucia@example.es')).toBe(true);
    expect(idp.calls).toEqual(['create lucia@example.es']);
    expect(written).toEqual([]);
  });

  it('checks everything it can before touching the provider, naming nested fields', async () => {
    const idp = identity();
    const { d } = deps(idp);
    const bad = input();
    bad.company.taxId = 'B12345670';
    const error = await signUp(d)(bad, {}).catch((e: unknown) => e);
    expect((error as ValidationError).errors.map((e) => e.path)).toEqual(['company.taxId']);
    const short = await signUp(d)(input({ password: 'short' }), {}).catch((e: unknown) => e);
    expect((short as ValidationError).errors.map((e) => e.path)).toEqual(['owner.password']);
    const zone = input();
    zone.company.timezone = 'Mars/Olympus';
    const where = await signUp(d)(zone, {}).catch((e: unknown) => e);
    expect((where as ValidationError).errors.map((e) => e.path)).toEqual(['company.timezone']);
    expect(idp.calls).toEqual([]);
  });
});
