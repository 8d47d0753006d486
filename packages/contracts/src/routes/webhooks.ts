import { defineRoute, defineTriggered, type RouteDef, type TriggeredDef } from '../route.ts';
import { IdParams, PageQuery, pageOf } from '../schemas/common.ts';
import {
  Webhook,
  WebhookCreated,
  WebhookDelivery,
  WebhookInput,
  WebhookPatch,
} from '../schemas/webhooks.ts';
import { ADMINS, problem, read, readWrite } from './shared.ts';

const TAG = 'Webhooks';

/** Routes of this area; spread into the route table in ../routes.ts. */
export const webhooksRoutes = {
  createWebhook: defineRoute({
    id: 'createWebhook',
    method: 'POST',
    path: '/v1/webhooks',
    entry: 'functions/webhooks/create-webhook.ts',
    auth: 'tenant',
    roles: ADMINS,
    access: [...readWrite, 'secrets:encrypt'],
    summary: 'Subscribe a URL to events; the answer carries the signing secret, shown only once',
    tag: TAG,
    request: { body: WebhookInput },
    responses: {
      201: { description: 'Subscribed', schema: WebhookCreated },
      400: problem('Invalid input, or a URL that may not receive webhooks; `errors` names it'),
      409: problem('The tenant has as many subscriptions as allowed'),
    },
  }),
  listWebhooks: defineRoute({
    id: 'listWebhooks',
    method: 'GET',
    path: '/v1/webhooks',
    entry: 'functions/webhooks/list-webhooks.ts',
    auth: 'tenant',
    access: read,
    summary: 'List the subscriptions, oldest first (never their secrets)',
    tag: TAG,
    request: { query: PageQuery },
    responses: { 200: { description: 'A page of subscriptions', schema: pageOf(Webhook) } },
  }),
  getWebhook: defineRoute({
    id: 'getWebhook',
    method: 'GET',
    path: '/v1/webhooks/{id}',
    entry: 'functions/webhooks/get-webhook.ts',
    auth: 'tenant',
    access: read,
    summary: 'Get a subscription (never its secret)',
    tag: TAG,
    request: { params: IdParams },
    responses: {
      200: { description: 'The subscription; `ETag` carries its version', schema: Webhook },
      404: problem('No such subscription'),
    },
  }),
  updateWebhook: defineRoute({
    id: 'updateWebhook',
    method: 'PATCH',
    path: '/v1/webhooks/{id}',
    entry: 'functions/webhooks/update-webhook.ts',
    auth: 'tenant',
    roles: ADMINS,
    access: readWrite,
    summary:
      'Change the URL, events or description (send `If-Match` to guard against lost updates); ' +
      'pending deliveries go to the new URL. The secret is never shown',
    tag: TAG,
    request: { params: IdParams, body: WebhookPatch },
    responses: {
      200: { description: 'The subscription after the change', schema: Webhook },
      400: problem('Invalid input, or a URL that may not receive webhooks; `errors` names it'),
      404: problem('No such subscription'),
      412: problem('`If-Match` does not match the current version'),
    },
  }),
  rotateWebhookSecret: defineRoute({
    id: 'rotateWebhookSecret',
    method: 'POST',
    path: '/v1/webhooks/{id}/rotate-secret',
    entry: 'functions/webhooks/rotate-webhook-secret.ts',
    auth: 'tenant',
    roles: ADMINS,
    access: [...readWrite, 'secrets:encrypt'],
    summary:
      'Replace the signing secret: the answer shows the new one once, and from now on every ' +
      'delivery (pending ones too) is signed with it',
    tag: TAG,
    request: { params: IdParams },
    responses: {
      200: { description: 'The subscription with its new secret', schema: WebhookCreated },
      404: problem('No such subscription'),
    },
  }),
  deleteWebhook: defineRoute({
    id: 'deleteWebhook',
    method: 'DELETE',
    path: '/v1/webhooks/{id}',
    entry: 'functions/webhooks/delete-webhook.ts',
    auth: 'tenant',
    roles: ADMINS,
    access: readWrite,
    summary: 'Unsubscribe: nothing more is sent, pending deliveries are cancelled',
    tag: TAG,
    request: { params: IdParams },
    responses: { 204: { description: 'Deleted' }, 404: problem('No such subscription') },
  }),
  listWebhookDeliveries: defineRoute({
    id: 'listWebhookDeliveries',
    method: 'GET',
    path: '/v1/webhooks/{id}/deliveries',
    entry: 'functions/webhooks/list-webhook-deliveries.ts',
    auth: 'tenant',
    access: read,
    summary: "The subscription's delivery log, newest first, with every attempt (kept 30 days)",
    tag: TAG,
    request: { params: IdParams, query: PageQuery },
    responses: {
      200: { description: 'A page of deliveries', schema: pageOf(WebhookDelivery) },
      404: problem('No such subscription'),
    },
  }),
} as const satisfies Record<string, RouteDef>;

/** Functions of this area no HTTP route reaches. */
export const webhooksTriggered = {
  deliverWebhooks: defineTriggered({
    id: 'deliverWebhooks',
    entry: 'functions/webhooks/deliver-webhooks.ts',
    access: ['table:read', 'table:write', 'secrets:decrypt'],
    summary:
      'POSTs due webhook deliveries (signed), retrying failures with backoff for about two days',
    trigger: {
      kind: 'schedule',
      expression: 'rate(1 minute)',
      timezone: 'UTC',
      input: { scheduledTime: '<aws.scheduler.scheduled-time>' },
    },
    timeoutSeconds: 300,
  }),
} as const satisfies Record<string, TriggeredDef>;
