import { ValidationError } from '../errors.ts';
import { identifyParty } from '../parties/identify.ts';
import { type Customer, type CustomerInput, customerRegimeProblems } from './customer.ts';
import { type CustomerDeps, checkTariff, checkTreatment } from './deps.ts';
import { normalizeDir3 } from './dir3.ts';

export const createCustomer =
  (deps: CustomerDeps) =>
  async (tenantId: string, input: CustomerInput): Promise<Customer> => {
    const identity = identifyParty(input.taxId, input.address.country);
    const { customers, clock, ids, tariffs } = deps;
    await checkTariff(tariffs, tenantId, input.tariffId);
    await checkTreatment(deps, tenantId, input.depositTreatment);
    const now = clock.now().toISOString();
    const customer: Customer = {
      id: ids.next('cus'),
      tenantId,
      ...identity,
      name: input.name,
      ...(input.email ? { email: input.email } : {}),
      language: input.language ?? defaultLanguage(input.address.country),
      address: input.address,
      ...(input.tariffId ? { tariffId: input.tariffId } : {}),
      ...(input.taxRegime ? { taxRegime: input.taxRegime } : {}),
      ...(input.depositTreatment ? { depositTreatment: input.depositTreatment } : {}),
      ...(input.dir3 ? { dir3: normalizeDir3(input.dir3) } : {}),
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    const problems = customerRegimeProblems(customer);
    if (problems.length) throw new ValidationError('Invalid customer', problems);
    await customers.create(customer);
    return customer;
  };

/** Spanish for Spain and Mexico, English elsewhere, until the customer says otherwise. */
const defaultLanguage = (country: string) => (country === 'ES' || country === 'MX' ? 'es' : 'en');
