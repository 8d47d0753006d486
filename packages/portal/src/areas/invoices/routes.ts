import type { RouteObject } from 'react-router';

/** The invoices: the list with its filters, the draft editor, and one invoice with its actions. */
export const invoicesRoutes: RouteObject[] = [
  {
    path: 'invoices',
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./list-page.tsx')).InvoicesListPage }),
      },
      {
        path: 'new',
        lazy: async () => ({ Component: (await import('./editor-page.tsx')).NewInvoicePage }),
      },
      {
        path: ':id',
        lazy: async () => ({ Component: (await import('./invoice-page.tsx')).InvoicePage }),
      },
    ],
  },
];
