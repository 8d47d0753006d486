import type { RouteObject } from 'react-router';

/** The catalog: products (with search), tariffs and each customer's own prices. */
export const catalogRoutes: RouteObject[] = [
  {
    path: 'catalog',
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./products-page.tsx')).ProductsPage }),
      },
      {
        path: 'products/new',
        lazy: async () => ({ Component: (await import('./product-page.tsx')).NewProductPage }),
      },
      {
        path: 'products/:id',
        lazy: async () => ({ Component: (await import('./product-page.tsx')).EditProductPage }),
      },
      {
        path: 'tariffs',
        lazy: async () => ({ Component: (await import('./tariffs-page.tsx')).TariffsPage }),
      },
      {
        path: 'tariffs/new',
        lazy: async () => ({ Component: (await import('./tariffs-page.tsx')).NewTariffPage }),
      },
      {
        path: 'tariffs/:id',
        lazy: async () => ({ Component: (await import('./tariffs-page.tsx')).EditTariffPage }),
      },
      {
        path: 'prices',
        lazy: async () => ({ Component: (await import('./prices-page.tsx')).CustomerPricesPage }),
      },
      {
        path: 'prices/:id',
        lazy: async () => ({
          Component: (await import('./prices-page.tsx')).CustomerPricesEditPage,
        }),
      },
    ],
  },
];
