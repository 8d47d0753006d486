import { defineRoute, type RouteDef } from '../route.ts';
import {
  CustomerPrices,
  CustomerPricesInput,
  Product,
  ProductInput,
  ProductPatch,
  Tariff,
  TariffInput,
  TariffPatch,
} from '../schemas/catalog.ts';
import { IdParams } from '../schemas/common.ts';

import { crud, problem, read, readWrite } from './shared.ts';

export const catalogRoutes = {
  ...crud('Product', 'products', 'catalog', 'Catalog', {
    input: ProductInput,
    patch: ProductPatch,
    output: Product,
  }),
  ...crud('Tariff', 'tariffs', 'catalog', 'Catalog', {
    input: TariffInput,
    patch: TariffPatch,
    output: Tariff,
  }),
  putCustomerPrices: defineRoute({
    id: 'putCustomerPrices',
    method: 'PUT',
    path: '/v1/customers/{id}/prices',
    entry: 'functions/catalog/put-customer-prices.ts',
    auth: 'tenant',
    access: readWrite,
    summary: "Replace the customer's own prices (they win over its tariff and the catalog)",
    tag: 'Catalog',
    request: { params: IdParams, body: CustomerPricesInput },
    responses: {
      200: { description: 'The prices now in force', schema: CustomerPrices },
      404: problem('No such customer'),
    },
  }),
  getCustomerPrices: defineRoute({
    id: 'getCustomerPrices',
    method: 'GET',
    path: '/v1/customers/{id}/prices',
    entry: 'functions/catalog/get-customer-prices.ts',
    auth: 'tenant',
    access: read,
    summary: "The customer's own prices",
    tag: 'Catalog',
    request: { params: IdParams },
    responses: {
      200: { description: 'The prices', schema: CustomerPrices },
      404: problem('No such customer'),
    },
  }),
} as const satisfies Record<string, RouteDef>;
