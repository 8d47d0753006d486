import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { getCurrentRecipient, recipientView } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const get = getCurrentRecipient({ recipients: repositories().recipients });

export const handler = httpHandler(routes.getCurrentRecipient, async ({ principal }) =>
  ok(recipientView(await get(principal))),
);
