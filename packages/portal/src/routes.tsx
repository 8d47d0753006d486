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
import { registerAreaMessages } from './i18n/area.ts';
import { Shell } from './ui/shell.tsx';
import { Loading } from './ui/states.tsx';

type AreaStrings = { es: object; ca: object; en: object };

/**
 * An area's routes whose pages wait for the area's strings (and those of the areas they borrow
 * from): the strings come in the pages' chunk, not in the first load.
 */
function withStrings(
  routes: RouteObject[],
  strings: Record<string, () => Promise<Record<string, AreaStrings>>>,
): RouteObject[] {
  const load = () =>
    Promise.all(
      Object.entries(strings).map(async ([area, module]) => {
        const loaded = Object.values(await module())[0];
        if (loaded) registerAreaMessages(area, loaded);
      }),
    );
  const wrap = (route: RouteObject): RouteObject => {
    const { lazy, children } = route;
    const wrapped = {
      ...route,
      ...(typeof lazy === 'function'
        ? { lazy: async () => (await Promise.all([lazy(), load()]))[0] }
        : {}),
      ...(children ? { children: children.map(wrap) } : {}),
    };
    return wrapped as RouteObject;
  };
  return routes.map(wrap);
}

const invoicesStrings = () => import('./areas/invoices/messages.ts');
const accountStrings = () => import('./areas/account/messages.ts');
const signUpStrings = () => import('./areas/sign-up/messages.ts');
// Tasks and work orders take a product by its code with the catalog's own field.
const catalogStrings = () => import('./areas/catalog/messages.ts');

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
          // The sign-in page links to sign-up and the forgotten password, in their words.
          ...withStrings(signInRoutes, { account: accountStrings, signUp: signUpStrings }),
          ...withStrings(signUpRoutes, { signUp: signUpStrings }),
          ...withStrings(accountRoutes, { account: accountStrings, signUp: signUpStrings }),
          ...withStrings(registerRoutes, {
            register: () => import('./areas/register/messages.ts'),
          }),
          ...developerRoutes,
          {
            element: <RequireSession />,
            children: [
              ...withStrings(homeRoutes, {
                home: () => import('./areas/home/messages.ts'),
                invoices: invoicesStrings,
              }),
              ...withStrings(invoicesRoutes, { invoices: invoicesStrings }),
              ...customersRoutes,
              ...withStrings(catalogRoutes, { catalog: catalogStrings }),
              ...withStrings(tasksRoutes, {
                tasks: () => import('./areas/tasks/messages.ts'),
                catalog: catalogStrings,
              }),
              ...withStrings(workOrdersRoutes, {
                workOrders: () => import('./areas/work-orders/messages.ts'),
                catalog: catalogStrings,
              }),
              ...withStrings(settingsRoutes, {
                settings: () => import('./areas/settings/messages.ts'),
              }),
              ...withStrings(usersRoutes, { users: () => import('./areas/users/messages.ts') }),
              ...withStrings(inboxRoutes, { inbox: () => import('./areas/inbox/messages.ts') }),
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
