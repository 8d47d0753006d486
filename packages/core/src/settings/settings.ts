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
}

export interface SettingsRepository {
  get(tenantId: string): Promise<TenantSettings | undefined>;
  /**
   * Stores `next` if the stored version is still `next.version - 1` (absent for version 1);
   * otherwise a PreconditionFailedError, so concurrent changes never overwrite each other.
   */
  save(next: TenantSettings): Promise<void>;
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
