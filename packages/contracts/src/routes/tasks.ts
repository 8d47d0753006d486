import { defineRoute, defineTriggered, type RouteDef, type TriggeredDef } from '../route.ts';
import { IdParams, PageQuery, pageOf } from '../schemas/common.ts';
import {
  Task,
  TaskInput,
  TaskPatch,
  TaskRun,
  TaskRunInput,
  TaskRunListQuery,
  TaskSummary,
  WorkOrder,
  WorkOrderInput,
  WorkOrderListQuery,
  WorkOrderPatch,
} from '../schemas/tasks.ts';
import { ADMINS, FIELD_WORK, problem, read, readWrite } from './shared.ts';

/** Tasks own one EventBridge schedule each. */
const managing = [...readWrite, 'scheduler:manage'] as const;
/**
 * Running makes, issues and mails documents (the PDF drawn by `renderInvoicePdf`), hands issued
 * invoices to `processIssuedInvoices` as the issue route does, mails the owner's report, and
 * schedules its own continuation when it runs out of time.
 */
const running = {
  access: ['table:read', 'table:write', 'mail:send', 'scheduler:manage'],
  invokes: ['processIssuedInvoices', 'ensureInvoiceDocuments'],
} as const;

/** Routes of this area; spread into the route table in ../routes.ts. */
export const tasksRoutes = {
  createTask: defineRoute({
    id: 'createTask',
    method: 'POST',
    path: '/v1/tasks',
    entry: 'functions/tasks/create-task.ts',
    auth: 'tenant',
    roles: ADMINS,
    access: managing,
    summary: 'Create an automatic task and its schedule',
    tag: 'Tasks',
    request: { body: TaskInput },
    responses: {
      201: { description: 'Created; `schedule.next` shows when it runs', schema: Task },
      400: problem('Invalid input; `errors` names each field'),
    },
    timeoutSeconds: 30,
  }),
  listTasks: defineRoute({
    id: 'listTasks',
    method: 'GET',
    path: '/v1/tasks',
    entry: 'functions/tasks/list-tasks.ts',
    auth: 'tenant',
    access: read,
    summary: 'List automatic tasks, oldest first (customers counted, not listed)',
    tag: 'Tasks',
    request: { query: PageQuery },
    responses: { 200: { description: 'A page of tasks', schema: pageOf(TaskSummary) } },
  }),
  getTask: defineRoute({
    id: 'getTask',
    method: 'GET',
    path: '/v1/tasks/{id}',
    entry: 'functions/tasks/get-task.ts',
    auth: 'tenant',
    access: read,
    summary: 'Get an automatic task',
    tag: 'Tasks',
    request: { params: IdParams },
    responses: {
      200: { description: 'The task; `ETag` carries its version', schema: Task },
      404: problem('No such task'),
    },
  }),
  updateTask: defineRoute({
    id: 'updateTask',
    method: 'PATCH',
    path: '/v1/tasks/{id}',
    entry: 'functions/tasks/update-task.ts',
    auth: 'tenant',
    roles: ADMINS,
    access: managing,
    summary: 'Change, pause or resume a task (send `If-Match` to guard against lost updates)',
    tag: 'Tasks',
    request: { params: IdParams, body: TaskPatch },
    responses: {
      200: { description: 'The changed task', schema: Task },
      404: problem('No such task'),
      412: problem('`If-Match` does not match the current version'),
    },
    timeoutSeconds: 30,
  }),
  deleteTask: defineRoute({
    id: 'deleteTask',
    method: 'DELETE',
    path: '/v1/tasks/{id}',
    entry: 'functions/tasks/delete-task.ts',
    auth: 'tenant',
    roles: ADMINS,
    access: managing,
    summary: 'Delete a task and its schedule (its documents and runs stay)',
    tag: 'Tasks',
    request: { params: IdParams },
    responses: { 204: { description: 'Deleted' }, 404: problem('No such task') },
  }),
  listTaskRuns: defineRoute({
    id: 'listTaskRuns',
    method: 'GET',
    path: '/v1/tasks/{id}/runs',
    entry: 'functions/tasks/list-task-runs.ts',
    auth: 'tenant',
    access: read,
    summary: "A task's runs, newest occurrence first",
    tag: 'Tasks',
    request: { params: IdParams, query: PageQuery.extend(TaskRunListQuery.shape) },
    responses: {
      200: { description: 'A page of runs', schema: pageOf(TaskRun) },
      404: problem('No such task'),
    },
  }),
  runTaskOccurrence: defineRoute({
    id: 'runTaskOccurrence',
    method: 'POST',
    path: '/v1/tasks/{id}/run',
    entry: 'functions/tasks/run-task-occurrence.ts',
    auth: 'tenant',
    roles: ADMINS,
    ...running,
    summary: 'Run one occurrence now, through the same path as the schedule (exactly once)',
    tag: 'Tasks',
    request: { params: IdParams, body: TaskRunInput },
    responses: {
      200: {
        description: 'The run, finished (or `duplicate` when another run of it was in progress)',
        schema: TaskRun,
      },
      202: {
        description: 'The run goes on in the background (`continuing`); follow it in …/runs',
        schema: TaskRun,
      },
      404: problem('No such task'),
      422: problem('The schedule does not fire at `occurrence` within its start and end dates'),
    },
    timeoutSeconds: 30,
  }),

  createWorkOrder: defineRoute({
    id: 'createWorkOrder',
    method: 'POST',
    path: '/v1/work-orders',
    entry: 'functions/work-orders/create-work-order.ts',
    auth: 'tenant',
    roles: FIELD_WORK,
    access: readWrite,
    summary: 'Create a work order (pending; no fiscal number)',
    tag: 'Work orders',
    request: { body: WorkOrderInput },
    responses: {
      201: { description: 'Created', schema: WorkOrder },
      400: problem('Invalid input; `errors` names each field'),
    },
  }),
  listWorkOrders: defineRoute({
    id: 'listWorkOrders',
    method: 'GET',
    path: '/v1/work-orders',
    entry: 'functions/work-orders/list-work-orders.ts',
    auth: 'tenant',
    access: read,
    summary: 'List work orders, newest first',
    tag: 'Work orders',
    request: { query: PageQuery.extend(WorkOrderListQuery.shape) },
    responses: { 200: { description: 'A page of work orders', schema: pageOf(WorkOrder) } },
  }),
  getWorkOrder: defineRoute({
    id: 'getWorkOrder',
    method: 'GET',
    path: '/v1/work-orders/{id}',
    entry: 'functions/work-orders/get-work-order.ts',
    auth: 'tenant',
    access: read,
    summary: 'Get a work order',
    tag: 'Work orders',
    request: { params: IdParams },
    responses: {
      200: { description: 'The work order; `ETag` carries its version', schema: WorkOrder },
      404: problem('No such work order'),
    },
  }),
  updateWorkOrder: defineRoute({
    id: 'updateWorkOrder',
    method: 'PATCH',
    path: '/v1/work-orders/{id}',
    entry: 'functions/work-orders/update-work-order.ts',
    auth: 'tenant',
    roles: FIELD_WORK,
    access: readWrite,
    summary: 'Move a work order on (pending → in_progress → done) or edit its notes',
    tag: 'Work orders',
    request: { params: IdParams, body: WorkOrderPatch },
    responses: {
      200: { description: 'The work order', schema: WorkOrder },
      404: problem('No such work order'),
      409: problem('Not a next step (statuses only move forward, one at a time)'),
      412: problem('`If-Match` does not match the current version'),
    },
  }),
} as const satisfies Record<string, RouteDef>;

/** Functions of this area no HTTP route reaches. */
export const tasksTriggered = {
  runTask: defineTriggered({
    id: 'runTask',
    entry: 'functions/tasks/run-task.ts',
    ...running,
    summary:
      "Target of every task's schedule and of run continuations: makes the occurrence's documents exactly once",
    trigger: { kind: 'schedules' },
    // A run stops starting customers 60 s before its end and hands the rest to a continuation.
    timeoutSeconds: 900,
    memoryMb: 1024,
  }),
} as const satisfies Record<string, TriggeredDef>;
