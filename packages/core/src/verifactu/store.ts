import type { Page, PageRequest } from '../shared/page.ts';
import type { BillingRecord, ChainLink } from './record.ts';

/** The tenant's chain head: the last record generated and its position. */
export interface ChainHead {
  seq: number;
  link: ChainLink;
}

export type SubmissionState = 'pending' | 'accepted' | 'acceptedWithErrors' | 'rejected';

/** A record as kept: its position in the chain, the invoice it belongs to, its submission. */
export interface StoredRecord {
  tenantId: string;
  seq: number;
  invoiceId: string;
  record: BillingRecord;
  generatedAt: string;
  submission: {
    state: SubmissionState;
    csv?: string;
    errors?: Array<{ code: string; description: string }>;
    at?: string;
  };
}

export interface VerifactuRepository {
  head(tenantId: string): Promise<ChainHead | undefined>;
  /** Records in generation order. */
  list(tenantId: string, page: PageRequest): Promise<Page<StoredRecord>>;
  ofInvoice(tenantId: string, invoiceId: string): Promise<StoredRecord[]>;
}
