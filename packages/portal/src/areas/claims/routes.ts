import type { RouteObject } from 'react-router';

/** Claims (loaded on demand): the list with filters, a new claim, and one claim file. */
export const claimsRoutes: RouteObject[] = [
  {
    path: 'claims',
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./list-page.tsx')).ClaimsListPage }),
      },
      {
        path: 'new',
        lazy: async () => ({ Component: (await import('./new-page.tsx')).NewClaimPage }),
      },
      {
        path: ':id',
        lazy: async () => ({ Component: (await import('./claim-page.tsx')).ClaimPage }),
      },
    ],
  },
];
