import type { RouteObject } from 'react-router';
import { accountRoutes } from './areas/account/routes.ts';
import { catalogRoutes } from './areas/catalog/routes.ts';
import { changeRequestsRoutes } from './areas/change-requests/routes.ts';
import { claimsRoutes } from './areas/claims/routes.ts';
import { customersRoutes } from './areas/customers/routes.ts';
import { depositsRoutes } from './areas/deposits/routes.ts';
import { developerRoutes } from './areas/developer/routes.ts';
import { homeRoutes } from './areas/home/routes.ts';
import { inboxRoutes } from './areas/inbox/routes.ts';
import { invoicesRoutes } from './areas/invoices/routes.ts';
import { movementsRoutes } from './areas/movements/routes.ts';
import { NotFoundPage, RouteErrorPage } from './areas/not-found.tsx';
import { profileRoutes } from './areas/profile/routes.ts';
import { registerRoutes } from './areas/register/routes.ts';
import { selfInvoicingRoutes } from './areas/self-invoicing/routes.ts';
import { settingsRoutes } from './areas/settings/routes.ts';
import { signInRoutes } from './areas/sign-in/routes.ts';
import { signUpRoutes } from './areas/sign-up/routes.ts';
import { tasksRoutes } from './areas/tasks/routes.ts';
import { ticketsRoutes } from './areas/tickets/routes.ts';
import { usersRoutes } from './areas/users/routes.ts';
import { workOrdersRoutes } from './areas/work-orders/routes.ts';
import { RequireSession } from './auth/index.ts';
import { type AreaStrings, type Language, loadAreaStrings } from './i18n/index.ts';
import { Shell } from './ui/shell.tsx';
import { Loading } from './ui/states.tsx';

type StringsModule = Record<string, Partial<Record<Language, object>>>;

/**
 * Each area's strings, one module per language (`?lang=` cuts the others out at build time, see
 * vite.config.ts): a page loads its area's strings in the language it shows, nothing more.
 */
const STRINGS: Record<Language, Record<string, () => Promise<StringsModule>>> = {
  es: import.meta.glob<StringsModule>('./areas/*/messages.ts', { query: '?lang=es' }),
  ca: import.meta.glob<StringsModule>('./areas/*/messages.ts', { query: '?lang=ca' }),
  en: import.meta.glob<StringsModule>('./areas/*/messages.ts', { query: '?lang=en' }),
};

/** An area's strings by its key in the catalog (`workOrders` → areas/work-orders). */
const areaStrings =
  (area: string): AreaStrings =>
  async (language) => {
    const folder = area.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const load = STRINGS[language][`./areas/${folder}/messages.ts`];
    if (!load) throw new Error(`no strings for the area ${area}`);
    return Object.values(await load())[0]?.[language];
  };

/**
 * An area's routes whose pages wait for the area's strings (and those of the areas they borrow
 * from): the strings come in the pages' chunk, not in the first load.
 */
function withStrings(routes: RouteObject[], areas: string[]): RouteObject[] {
  const load = () => Promise.all(areas.map((area) => loadAreaStrings(area, areaStrings(area))));
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
          ...withStrings(signInRoutes, ['account', 'signUp']),
          ...withStrings(signUpRoutes, ['signUp']),
          ...withStrings(accountRoutes, ['account', 'signUp']),
          ...withStrings(registerRoutes, ['register']),
          ...withStrings(selfInvoicingRoutes, ['selfInvoicing']),
          ...developerRoutes,
          {
            element: <RequireSession />,
            children: [
              ...withStrings(homeRoutes, ['home', 'invoices']),
              ...withStrings(invoicesRoutes, ['invoices']),
              // A customer's page shows its deposits, in the deposits area's words.
              ...withStrings(customersRoutes, ['customers', 'deposits']),
              ...withStrings(depositsRoutes, ['deposits']),
              // A claim shows its invoices with the invoices area's parts (totals, preview, forwarding).
              ...withStrings(claimsRoutes, ['claims', 'invoices']),
              // Tasks and work orders take a product by its code with the catalog's own field.
              ...withStrings(catalogRoutes, ['catalog']),
              ...withStrings(tasksRoutes, ['tasks', 'catalog']),
              ...withStrings(workOrdersRoutes, ['workOrders', 'catalog']),
              ...withStrings(settingsRoutes, ['settings']),
              ...withStrings(usersRoutes, ['users']),
              ...withStrings(profileRoutes, ['profile']),
              ...withStrings(inboxRoutes, ['inbox']),
              ...withStrings(movementsRoutes, ['movements']),
              ...withStrings(ticketsRoutes, ['tickets']),
              // A request is resolved with the invoice page's own correction forms.
              ...withStrings(changeRequestsRoutes, ['changeRequests', 'invoices']),
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
