import type { RouteObject } from 'react-router';

export const signInRoutes: RouteObject[] = [
  {
    path: 'sign-in',
    lazy: async () => ({ Component: (await import('./sign-in-page.tsx')).SignInPage }),
  },
];
