import type { RouteObject } from 'react-router';
import { developerTools } from '../../config.ts';

/** Only where the developer tools exist (see config.ts). */
export const developerRoutes: RouteObject[] = developerTools
  ? [
      {
        path: 'developer',
        lazy: async () => ({ Component: (await import('./developer-page.tsx')).DeveloperPage }),
      },
    ]
  : [];
