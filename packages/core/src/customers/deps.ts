import type { TariffRepository } from '../catalog/tariff.ts';
import { ValidationError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import type { CustomerRepository } from './customer.ts';

export interface CustomerDeps {
  customers: CustomerRepository;
  clock: Clock;
  ids: IdGenerator;
  /** When given, a customer may only name a live tariff of its tenant. */
  tariffs?: Pick<TariffRepository, 'get'>;
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
