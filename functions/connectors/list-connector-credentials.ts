import { listConnectorCredentials } from '@sello/app/connectors';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { connectorCredentialsView } from '@sello/core/connectors';
import { ok } from '@sello/http';

const list = listConnectorCredentials();

export const handler = httpHandler(routes.listConnectorCredentials, async ({ principal }) =>
  ok({ items: (await list(principal)).map(connectorCredentialsView) }),
);
