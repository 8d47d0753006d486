import type { RouteObject } from 'react-router';

/** Work orders: the list by status, a new one, and one with its status moved on. */
export const workOrdersRoutes: RouteObject[] = [
  {
    path: 'work-orders',
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./list-page.tsx')).WorkOrdersListPage }),
      },
      {
        path: 'new',
        lazy: async () => ({ Component: (await import('./new-page.tsx')).NewWorkOrderPage }),
      },
      {
        path: ':id',
        lazy: async () => ({ Component: (await import('./order-page.tsx')).WorkOrderPage }),
      },
    ],
  },
];
