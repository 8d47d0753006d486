import type { RouteObject } from 'react-router';

/**
 * The settings page: a layout with the sub-navigation and one sub-route per section (see
 * sections.ts), each loaded on demand; webhooks also have a page per subscription with its
 * delivery log.
 */
export const settingsRoutes: RouteObject[] = [
  {
    path: 'settings',
    lazy: async () => ({ Component: (await import('./layout.tsx')).SettingsLayout }),
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./layout.tsx')).SettingsIndex }),
      },
      {
        path: 'company',
        lazy: async () => ({ Component: (await import('./company.tsx')).CompanySection }),
      },
      {
        path: 'series',
        lazy: async () => ({ Component: (await import('./series.tsx')).SeriesSection }),
      },
      {
        path: 'centres',
        lazy: async () => ({ Component: (await import('./centres.tsx')).CentresSection }),
      },
      {
        path: 'payment',
        lazy: async () => ({ Component: (await import('./preferences.tsx')).PaymentSection }),
      },
      {
        path: 'notifications',
        lazy: async () => ({
          Component: (await import('./preferences.tsx')).NotificationsSection,
        }),
      },
      {
        path: 'branding',
        lazy: async () => ({ Component: (await import('./preferences.tsx')).BrandingSection }),
      },
      {
        path: 'self-invoicing',
        lazy: async () => ({
          Component: (await import('./self-invoicing.tsx')).SelfInvoicingSection,
        }),
      },
      {
        path: 'signing-certificate',
        lazy: async () => ({
          Component: (await import('./certificates.tsx')).SigningCertificateSection,
        }),
      },
      {
        path: 'csd',
        lazy: async () => ({ Component: (await import('./csd.tsx')).CsdSection }),
      },
      {
        path: 'verifactu-certificate',
        lazy: async () => ({
          Component: (await import('./certificates.tsx')).SubmitterCertificateSection,
        }),
      },
      {
        path: 'api-keys',
        lazy: async () => ({ Component: (await import('./api-keys.tsx')).ApiKeysSection }),
      },
      {
        path: 'webhooks',
        lazy: async () => ({ Component: (await import('./webhooks.tsx')).WebhooksSection }),
      },
      {
        path: 'webhooks/:id',
        lazy: async () => ({ Component: (await import('./webhooks.tsx')).WebhookPage }),
      },
      {
        path: 'onboarding-keys',
        lazy: async () => ({
          Component: (await import('./onboarding-keys.tsx')).OnboardingKeysSection,
        }),
      },
    ],
  },
];
