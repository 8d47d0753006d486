import type { Operation } from '../../api/roles.ts';
import { can, type Session } from '../../auth/index.ts';

/**
 * The settings sections, in the order of the sub-navigation: each its path under /settings, its
 * label (`settings.section.<key>`) and the operation that reads it (a role that may not read it
 * does not see it).
 */
export const SECTIONS = [
  { path: 'company', key: 'company', read: 'GET /v1/tenant' },
  { path: 'series', key: 'series', read: 'GET /v1/series' },
  { path: 'payment', key: 'payment', read: 'GET /v1/settings' },
  { path: 'notifications', key: 'notifications', read: 'GET /v1/settings' },
  { path: 'branding', key: 'branding', read: 'GET /v1/settings' },
  { path: 'signing-certificate', key: 'signing', read: 'GET /v1/signing-certificate' },
  {
    path: 'verifactu-certificate',
    key: 'verifactu',
    read: 'GET /v1/verifactu/submitter-certificate',
  },
  { path: 'api-keys', key: 'apiKeys', read: 'GET /v1/api-keys' },
  { path: 'webhooks', key: 'webhooks', read: 'GET /v1/webhooks' },
  { path: 'onboarding-keys', key: 'onboardingKeys', read: 'GET /v1/onboarding-keys' },
] as const satisfies ReadonlyArray<{ path: string; key: string; read: Operation }>;

export type SectionKey = (typeof SECTIONS)[number]['key'];

/** The sections the session may read, in order. */
export const sectionsFor = (session: Session) => SECTIONS.filter((s) => can(session, s.read));
