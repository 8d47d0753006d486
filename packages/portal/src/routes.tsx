import type { RouteObject } from 'react-router';
import { customersRoutes } from './areas/customers/routes.ts';
import { developerRoutes } from './areas/developer/routes.ts';
import { homeRoutes } from './areas/home/routes.ts';
import { NotFoundPage, RouteErrorPage } from './areas/not-found.tsx';
import { signInRoutes } from './areas/sign-in/routes.ts';
import { RequireSession } from './auth/index.ts';
import { Shell } from './ui/shell.tsx';
import { Loading } from './ui/states.tsx';

/**
 * Every page, inside the shell. An area keeps its routes in `areas/<area>/routes.ts` (pages
 * loaded on demand) and is listed here once: public ones beside sign-in, the rest behind
 * `RequireSession`.
 */
export const routes: RouteObject[] = [
  {
    element: <Shell />,
    hydrateFallbackElement: <Loading />,
    children: [
      {
        errorElement: <RouteErrorPage />,
        children: [
          ...signInRoutes,
          ...developerRoutes,
          { element: <RequireSession />, children: [...homeRoutes, ...customersRoutes] },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
