import type { FieldError } from '../errors.ts';

/**
 * How the tenant's buyers turn sales tickets into invoices on the public self-invoicing page
 * (DESIGN §1 C). The company number is printed on the tickets and names the tenant on the page;
 * it is unique across tenants (the settings adapter claims it).
 */
export interface SelfInvoicingSettings {
  enabled: boolean;
  /** Upper case letters, digits and dashes; what the buyer types (or the QR on the ticket holds). */
  companyNumber: string;
  /**
   * Until when a ticket may be invoiced: within the natural month of the sale (in the tenant's
   * time zone), within N days of it, or at any time.
   */
  limit: SelfInvoicingLimit;
  /** After the limit: refuse with a clear message, or record a late request the tenant approves. */
  afterLimit: 'refuse' | 'request';
  /**
   * One generic concept for every invoice (a single line per tax rate, described so); without
   * it, the invoice carries the ticket's own lines (or one line per tax rate, described as the
   * ticket, when the ticket has no lines).
   */
  concept?: SelfInvoicingConcept;
  /** The series self-invoiced invoices are numbered in; the tenant's default otherwise. */
  seriesId?: string;
}

export type SelfInvoicingLimit =
  | { kind: 'naturalMonth' }
  | { kind: 'days'; days: number }
  | { kind: 'none' };

export interface SelfInvoicingConcept {
  description: string;
  /** Mexican tenants: SAT's ClaveProdServ and ClaveUnidad of the concept. */
  satProductKey?: string;
  satUnitKey?: string;
}

/** A merge patch of the section: absent fields stay, `null` removes an optional one. */
export interface SelfInvoicingPatch {
  enabled?: boolean | undefined;
  companyNumber?: string | undefined;
  limit?: SelfInvoicingLimit | undefined;
  afterLimit?: 'refuse' | 'request' | undefined;
  concept?: SelfInvoicingConcept | null | undefined;
  seriesId?: string | null | undefined;
}

/** The company number as stored and looked up: trimmed, upper case. */
export const normalizeCompanyNumber = (value: string) => value.trim().toUpperCase();

/**
 * Applies the patch to the section. A tenant setting it up for the first time gives its company
 * number; the rest defaults to off, the natural month and refusing after it. Problems go to
 * `errors` with `selfInvoicing.…` paths.
 */
export function mergeSelfInvoicing(
  current: SelfInvoicingSettings | undefined,
  patch: SelfInvoicingPatch | null | undefined,
  errors: FieldError[],
): SelfInvoicingSettings | undefined {
  if (patch === undefined) return current;
  if (patch === null) return undefined;
  const companyNumber = patch.companyNumber ?? current?.companyNumber;
  if (companyNumber === undefined) {
    errors.push({
      path: 'selfInvoicing.companyNumber',
      message: 'Give the company number printed on your tickets to set up self-invoicing',
    });
    return current;
  }
  const concept = patch.concept === undefined ? current?.concept : (patch.concept ?? undefined);
  const seriesId = patch.seriesId === undefined ? current?.seriesId : (patch.seriesId ?? undefined);
  return {
    enabled: patch.enabled ?? current?.enabled ?? false,
    companyNumber: normalizeCompanyNumber(companyNumber),
    limit: patch.limit ?? current?.limit ?? { kind: 'naturalMonth' },
    afterLimit: patch.afterLimit ?? current?.afterLimit ?? 'refuse',
    ...(concept ? { concept } : {}),
    ...(seriesId ? { seriesId } : {}),
  };
}

/** The section as clients see it, in a stable field order. */
export function selfInvoicingView(s: SelfInvoicingSettings) {
  return {
    enabled: s.enabled,
    companyNumber: s.companyNumber,
    limit: s.limit.kind === 'days' ? { kind: 'days' as const, days: s.limit.days } : s.limit,
    afterLimit: s.afterLimit,
    ...(s.concept ? { concept: s.concept } : {}),
    ...(s.seriesId ? { seriesId: s.seriesId } : {}),
  };
}
