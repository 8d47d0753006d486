import { putConnectorCredentials } from '@sello/app/connectors';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { connectorCredentialsView } from '@sello/core/connectors';
import { ok } from '@sello/http';

const put = putConnectorCredentials();

export const handler = httpHandler(
  routes.putConnectorCredentials,
  async ({ principal, params, body }) =>
    ok(connectorCredentialsView(await put(principal, params.connector, body))),
);
