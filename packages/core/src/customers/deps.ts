import type { TariffRepository } from '../catalog/tariff.ts';
import { type DepositTreatment, treatmentProblems } from '../deposits/treatment.ts';
import { ValidationError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import type { Jurisdiction } from '../taxes/model.ts';
import type { CustomerRepository } from './customer.ts';

export interface CustomerDeps {
  customers: CustomerRepository;
  clock: Clock;
  ids: IdGenerator;
  /** When given, a customer may only name a live tariff of its tenant. */
  tariffs?: Pick<TariffRepository, 'get'>;
  /** Whose tax rules the tenant follows (a deposit treatment's taxes); Spain's unless given. */
  jurisdiction?: (tenantId: string) => Promise<Jurisdiction>;
}

/** A ValidationError on `depositTreatment` when its taxes or keys do not suit the tenant. */
export async function checkTreatment(
  deps: Pick<CustomerDeps, 'jurisdiction'>,
  tenantId: string,
  treatment: DepositTreatment | null | undefined,
): Promise<void> {
  if (!treatment) return;
  const jurisdiction = (await deps.jurisdiction?.(tenantId)) ?? 'ES';
  const problems = treatmentProblems(treatment, jurisdiction, 'depositTreatment');
  if (problems.length) throw new ValidationError('Invalid deposit treatment', problems);
}

/** A ValidationError on `tariffId` unless the tariff exists and is live (skipped without the port). */
export async function checkTariff(
  tariffs: CustomerDeps['tariffs'],
  tenantId: string,
  tariffId: string | null | undefined,
): Promise<void> {
  if (!tariffs || !tariffId) return;
  const tariff = await tariffs.get(tenantId, tariffId);
  if (!tariff || tariff.deletedAt) {
    throw new ValidationError(`No tariff ${tariffId}`, [
      { path: 'tariffId', message: `No tariff ${tariffId}` },
    ]);
  }
}
