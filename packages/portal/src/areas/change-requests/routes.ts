import type { RouteObject } from 'react-router';

/** The change-request queue by status, and one request (the page the support mail links to). */
export const changeRequestsRoutes: RouteObject[] = [
  {
    path: 'change-requests',
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./list-page.tsx')).ChangeRequestsPage }),
      },
      {
        path: ':id',
        lazy: async () => ({ Component: (await import('./request-page.tsx')).ChangeRequestPage }),
      },
    ],
  },
];
