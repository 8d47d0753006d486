import { actorOf, createChangeRequest } from '@sello/app/change-requests';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { changeRequestView } from '@sello/core/change-requests';

const create = createChangeRequest();

export const handler = httpHandler(
  routes.createChangeRequest,
  async ({ principal, params, body }) => {
    const request = await create(principal.tenantId, params.id, body, actorOf(principal));
    return {
      status: 201,
      body: changeRequestView(request),
      headers: { location: `/v1/change-requests/${request.id}` },
    };
  },
);
