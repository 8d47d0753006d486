import type { RouteObject } from 'react-router';

/**
 * The public self-invoicing page (`/f/{companyNumber}`, the address printed on tickets): no
 * session, so it sits beside sign-in.
 */
export const selfInvoicingRoutes: RouteObject[] = [
  {
    path: 'f/:companyNumber',
    lazy: async () => ({
      Component: (await import('./self-invoicing-page.tsx')).SelfInvoicingPage,
    }),
  },
];
