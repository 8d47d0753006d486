import type { RouteObject } from 'react-router';

/**
 * The settings page: a layout with the sub-navigation and one sub-route for every section
 * (`:section`, see sections.ts and section-page.tsx, each section loaded on demand); webhooks
 * also have a page per subscription with its delivery log.
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
        path: ':section',
        lazy: async () => ({
          Component: (await import('./section-page.tsx')).SettingsSectionPage,
        }),
      },
      {
        path: 'webhooks/:id',
        lazy: async () => ({ Component: (await import('./webhooks.tsx')).WebhookPage }),
      },
    ],
  },
];
