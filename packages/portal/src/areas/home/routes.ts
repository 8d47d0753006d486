import type { RouteObject } from 'react-router';

/** The start page of signed-in staff. */
export const homeRoutes: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await import('./home-page.tsx')).HomePage }) },
];
