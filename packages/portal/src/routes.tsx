import type { RouteObject } from 'react-router';
import { accountRoutes } from './areas/account/routes.ts';
import { catalogRoutes } from './areas/catalog/routes.ts';
import { customersRoutes } from './areas/customers/routes.ts';
import { developerRoutes } from './areas/developer/routes.ts';
import { homeRoutes } from './areas/home/routes.ts';
import { inboxRoutes } from './areas/inbox/routes.ts';
import { invoicesRoutes } from './areas/invoices/routes.ts';
import { NotFoundPage, RouteErrorPage } from './areas/not-found.tsx';
import { registerRoutes } from './areas/register/routes.ts';
import { settingsRoutes } from './areas/settings/routes.ts';
import { signInRoutes } from './areas/sign-in/routes.ts';
import { signUpRoutes } from './areas/sign-up/routes.ts';
import { tasksRoutes } from './areas/tasks/routes.ts';
import { usersRoutes } from './areas/users/routes.ts';
import { workOrdersRoutes } from './areas/work-orders/routes.ts';
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
          ...signUpRoutes,
          ...accountRoutes,
          ...registerRoutes,
          ...developerRoutes,
          {
            element: <RequireSession />,
            children: [
              ...homeRoutes,
              ...invoicesRoutes,
              ...customersRoutes,
              ...catalogRoutes,
              ...tasksRoutes,
              ...workOrdersRoutes,
              ...settingsRoutes,
              ...usersRoutes,
              ...inboxRoutes,
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
