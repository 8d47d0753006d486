import type { RouteObject } from 'react-router';

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
        lazy: async () => ({ Component: (await import('./form-page.tsx')).NewCustomerPage }),
      },
      {
        path: ':id',
        lazy: async () => ({ Component: (await import('./form-page.tsx')).EditCustomerPage }),
      },
    ],
  },
];
