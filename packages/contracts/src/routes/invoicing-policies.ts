import { defineRoute, defineTriggered, type RouteDef, type TriggeredDef } from '../route.ts';
import { IdParams, PageQuery, pageOf } from '../schemas/common.ts';
import {
  InvoicingPolicy,
  InvoicingPolicyInput,
  PolicyRun,
  PolicyRunInput,
} from '../schemas/invoicing-policies.ts';
import { ADMINS, problem, read } from './shared.ts';

/** A policy owns one EventBridge schedule (none for `perDeposit`). */
const managing = ['table:read', 'table:write', 'scheduler:manage'] as const;
/**
 * Running issues invoices from deposits and hands them to `processIssuedInvoices` (documents,
 * notifications, webhooks) as the issue route does, mails the owner's report, and schedules its
 * own continuation when it runs out of time.
 */
const running = {
  access: ['table:read', 'table:write', 'mail:send', 'scheduler:manage'],
  invokes: ['processIssuedInvoices'],
} as const;

const CustomerParams = IdParams.describe('The customer (account) id');

/** Routes of this area; spread into the route table in ../routes.ts. */
export const invoicingPoliciesRoutes = {
  putInvoicingPolicy: defineRoute({
    id: 'putInvoicingPolicy',
    method: 'PUT',
    path: '/v1/customers/{id}/invoicing-policy',
    entry: 'functions/invoicing-policies/put-invoicing-policy.ts',
    auth: 'tenant',
    roles: ADMINS,
    access: managing,
    summary:
      "Set the customer's automatic invoicing of its deposits (monthly, every 7/15/21 days, or " +
      'per deposit) and its schedule, replacing any policy it had',
    tag: 'Invoicing policies',
    request: { params: CustomerParams, body: InvoicingPolicyInput },
    responses: {
      200: { description: 'Replaced; `next` shows when it bills', schema: InvoicingPolicy },
      201: { description: 'Created; `next` shows when it bills', schema: InvoicingPolicy },
      400: problem('Invalid input; `errors` names each field'),
      404: problem('No such customer'),
    },
    timeoutSeconds: 30,
  }),
  getInvoicingPolicy: defineRoute({
    id: 'getInvoicingPolicy',
    method: 'GET',
    path: '/v1/customers/{id}/invoicing-policy',
    entry: 'functions/invoicing-policies/get-invoicing-policy.ts',
    auth: 'tenant',
    access: read,
    summary: "The customer's invoicing policy",
    tag: 'Invoicing policies',
    request: { params: CustomerParams },
    responses: {
      200: { description: 'The policy', schema: InvoicingPolicy },
      404: problem('The customer has no policy'),
    },
  }),
  deleteInvoicingPolicy: defineRoute({
    id: 'deleteInvoicingPolicy',
    method: 'DELETE',
    path: '/v1/customers/{id}/invoicing-policy',
    entry: 'functions/invoicing-policies/delete-invoicing-policy.ts',
    auth: 'tenant',
    roles: ADMINS,
    access: managing,
    summary: "Stop invoicing the customer's deposits automatically (its invoices and runs stay)",
    tag: 'Invoicing policies',
    request: { params: CustomerParams },
    responses: {
      204: { description: 'Deleted' },
      404: problem('The customer has no policy'),
    },
  }),
  listInvoicingPolicyRuns: defineRoute({
    id: 'listInvoicingPolicyRuns',
    method: 'GET',
    path: '/v1/customers/{id}/invoicing-policy/runs',
    entry: 'functions/invoicing-policies/list-invoicing-policy-runs.ts',
    auth: 'tenant',
    access: read,
    summary: "The runs of the customer's policy, newest occurrence first",
    tag: 'Invoicing policies',
    request: { params: CustomerParams, query: PageQuery },
    responses: {
      200: { description: 'A page of runs', schema: pageOf(PolicyRun) },
      404: problem('The customer has no policy'),
    },
  }),
  runInvoicingPolicyOccurrence: defineRoute({
    id: 'runInvoicingPolicyOccurrence',
    method: 'POST',
    path: '/v1/customers/{id}/invoicing-policy/run',
    entry: 'functions/invoicing-policies/run-invoicing-policy-occurrence.ts',
    auth: 'tenant',
    roles: ADMINS,
    ...running,
    summary:
      'Run one past occurrence now, through the same path as the schedule (exactly once: an ' +
      'occurrence already billed makes nothing)',
    tag: 'Invoicing policies',
    request: { params: CustomerParams, body: PolicyRunInput },
    responses: {
      200: {
        description: 'The run, finished (or `duplicate` when another run of it was in progress)',
        schema: PolicyRun,
      },
      202: {
        description: 'The run goes on in the background (`continuing`); follow it in …/runs',
        schema: PolicyRun,
      },
      404: problem('The customer has no policy'),
      422: problem('`occurrence` is not a past occurrence of the policy'),
    },
    timeoutSeconds: 30,
  }),
} as const satisfies Record<string, RouteDef>;

/** Functions of this area no HTTP route reaches. */
export const invoicingPoliciesTriggered = {
  runInvoicingPolicy: defineTriggered({
    id: 'runInvoicingPolicy',
    entry: 'functions/invoicing-policies/run-invoicing-policy.ts',
    ...running,
    summary:
      "Target of every policy's schedule and of run continuations: bills the customer's " +
      'uninvoiced deposits before the occurrence, exactly once',
    trigger: { kind: 'schedules' },
    // A run stops 60 s before its end and hands the rest to a continuation.
    timeoutSeconds: 900,
    memoryMb: 1024,
  }),
  invoicePolicyDeposits: defineTriggered({
    id: 'invoicePolicyDeposits',
    entry: 'functions/invoicing-policies/invoice-policy-deposits.ts',
    access: ['table:read', 'table:write', 'mail:send'],
    invokes: ['processIssuedInvoices'],
    summary:
      'Handed the new deposits of customers whose policy is `perDeposit` by their import: one ' +
      'invoice each, exactly once',
    trigger: { kind: 'invoke' },
    timeoutSeconds: 300,
    memoryMb: 1024,
  }),
} as const satisfies Record<string, TriggeredDef>;
