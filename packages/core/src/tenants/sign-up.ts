import { AppError, ConflictError, type FieldError, ValidationError } from '../errors.ts';
import type { Address, Language } from '../parties/party.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import { beginAttempt } from '../recipients/attempts.ts';
import type { AttemptCounter } from '../recipients/model.ts';
import { checkPassword } from '../recipients/password.ts';
import type { IdentityProvider, Membership, MembershipRepository } from '../staff/model.ts';
import { normalizeStaffEmail } from '../staff/sign-in.ts';
import { newTenant } from './provision-tenant.ts';
import type { Tenant } from './tenant.ts';

export interface SignUpInput {
  company: {
    name: string;
    taxId: string;
    address: Address;
    language: Language;
    timezone: string;
  };
  owner: { name: string; email: string; password: string };
}

/** Writes a signed-up tenant and its owner together: both or neither. */
export interface SignUpRepository {
  /**
   * One write for the tenant and its active owner. The owner's e-mail taken by another member is
   * a ConflictError naming `email` (as MembershipRepository.create).
   */
  createWithOwner(tenant: Tenant, owner: Membership): Promise<void>;
}

export interface SignUpDeps {
  signUps: SignUpRepository;
  members: Pick<MembershipRepository, 'findByEmail'>;
  identity: IdentityProvider;
  attempts: AttemptCounter;
  clock: Clock;
  ids: IdGenerator;
}

const taken = () =>
  new ConflictError('Somebody already signs in with this e-mail; sign in instead', [
    { path: 'owner.email', message: 'Already in use' },
  ]);

/** The same error with its field paths under `prefix` (the form nests company and owner). */
function nested(error: unknown, prefix: string, fields: readonly string[]): unknown {
  if (!(error instanceof AppError) || !error.errors.length) return error;
  if (!error.errors.every((e) => fields.includes(e.path))) return error;
  const errors: FieldError[] = error.errors.map((e) => ({ ...e, path: `${prefix}${e.path}` }));
  const Kind = error.constructor as new (message: string, errors: FieldError[]) => AppError;
  return new Kind(error.message, errors);
}

/**
 * A business signs itself up: a tenant that issues at once, and its owner, who signs in with the
 * password given here. Nothing is left behind when a step fails: the owner's user at the identity
 * provider is made first and deleted again if the table write fails, and the write puts tenant and
 * owner in one transaction. The tax id is checked but not proven (anyone may type any valid tax
 * id), so the tenant's inbox stays closed until it proves it. Every sign-up counts against the
 * per-address limit, since every one makes a tenant.
 */
export const signUp =
  (deps: SignUpDeps) =>
  async (
    input: SignUpInput,
    source: { ip?: string | undefined },
  ): Promise<{ tenant: Tenant; owner: Membership }> => {
    const tenant = newTenant(
      deps,
      { ...input.company, email: normalizeStaffEmail(input.owner.email) },
      { origin: 'signUp', prefix: 'company.' },
    );
    const email = tenant.email;
    try {
      checkPassword(input.owner.password);
    } catch (error) {
      throw nested(error, 'owner.', ['password']);
    }
    await beginAttempt(deps, `sign-up:${email}`, source.ip);
    if (await deps.members.findByEmail(email)) throw taken();

    let userId: string;
    try {
      ({ userId } = await deps.identity.createUser(email));
    } catch (error) {
      // A recipient (or a member whose membership is gone) may hold the name at the provider.
      if (error instanceof ConflictError) throw taken();
      throw error;
    }
    const owner: Membership = {
      userId,
      tenantId: tenant.id,
      email,
      name: input.owner.name,
      role: 'owner',
      status: 'active',
      createdAt: tenant.createdAt,
      joinedAt: tenant.createdAt,
      version: 1,
    };
    try {
      await deps.identity.setPassword(email, input.owner.password);
      await deps.signUps.createWithOwner(tenant, owner);
    } catch (error) {
      try {
        await deps.identity.deleteUser(email);
      } catch (cleanup) {
        throw new AggregateError([error, cleanup], `Sign-up failed and user ${userId} remains`);
      }
      if (error instanceof ConflictError && error.errors.some((e) => e.path === 'email')) {
        throw taken();
      }
      if (error instanceof ValidationError) throw nested(error, 'owner.', ['password']);
      throw error;
    }
    return { tenant, owner };
  };
