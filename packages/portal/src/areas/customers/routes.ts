import type { RouteObject } from 'react-router';
import { type Language, loadAreaStrings } from '../../i18n/index.ts';

type StringsModule = Record<string, Partial<Record<Language, object>>>;

/**
 * The area's own strings (messages.ts: a Mexican buyer's CFDI data), one language per module as
 * routes.tsx loads the other areas' (vite.config.ts cuts the rest out); the rest of the area's
 * strings are in the shell's catalog.
 */
const STRINGS: Record<Language, Record<string, () => Promise<StringsModule>>> = {
  es: import.meta.glob<StringsModule>('./messages.ts', { query: '?lang=es' }),
  ca: import.meta.glob<StringsModule>('./messages.ts', { query: '?lang=ca' }),
  en: import.meta.glob<StringsModule>('./messages.ts', { query: '?lang=en' }),
};

const loadStrings = () =>
  loadAreaStrings('customers', async (language) => {
    const load = Object.values(STRINGS[language])[0];
    return load ? Object.values(await load())[0]?.[language] : undefined;
  });

/** A page of the area, with the area's strings in before it renders. */
const page =
  <K extends string>(load: () => Promise<Record<K, RouteObject['Component']>>, name: K) =>
  async () => {
    const [module] = await Promise.all([load(), loadStrings()]);
    return { Component: module[name] };
  };

/** The customers area: the list with its search, and one form to create or change a customer. */
export const customersRoutes: RouteObject[] = [
  {
    path: 'customers',
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./list-page.tsx')).CustomersListPage }),
      },
      {
        path: 'new',
        lazy: page(() => import('./form-page.tsx'), 'NewCustomerPage'),
      },
      {
        path: ':id',
        lazy: page(() => import('./form-page.tsx'), 'EditCustomerPage'),
      },
    ],
  },
];
