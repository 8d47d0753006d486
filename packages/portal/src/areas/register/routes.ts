import type { RouteObject } from 'react-router';

/** The pages of this area (loaded on demand): the page the onboarding mail links to. */
export const registerRoutes: RouteObject[] = [
  {
    path: 'register',
    lazy: async () => ({ Component: (await import('./register-page.tsx')).RegisterPage }),
  },
];
