import type { ProductRepository } from '../catalog/product.ts';
import type { SeriesRepository } from '../invoices/series.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import type { SchedulerPort } from '../ports/scheduler.ts';
import type { TenantRepository } from '../tenants/tenant.ts';
import type { CustomerDirectory, TaskRepository } from './model.ts';

/** What creating, changing and deleting tasks needs. */
export interface TaskDeps {
  tasks: TaskRepository;
  customers: CustomerDirectory;
  products: Pick<ProductRepository, 'getMany'>;
  series: SeriesRepository;
  tenants: Pick<TenantRepository, 'get'>;
  scheduler: SchedulerPort;
  /** Id of the triggered function the schedules invoke (`runTask`). */
  target: string;
  clock: Clock;
  ids: IdGenerator;
}
