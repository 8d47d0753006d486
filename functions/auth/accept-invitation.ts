import { acceptInvitation } from '@sello/app/auth';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { memberView } from '@sello/core/staff';
import { ok } from '@sello/http';

const accept = acceptInvitation();

export const handler = httpHandler(routes.acceptInvitation, async ({ body, event }) =>
  ok(memberView(await accept(body, { ip: event.requestContext.http.sourceIp }))),
);
