import type { RouteObject } from 'react-router';

/**
 * A registered recipient's movements as the customer of the businesses it buys from (loaded on
 * demand): its suppliers, a supplier's deposits to invoice with the total card, and its invoices.
 */
export const movementsRoutes: RouteObject[] = [
  {
    path: 'movements',
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./suppliers-page.tsx')).SuppliersPage }),
      },
      {
        path: ':tenantId',
        lazy: async () => ({ Component: (await import('./invoicing-page.tsx')).InvoicingPage }),
      },
      {
        path: ':tenantId/invoices/:id',
        lazy: async () => ({ Component: (await import('./invoice-page.tsx')).MyInvoicePage }),
      },
    ],
  },
];
