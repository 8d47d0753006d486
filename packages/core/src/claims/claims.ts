import { liveCentres } from '../centres/centres.ts';
import type { CentreRepository } from '../centres/model.ts';
import type { CustomerRepository } from '../customers/customer.ts';
import {
  ConflictError,
  type FieldError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import type { Page } from '../shared/page.ts';
import type {
  Claim,
  ClaimInput,
  ClaimListQuery,
  ClaimPatch,
  ClaimRepository,
  Vehicle,
} from './model.ts';

export interface ClaimDeps {
  claims: ClaimRepository;
  customers: Pick<CustomerRepository, 'get'>;
  centres: Pick<CentreRepository, 'get'>;
  clock: Clock;
  ids: IdGenerator;
}

/** A plate as stored and searched: upper case, without spaces, dots or dashes ("1234-bcd" → "1234BCD"). */
export const normalisePlate = (plate: string) => plate.toUpperCase().replace(/[\s.-]/g, '');

/** ISO 3779: 17 characters, digits and capitals but I, O and Q (read as 1 and 0). */
const VIN = /^[A-HJ-NPR-Z0-9]{17}$/;

/** The vehicle normalised, or the problems of each field under `vehicle.`. */
export function normaliseVehicle(vehicle: Vehicle, errors: FieldError[]): Vehicle {
  const plate = normalisePlate(vehicle.plate);
  if (!/^[A-Z0-9]{2,15}$/.test(plate)) {
    errors.push({ path: 'vehicle.plate', message: 'Letters and digits only, 2 to 15 of them' });
  }
  const vin = vehicle.vin?.trim().toUpperCase();
  if (vin !== undefined && !VIN.test(vin)) {
    errors.push({
      path: 'vehicle.vin',
      message: '17 letters and digits, without I, O or Q (ISO 3779)',
    });
  }
  return {
    plate,
    ...(vin ? { vin } : {}),
    ...(vehicle.make ? { make: vehicle.make } : {}),
    ...(vehicle.model ? { model: vehicle.model } : {}),
  };
}

/** Pushes a problem under `path` unless `id` is a live customer of the tenant. */
async function checkCustomer(
  deps: Pick<ClaimDeps, 'customers'>,
  tenantId: string,
  id: string,
  path: string,
  errors: FieldError[],
) {
  const customer = await deps.customers.get(tenantId, id);
  if (!customer || customer.deletedAt) errors.push({ path, message: `No customer ${id}` });
}

async function checkCentre(
  deps: Pick<ClaimDeps, 'centres'>,
  tenantId: string,
  id: string | null | undefined,
  errors: FieldError[],
) {
  if (!id) return;
  try {
    await liveCentres(deps.centres, tenantId, [id], () => 'centreId');
  } catch (e) {
    if (e instanceof ValidationError) errors.push(...e.errors);
    else throw e;
  }
}

function refuse(errors: FieldError[]) {
  if (errors.length) {
    throw new ValidationError(
      `Invalid claim: ${errors.map((e) => `${e.path} (${e.message})`).join('; ')}`,
      errors,
    );
  }
}

/**
 * Opens a claim file: insurer and insured are live customers of the tenant, the centre one of
 * its centres, the plate normalised and the VIN checked. A claim number is unique per insurer
 * (ConflictError naming `claimNumber`, decided by the store's transaction).
 */
export const createClaim =
  (deps: ClaimDeps) =>
  async (tenantId: string, input: ClaimInput): Promise<Claim> => {
    const errors: FieldError[] = [];
    const vehicle = normaliseVehicle(input.vehicle, errors);
    await Promise.all([
      checkCustomer(deps, tenantId, input.insurerId, 'insurerId', errors),
      checkCustomer(deps, tenantId, input.insuredId, 'insuredId', errors),
      checkCentre(deps, tenantId, input.centreId, errors),
    ]);
    refuse(errors);
    const now = deps.clock.now().toISOString();
    const claim: Claim = {
      id: deps.ids.next('clm'),
      tenantId,
      claimNumber: input.claimNumber.trim(),
      insurerId: input.insurerId,
      insuredId: input.insuredId,
      policyNumber: input.policyNumber.trim(),
      vehicle,
      ...(input.centreId ? { centreId: input.centreId } : {}),
      ...(input.estimate ? { estimate: input.estimate } : {}),
      status: 'open',
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await deps.claims.create(claim);
    return claim;
  };

export const getClaim =
  ({ claims }: { claims: Pick<ClaimRepository, 'get'> }) =>
  async (tenantId: string, id: string): Promise<Claim> => {
    const claim = await claims.get(tenantId, id);
    if (!claim) throw new NotFoundError('Claim', id);
    return claim;
  };

/** The tenant's claims, newest first; a plate is searched as stored. */
export const listClaims =
  ({ claims }: Pick<ClaimDeps, 'claims'>) =>
  (tenantId: string, query: ClaimListQuery): Promise<Page<Claim>> =>
    claims.list(tenantId, {
      ...query,
      ...(query.plate ? { plate: normalisePlate(query.plate) } : {}),
      ...(query.claimNumber ? { claimNumber: query.claimNumber.trim() } : {}),
    });

/**
 * Changes a claim's policy, vehicle, centre or estimate, or closes it. A closed claim changes no
 * more (ConflictError); `expectedVersion` (If-Match) guards against lost updates.
 */
export const updateClaim =
  (deps: Omit<ClaimDeps, 'ids'>) =>
  async (
    tenantId: string,
    id: string,
    patch: ClaimPatch,
    expectedVersion?: number,
  ): Promise<Claim> => {
    const current = await getClaim(deps)(tenantId, id);
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw new PreconditionFailedError(
        `Claim ${id} is at version ${current.version}, not ${expectedVersion}`,
      );
    }
    if (current.status === 'closed') {
      if (Object.keys(patch).every((k) => k === 'status')) return current;
      throw new ConflictError(`Claim ${current.claimNumber} is closed`);
    }
    const errors: FieldError[] = [];
    const vehicle = patch.vehicle ? normaliseVehicle(patch.vehicle, errors) : current.vehicle;
    await checkCentre(deps, tenantId, patch.centreId, errors);
    refuse(errors);
    const { centreId: _centre, estimate: _estimate, ...rest } = current;
    const centreId =
      patch.centreId === undefined ? current.centreId : (patch.centreId ?? undefined);
    const estimate =
      patch.estimate === undefined ? current.estimate : (patch.estimate ?? undefined);
    const next: Claim = {
      ...rest,
      ...(patch.policyNumber !== undefined ? { policyNumber: patch.policyNumber.trim() } : {}),
      vehicle,
      ...(centreId ? { centreId } : {}),
      ...(estimate ? { estimate } : {}),
      ...(patch.status ? { status: patch.status } : {}),
      version: current.version + 1,
      updatedAt: deps.clock.now().toISOString(),
    };
    await deps.claims.update(next);
    return next;
  };

/** The shape clients see, in a stable field order. */
export const claimView = (c: Claim) => ({
  id: c.id,
  claimNumber: c.claimNumber,
  insurerId: c.insurerId,
  insuredId: c.insuredId,
  policyNumber: c.policyNumber,
  vehicle: c.vehicle,
  ...(c.centreId ? { centreId: c.centreId } : {}),
  ...(c.estimate ? { estimate: c.estimate } : {}),
  status: c.status,
  ...(c.valuationVersion !== undefined ? { valuationVersion: c.valuationVersion } : {}),
  ...(c.invoices ? { invoices: c.invoices } : {}),
  version: c.version,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});
