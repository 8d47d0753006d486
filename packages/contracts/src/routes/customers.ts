import { defineRoute, type RouteDef } from '../route.ts';
import { IdParams, PageQuery, pageOf } from '../schemas/common.ts';
import { Customer, CustomerInput, CustomerListQuery, CustomerPatch } from '../schemas/customers.ts';

import { problem, read, readWrite } from './shared.ts';

export const customersRoutes = {
  createCustomer: defineRoute({
    id: 'createCustomer',
    method: 'POST',
    path: '/v1/customers',
    entry: 'functions/customers/create-customer.ts',
    auth: 'tenant',
    access: readWrite,
    summary: 'Create a customer',
    tag: 'Customers',
    request: { body: CustomerInput },
    responses: {
      201: { description: 'Created', schema: Customer },
      400: problem('Invalid input; `errors` names each field'),
    },
  }),
  listCustomers: defineRoute({
    id: 'listCustomers',
    method: 'GET',
    path: '/v1/customers',
    entry: 'functions/customers/list-customers.ts',
    auth: 'tenant',
    access: read,
    summary: 'List customers, oldest first',
    tag: 'Customers',
    request: { query: PageQuery.extend(CustomerListQuery.shape) },
    responses: { 200: { description: 'A page of customers', schema: pageOf(Customer) } },
  }),
  getCustomer: defineRoute({
    id: 'getCustomer',
    method: 'GET',
    path: '/v1/customers/{id}',
    entry: 'functions/customers/get-customer.ts',
    auth: 'tenant',
    access: read,
    summary: 'Get a customer',
    tag: 'Customers',
    request: { params: IdParams },
    responses: {
      200: { description: 'The customer; `ETag` carries its version', schema: Customer },
      404: problem('No such customer'),
    },
  }),
  updateCustomer: defineRoute({
    id: 'updateCustomer',
    method: 'PATCH',
    path: '/v1/customers/{id}',
    entry: 'functions/customers/update-customer.ts',
    auth: 'tenant',
    access: readWrite,
    summary: 'Change a customer (send `If-Match` to guard against lost updates)',
    tag: 'Customers',
    request: { params: IdParams, body: CustomerPatch },
    responses: {
      200: { description: 'The changed customer', schema: Customer },
      404: problem('No such customer'),
      412: problem('`If-Match` does not match the current version'),
    },
  }),
  deleteCustomer: defineRoute({
    id: 'deleteCustomer',
    method: 'DELETE',
    path: '/v1/customers/{id}',
    entry: 'functions/customers/delete-customer.ts',
    auth: 'tenant',
    access: readWrite,
    summary: 'Delete a customer (soft: kept for the invoices that name it)',
    tag: 'Customers',
    request: { params: IdParams },
    responses: { 204: { description: 'Deleted' }, 404: problem('No such customer') },
  }),
} as const satisfies Record<string, RouteDef>;
