import type { RouteObject } from 'react-router';

/** The pages of this area (loaded on demand): a recipient's invoices to pay, across issuers. */
export const inboxRoutes: RouteObject[] = [
  {
    path: 'inbox',
    lazy: async () => ({ Component: (await import('./list-page.tsx')).InboxListPage }),
  },
  {
    path: 'inbox/:id',
    lazy: async () => ({ Component: (await import('./invoice-page.tsx')).InboxInvoicePage }),
  },
];
