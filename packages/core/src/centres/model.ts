import type { Address } from '../parties/party.ts';
import type { Page, PageRequest } from '../shared/page.ts';

/** A work centre of the tenant (a workshop's branch): its own address and, optionally, series. */
export interface CentreInput {
  name: string;
  address: Address;
  /** Series code for invoices of this centre (else the tenant's default). */
  series?: string;
}

export interface Centre extends CentreInput {
  id: string;
  tenantId: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The centre as printed on an invoice, frozen when the invoice is made. */
export interface CentreSnapshot {
  id: string;
  name: string;
  address: Address;
}

/** What a client changes of a centre; `series: null` drops its own series (the tenant's again). */
export interface CentrePatch {
  name?: string;
  address?: Address;
  series?: string | null;
}

export interface CentreRepository {
  /** Fails if the id exists. */
  create(centre: Centre): Promise<void>;
  get(tenantId: string, id: string): Promise<Centre | undefined>;
  /** The tenant's centres, oldest first (a tenant has a handful). */
  list(tenantId: string, page: PageRequest): Promise<Page<Centre>>;
  /** Writes `next` only if the stored version is still `next.version - 1`; else PreconditionFailedError. */
  update(next: Centre): Promise<void>;
}
