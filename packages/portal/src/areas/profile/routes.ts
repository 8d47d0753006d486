import type { RouteObject } from 'react-router';

/** The signed-in user's own page: who they are and their connector credentials. */
export const profileRoutes: RouteObject[] = [
  {
    path: 'profile',
    lazy: async () => ({ Component: (await import('./profile-page.tsx')).ProfilePage }),
  },
];
