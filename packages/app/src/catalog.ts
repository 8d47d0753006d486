import * as core from '@sello/core/catalog';
import { systemClock, ulidIds } from '@sello/core/ports';
import { repositories } from './repositories.ts';

/** The catalog's operations (products, tariffs, customer prices), each on what it needs. */
const r = () => repositories();

export const createProduct = () =>
  core.createProduct({
    products: r().products,
    tenants: r().tenants,
    clock: systemClock,
    ids: ulidIds,
  });

export const getProduct = () => core.getProduct({ products: r().products });

export const listProducts = () => core.listProducts({ products: r().products });

export const updateProduct = () =>
  core.updateProduct({ products: r().products, tenants: r().tenants, clock: systemClock });

export const deleteProduct = () =>
  core.deleteProduct({ products: r().products, clock: systemClock });

export const createTariff = () =>
  core.createTariff({
    tariffs: r().tariffs,
    products: r().products,
    clock: systemClock,
    ids: ulidIds,
  });

export const getTariff = () => core.getTariff({ tariffs: r().tariffs });

export const listTariffs = () => core.listTariffs({ tariffs: r().tariffs });

export const updateTariff = () =>
  core.updateTariff({ tariffs: r().tariffs, products: r().products, clock: systemClock });

export const deleteTariff = () => core.deleteTariff({ tariffs: r().tariffs, clock: systemClock });

export const getCustomerPrices = () =>
  core.getCustomerPrices({ customers: r().customers, customerPrices: r().customerPrices });

export const putCustomerPrices = () =>
  core.putCustomerPrices({
    customers: r().customers,
    products: r().products,
    customerPrices: r().customerPrices,
    clock: systemClock,
  });
