import { PreconditionFailedError, ValidationError } from '../errors.ts';
import { identifyParty } from '../parties/identify.ts';
import { type Customer, type CustomerPatch, customerRegimeProblems } from './customer.ts';
import { type CustomerDeps, checkTariff, checkTreatment } from './deps.ts';
import { normalizeDir3 } from './dir3.ts';
import { getCustomer } from './get-customer.ts';

export const updateCustomer =
  (deps: Pick<CustomerDeps, 'customers' | 'clock' | 'tariffs' | 'jurisdiction'>) =>
  async (
    tenantId: string,
    id: string,
    patch: CustomerPatch,
    expectedVersion?: number,
  ): Promise<Customer> => {
    const current = await getCustomer(deps)(tenantId, id);
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw new PreconditionFailedError(
        `Customer ${id} is at version ${current.version}, not ${expectedVersion}`,
      );
    }
    const address = patch.address ?? current.address;
    // A new country can invalidate the old tax id, so re-check whenever either changes.
    const identity =
      patch.taxId !== undefined || patch.address !== undefined
        ? identifyParty(patch.taxId ?? current.taxId, address.country)
        : {};
    await checkTariff(deps.tariffs, tenantId, patch.tariffId);
    await checkTreatment(deps, tenantId, patch.depositTreatment);
    const {
      email: _email,
      tariffId: _tariff,
      taxRegime: _regime,
      depositTreatment: _treatment,
      dir3: _dir3,
      ...rest
    } = current;
    const depositTreatment =
      patch.depositTreatment === undefined
        ? current.depositTreatment
        : (patch.depositTreatment ?? undefined);
    const taxRegime =
      patch.taxRegime === undefined ? current.taxRegime : (patch.taxRegime ?? undefined);
    const dir3 = patch.dir3 === undefined ? current.dir3 : (patch.dir3 ?? undefined);
    const email = patch.email === undefined ? current.email : (patch.email ?? undefined);
    const tariffId =
      patch.tariffId === undefined ? current.tariffId : (patch.tariffId ?? undefined);
    const next: Customer = {
      ...rest,
      ...identity,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.language !== undefined ? { language: patch.language } : {}),
      ...(email !== undefined ? { email } : {}),
      ...(tariffId !== undefined ? { tariffId } : {}),
      ...(taxRegime !== undefined ? { taxRegime } : {}),
      ...(depositTreatment ? { depositTreatment } : {}),
      ...(dir3 ? { dir3: normalizeDir3(dir3) } : {}),
      address,
      version: current.version + 1,
      updatedAt: deps.clock.now().toISOString(),
    };
    // Checked when the régimen, the DIR3 units, the country or the tax id (person type) changes.
    if (
      patch.taxRegime != null ||
      patch.dir3 != null ||
      patch.address !== undefined ||
      patch.taxId !== undefined
    ) {
      const problems = customerRegimeProblems(next);
      if (problems.length) throw new ValidationError('Invalid customer', problems);
    }
    await deps.customers.update(next);
    return next;
  };
