import { defineRoute, defineTriggered, type RouteDef, type TriggeredDef } from '../route.ts';
import { IdParams } from '../schemas/common.ts';
import {
  ConnectorCredentials,
  ConnectorCredentialsInput,
  ConnectorCredentialsList,
  ConnectorParams,
  ForwardInput,
  Forwarding,
} from '../schemas/connectors.ts';
import { EVERYONE, problem, read, readWrite } from './shared.ts';

/**
 * Routes of this area (connectors: each user's credentials for the platforms invoices are
 * forwarded to, and forwarding); spread into the route table in ../routes.ts. Credentials are a
 * person's own: only a staff member's token reaches them, whatever its role.
 */
export const connectorsRoutes = {
  putConnectorCredentials: defineRoute({
    id: 'putConnectorCredentials',
    method: 'PUT',
    path: '/v1/users/me/connectors/{connector}',
    entry: 'functions/connectors/put-connector-credentials.ts',
    auth: 'staff',
    roles: EVERYONE,
    access: ['table:read', 'table:write', 'secrets:encrypt'],
    summary:
      'Set your own credentials for a connector (replacing any you had). Username and password ' +
      'are stored sealed with KMS envelope encryption, bound to you and the connector, and are ' +
      'never returned',
    tag: 'Connectors',
    request: { params: ConnectorParams, body: ConnectorCredentialsInput },
    responses: {
      200: { description: 'Stored; the answer holds no secret', schema: ConnectorCredentials },
      400: problem('Invalid input; `errors` names each field (`params.connector`, `taxId`)'),
    },
  }),
  listConnectorCredentials: defineRoute({
    id: 'listConnectorCredentials',
    method: 'GET',
    path: '/v1/users/me/connectors',
    entry: 'functions/connectors/list-connector-credentials.ts',
    auth: 'staff',
    access: read,
    summary: 'The connectors you have set credentials for (never a password)',
    tag: 'Connectors',
    responses: {
      200: { description: 'Yours, one per connector', schema: ConnectorCredentialsList },
    },
  }),
  deleteConnectorCredentials: defineRoute({
    id: 'deleteConnectorCredentials',
    method: 'DELETE',
    path: '/v1/users/me/connectors/{connector}',
    entry: 'functions/connectors/delete-connector-credentials.ts',
    auth: 'staff',
    roles: EVERYONE,
    access: readWrite,
    summary: 'Forget your credentials for a connector',
    tag: 'Connectors',
    request: { params: ConnectorParams },
    responses: {
      204: { description: 'Deleted' },
      404: problem('You have no credentials for that connector'),
    },
  }),
  forwardInvoice: defineRoute({
    id: 'forwardInvoice',
    method: 'POST',
    path: '/v1/invoices/{id}/forward',
    entry: 'functions/connectors/forward-invoice.ts',
    auth: 'tenant',
    access: readWrite,
    invokes: ['runForwarding'],
    summary:
      'Forward an issued invoice (its signed Facturae) through a connector. Answers at once with ' +
      'its entry `sending`; the platform’s answer lands in the invoice’s `forwarding` ' +
      '(`delivered` with its registry number, `rejected`, `failed`) and in an ' +
      '`invoice.forwarded` webhook. Again after `rejected` or `failed`; never after `delivered`',
    tag: 'Connectors',
    request: { params: IdParams, body: ForwardInput },
    responses: {
      202: { description: 'Handed to the connector', schema: Forwarding },
      400: problem('Invalid input; `errors` names the field'),
      404: problem('No such invoice'),
      409: problem(
        'Not an issued invoice, delivered or being sent already, a connector not configured, ' +
          'or one that needs your own credentials and you have set none (`errors` names `connector`)',
      ),
    },
  }),
} as const satisfies Record<string, RouteDef>;

/** Functions of this area no HTTP route reaches. */
export const connectorsTriggered = {
  runForwarding: defineTriggered({
    id: 'runForwarding',
    entry: 'functions/connectors/run-forwarding.ts',
    // Reads the stored Facturae (made first by ensureInvoiceDocuments if missing), opens the
    // user's sealed credentials for this one request, writes the answer on the invoice and
    // publishes the webhook. FACe's requests are signed with the tenant's key (signing:sign).
    access: ['table:read', 'table:write', 'artifacts:read', 'secrets:decrypt', 'signing:sign'],
    invokes: ['ensureInvoiceDocuments'],
    summary:
      'Handed one forwarding attempt by POST /v1/invoices/{id}/forward: sends the invoice ' +
      "through the connector and records the platform's answer on it, once per attempt",
    trigger: { kind: 'invoke' },
    timeoutSeconds: 60,
  }),
} as const satisfies Record<string, TriggeredDef>;
