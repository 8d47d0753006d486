import type { RouteObject } from 'react-router';

/** The pages of this area (loaded on demand). */
export const signUpRoutes: RouteObject[] = [
  {
    path: 'sign-up',
    lazy: async () => ({ Component: (await import('./sign-up-page.tsx')).SignUpPage }),
  },
];
