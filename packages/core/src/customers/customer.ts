import type { DepositTreatment } from '../deposits/treatment.ts';
import type { FieldError } from '../errors.ts';
import type { Address, Language } from '../parties/party.ts';
import type { PersonType, TaxIdKind } from '../parties/tax-id.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import { taxRegimeProblem } from '../taxes/sat-catalogs.ts';
import { type Dir3Units, dir3Problems } from './dir3.ts';

export interface Customer {
  id: string;
  tenantId: string;
  taxId: string;
  taxIdKind: TaxIdKind;
  personType: PersonType;
  name: string;
  email?: string;
  language: Language;
  address: Address;
  /** Price list (tariff) applied to this customer's invoice lines. */
  tariffId?: string;
  /** Mexican buyers: SAT's c_RegimenFiscal (CFDI RegimenFiscalReceptor). */
  taxRegime?: string;
  /** How this customer's prepaid deposits are invoiced, instead of the tenant's setting. */
  depositTreatment?: DepositTreatment;
  /** A Spanish public administration: the DIR3 units its invoices are addressed to (FACe). */
  dir3?: Dir3Units;
  /** Optimistic-concurrency counter, starts at 1. */
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Soft delete: invoices keep naming the customer, lists and reads stop showing it. */
  deletedAt?: string;
}

export interface CustomerInput {
  taxId: string;
  name: string;
  email?: string;
  language?: Language;
  address: Address;
  tariffId?: string;
  taxRegime?: string;
  depositTreatment?: DepositTreatment;
  dir3?: Dir3Units;
}

export interface CustomerPatch {
  taxId?: string;
  name?: string;
  /** `null` removes the e-mail. */
  email?: string | null;
  language?: Language;
  address?: Address;
  /** `null` removes the tariff. */
  tariffId?: string | null;
  /** `null` removes it. */
  taxRegime?: string | null;
  /** `null` removes it: the tenant's setting applies again. */
  depositTreatment?: DepositTreatment | null;
  /** `null` removes them. */
  dir3?: Dir3Units | null;
}

/**
 * A buyer's régimen fiscal: only Mexican buyers have one, and it must suit the person type; DIR3
 * units: only Spanish buyers, all three, each a DIR3 code.
 */
export function customerRegimeProblems(
  c: Pick<Customer, 'address' | 'personType' | 'taxRegime' | 'dir3'>,
): FieldError[] {
  return [...regimeProblems(c), ...dir3Problems(c.dir3, c.address.country)];
}

function regimeProblems(c: Pick<Customer, 'address' | 'personType' | 'taxRegime'>): FieldError[] {
  if (c.taxRegime === undefined) return [];
  if (c.address.country !== 'MX') {
    return [{ path: 'taxRegime', message: 'Only Mexican buyers (country MX) have it' }];
  }
  const problem = taxRegimeProblem(c.taxRegime, c.personType);
  return problem ? [{ path: 'taxRegime', message: problem }] : [];
}

export interface CustomerRepository {
  /** Fails if the id exists. */
  create(customer: Customer): Promise<void>;
  /** Returns soft-deleted customers too; callers decide. */
  get(tenantId: string, id: string): Promise<Customer | undefined>;
  /** Live customers only, oldest first. */
  list(tenantId: string, page: PageRequest & { taxId?: string }): Promise<Page<Customer>>;
  /** Writes `next` only if the stored version is still `next.version - 1`; else PreconditionFailedError. */
  update(next: Customer): Promise<void>;
}

/** The shape clients see, in a stable field order; internal fields stay inside. */
export function customerView(c: Customer) {
  const { line1, line2, city, postalCode, province, country } = c.address;
  return {
    id: c.id,
    taxId: c.taxId,
    taxIdKind: c.taxIdKind,
    personType: c.personType,
    name: c.name,
    ...(c.email ? { email: c.email } : {}),
    language: c.language,
    address: {
      line1,
      ...(line2 ? { line2 } : {}),
      city,
      postalCode,
      ...(province ? { province } : {}),
      country,
    },
    ...(c.tariffId ? { tariffId: c.tariffId } : {}),
    ...(c.taxRegime ? { taxRegime: c.taxRegime } : {}),
    ...(c.depositTreatment ? { depositTreatment: c.depositTreatment } : {}),
    ...(c.dir3 ? { dir3: c.dir3 } : {}),
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
