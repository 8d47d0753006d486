import type { DepositTreatment } from '../deposits/treatment.ts';
import type { SelfInvoicingPatch, SelfInvoicingSettings } from './self-invoicing.ts';
import { selfInvoicingView } from './self-invoicing.ts';

/** What a tenant configures once for all its invoices and mails. */
export interface TenantSettings {
  tenantId: string;
  notifications: {
    /** E-mail each invoice's customer when the invoice is issued (with a registration key if needed). */
    recipientsOnIssue: boolean;
  };
  /** Defaults for new drafts' payment terms. */
  payment?: { iban?: string; bic?: string; terms?: string };
  /** How documents look. */
  branding?: { accentColor?: string; footer?: string; logo?: TenantLogo };
  /** The public self-invoicing page for the tenant's sales tickets. */
  selfInvoicing?: SelfInvoicingSettings;
  /** How prepaid deposits are invoiced (a customer may have its own); the default when absent. */
  deposits?: DepositTreatment;
  /** Where customers' change requests are mailed (the tenant's own address when unset). */
  support?: { email: string };
  /** 0 for the defaults of a tenant that never saved settings. */
  version: number;
  updatedAt?: string;
}

export type LogoImageType = 'image/png' | 'image/jpeg';

/** The logo printed on documents: its bytes live in the artifact store under `key`. */
export interface TenantLogo {
  key: string;
  contentType: LogoImageType;
  width: number;
  height: number;
  /** Bytes. */
  size: number;
  sha256: string;
  uploadedAt: string;
}

/**
 * A JSON merge patch (RFC 7396) of the settings: absent fields stay, `null` removes an optional
 * field or section.
 */
export interface SettingsPatch {
  notifications?: { recipientsOnIssue?: boolean | undefined } | undefined;
  payment?: { iban?: string | null; bic?: string | null; terms?: string | null } | null | undefined;
  branding?: { accentColor?: string | null; footer?: string | null } | null | undefined;
  /** `null` turns self-invoicing off for good and frees the company number. */
  selfInvoicing?: SelfInvoicingPatch | null | undefined;
  /** Replaces the treatment as a whole; `null` goes back to the default. */
  deposits?: DepositTreatment | null | undefined;
  support?: { email?: string | null } | null | undefined;
}

export interface SettingsRepository {
  get(tenantId: string): Promise<TenantSettings | undefined>;
  /**
   * Stores `next` if the stored version is still `next.version - 1` (absent for version 1);
   * otherwise a PreconditionFailedError, so concurrent changes never overwrite each other.
   * Given `previous` (the settings `next` was made from), a changed self-invoicing company
   * number is claimed (unique across tenants: a ConflictError naming
   * `selfInvoicing.companyNumber` when another tenant holds it) and the old one freed, in the
   * same write.
   */
  save(next: TenantSettings, previous?: TenantSettings): Promise<void>;
}

/** Finds a tenant by the self-invoicing company number it claimed (see `save`). */
export interface CompanyNumberDirectory {
  /** The tenant whose company number this is (normalised), if any. */
  tenantOfCompanyNumber(companyNumber: string): Promise<string | undefined>;
}

export const defaultSettings = (tenantId: string): TenantSettings => ({
  tenantId,
  notifications: { recipientsOnIssue: false },
  version: 0,
});

/** What clients see; field order fixed for stable responses and ETags. */
export function settingsView(s: TenantSettings) {
  return {
    notifications: { recipientsOnIssue: s.notifications.recipientsOnIssue },
    ...(s.payment ? { payment: s.payment } : {}),
    ...(s.branding ? { branding: brandingView(s.branding) } : {}),
    ...(s.selfInvoicing ? { selfInvoicing: selfInvoicingView(s.selfInvoicing) } : {}),
    ...(s.deposits ? { deposits: s.deposits } : {}),
    ...(s.support ? { support: s.support } : {}),
    version: s.version,
    ...(s.updatedAt ? { updatedAt: s.updatedAt } : {}),
  };
}

/** Branding as clients see it: whether there is a logo and what it is, never where it is kept. */
function brandingView({ logo, ...rest }: NonNullable<TenantSettings['branding']>) {
  if (!logo) return rest;
  const { contentType, width, height, size, sha256, uploadedAt } = logo;
  return { ...rest, logo: { contentType, width, height, size, sha256, uploadedAt } };
}
