import * as core from '@sello/core/customers';
import { systemClock, ulidIds } from '@sello/core/ports';
import { repositories, tenantJurisdiction } from './repositories.ts';

/** The customers' operations, each on what it needs. */
const r = () => repositories();

export const createCustomer = () =>
  core.createCustomer({
    customers: r().customers,
    tariffs: r().tariffs,
    clock: systemClock,
    ids: ulidIds,
    jurisdiction: tenantJurisdiction,
  });

export const getCustomer = () => core.getCustomer({ customers: r().customers });

export const listCustomers = () => core.listCustomers({ customers: r().customers });

export const updateCustomer = () =>
  core.updateCustomer({
    customers: r().customers,
    tariffs: r().tariffs,
    clock: systemClock,
    jurisdiction: tenantJurisdiction,
  });

export const deleteCustomer = () =>
  core.deleteCustomer({ customers: r().customers, clock: systemClock });
