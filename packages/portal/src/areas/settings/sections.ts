import type { Operation } from '../../api/roles.ts';
import { can, type Session } from '../../auth/index.ts';

/**
 * The settings sections, in the order of the sub-navigation: each its path under /settings, its
 * label (`settings.section.<key>`) and the operation that reads it (a role that may not read it
 * does not see it). A section with `country` is only for tenants of that country (the CSD seals
 * Mexican CFDI only).
 */
export const SECTIONS = [
  { path: 'company', key: 'company', read: 'GET /v1/tenant' },
  { path: 'series', key: 'series', read: 'GET /v1/series' },
  { path: 'centres', key: 'centres', read: 'GET /v1/centres' },
  { path: 'payment', key: 'payment', read: 'GET /v1/settings' },
  { path: 'notifications', key: 'notifications', read: 'GET /v1/settings' },
  { path: 'branding', key: 'branding', read: 'GET /v1/settings' },
  { path: 'self-invoicing', key: 'selfInvoicing', read: 'GET /v1/settings' },
  { path: 'signing-certificate', key: 'signing', read: 'GET /v1/signing-certificate' },
  { path: 'csd', key: 'csd', read: 'GET /v1/csd', country: 'MX' },
  {
    path: 'verifactu-certificate',
    key: 'verifactu',
    read: 'GET /v1/verifactu/submitter-certificate',
  },
  { path: 'api-keys', key: 'apiKeys', read: 'GET /v1/api-keys' },
  { path: 'webhooks', key: 'webhooks', read: 'GET /v1/webhooks' },
  { path: 'onboarding-keys', key: 'onboardingKeys', read: 'GET /v1/onboarding-keys' },
] as const satisfies ReadonlyArray<{
  path: string;
  key: string;
  read: Operation;
  country?: string;
}>;

export type SectionKey = (typeof SECTIONS)[number]['key'];

/**
 * The sections the session may read, in order; given the tenant, only those of its country
 * (while its country is not known yet, none of the country-specific ones).
 */
export const sectionsFor = (session: Session, tenant?: { country: string | undefined }) =>
  SECTIONS.filter(
    (s) =>
      can(session, s.read) &&
      (tenant === undefined || !('country' in s) || s.country === tenant.country),
  );
