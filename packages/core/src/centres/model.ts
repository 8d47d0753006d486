import type { Address } from '../parties/party.ts';

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
