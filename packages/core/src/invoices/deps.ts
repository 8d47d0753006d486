import type { CentreRepository } from '../centres/model.ts';
import type { CustomerRepository } from '../customers/customer.ts';
import type { DepositRepository } from '../deposits/model.ts';
import type { DepositTreatment } from '../deposits/treatment.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import type { TenantRepository } from '../tenants/tenant.ts';
import type { SistemaInformatico } from '../verifactu/record.ts';
import type { InvoiceRepository } from './invoice-repository.ts';
import type { LineResolver } from './lines.ts';
import type { SeriesRepository } from './series.ts';

export interface InvoiceDeps {
  invoices: InvoiceRepository;
  series: SeriesRepository;
  customers: CustomerRepository;
  tenants: TenantRepository;
  resolveLines: LineResolver;
  clock: Clock;
  ids: IdGenerator;
  /** The tenant's defaults for new drafts' payment terms (settings `payment`). */
  paymentDefaults?: (tenantId: string) => Promise<{ iban?: string; terms?: string } | undefined>;
  /** Drafts made from prepaid deposits read them here; without it `depositIds` is refused. */
  deposits?: Pick<DepositRepository, 'getMany'>;
  /** The tenant's deposit treatment (settings `deposits`); the default when it has none. */
  depositTreatment?: (tenantId: string) => Promise<DepositTreatment | undefined>;
  /** VERI*FACTU: the system identity every record carries; absent where records are off. */
  verifactu?: { system: SistemaInformatico };
  /** Work centres: without it `centreId` is refused and drafts carry no centre. */
  centres?: Pick<CentreRepository, 'get'>;
  /** The centres a staff member belongs to (its membership's `centreIds`). */
  staffCentres?: (userId: string) => Promise<readonly string[] | undefined>;
}
