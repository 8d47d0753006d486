import { httpHandler } from '@sello/app/http';
import { getCurrentRecipient } from '@sello/app/recipients';
import { routes } from '@sello/contracts';
import { recipientView } from '@sello/core/recipients';
import { ok } from '@sello/http';

const get = getCurrentRecipient();

export const handler = httpHandler(routes.getCurrentRecipient, async ({ principal }) =>
  ok(recipientView(await get(principal))),
);
