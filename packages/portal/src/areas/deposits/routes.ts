import type { RouteObject } from 'react-router';

/** The staff's deposits area (loaded on demand): every customer's deposits, with filters. */
export const depositsRoutes: RouteObject[] = [
  {
    path: 'deposits',
    lazy: async () => ({ Component: (await import('./list-page.tsx')).DepositsListPage }),
  },
];
