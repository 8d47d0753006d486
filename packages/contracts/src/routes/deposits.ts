import { defineRoute, type RouteDef } from '../route.ts';
import { pageOf } from '../schemas/common.ts';
import {
  Deposit,
  DepositIdParams,
  DepositImport,
  DepositImportResult,
  DepositListQuery,
} from '../schemas/deposits.ts';
import { problem, read, readWrite } from './shared.ts';

const Imported = Deposit.or(DepositImportResult);

/** Routes of this area (prepaid deposits); spread into the route table in ../routes.ts. */
export const depositsRoutes = {
  importDeposits: defineRoute({
    id: 'importDeposits',
    method: 'POST',
    path: '/v1/deposits',
    entry: 'functions/deposits/import-deposits.ts',
    auth: 'tenant',
    access: readWrite,
    summary:
      'Record prepaid deposits to invoice: one, or `{deposits: […]}` with up to 1,000, all or ' +
      "none. Idempotent by the payment's reference (the same content is answered as already there)",
    tag: 'Deposits',
    request: { body: DepositImport },
    responses: {
      200: {
        description: 'Every deposit was there already, with the same content',
        schema: Imported,
      },
      201: {
        description: 'Recorded: the deposit (one), or what became of each (a batch)',
        schema: Imported,
      },
      400: problem('Invalid deposits; `errors` names each field, e.g. `deposits.3.customerId`'),
      409: problem('A reference exists with other content; `errors` names its `reference`'),
    },
    // Hands the new deposits of `perDeposit` customers over to be invoiced in the background.
    invokes: ['invoicePolicyDeposits'],
    timeoutSeconds: 30,
    memoryMb: 1024,
  }),
  listDeposits: defineRoute({
    id: 'listDeposits',
    method: 'GET',
    path: '/v1/deposits',
    entry: 'functions/deposits/list-deposits.ts',
    auth: 'tenant',
    access: read,
    summary: 'List deposits, newest payment first, by customer, status and payment days',
    tag: 'Deposits',
    request: { query: DepositListQuery },
    responses: { 200: { description: 'A page of deposits', schema: pageOf(Deposit) } },
  }),
  getDeposit: defineRoute({
    id: 'getDeposit',
    method: 'GET',
    path: '/v1/deposits/{id}',
    entry: 'functions/deposits/get-deposit.ts',
    auth: 'tenant',
    access: read,
    summary: 'Get a deposit by its id, with its status and the invoice that bills it',
    tag: 'Deposits',
    request: { params: DepositIdParams },
    responses: {
      200: { description: 'The deposit', schema: Deposit },
      404: problem('No such deposit'),
    },
  }),
} as const satisfies Record<string, RouteDef>;
