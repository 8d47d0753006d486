import type { RouteObject } from 'react-router';

/**
 * The tickets: the list with its filters, one ticket, the late requests to approve or decline,
 * and (Mexican tenants) the monthly global invoices.
 */
export const ticketsRoutes: RouteObject[] = [
  {
    path: 'tickets',
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./list-page.tsx')).TicketsListPage }),
      },
      {
        path: 'late-requests',
        lazy: async () => ({
          Component: (await import('./late-requests-page.tsx')).LateRequestsPage,
        }),
      },
      {
        path: 'global-invoices',
        lazy: async () => ({
          Component: (await import('./global-invoices-page.tsx')).GlobalInvoicesPage,
        }),
      },
      {
        path: ':id',
        lazy: async () => ({ Component: (await import('./ticket-page.tsx')).TicketPage }),
      },
    ],
  },
];
