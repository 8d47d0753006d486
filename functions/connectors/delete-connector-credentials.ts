import { deleteConnectorCredentials } from '@sello/app/connectors';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { noContent } from '@sello/http';

const remove = deleteConnectorCredentials();

export const handler = httpHandler(
  routes.deleteConnectorCredentials,
  async ({ principal, params }) => {
    await remove(principal, params.connector);
    return noContent();
  },
);
