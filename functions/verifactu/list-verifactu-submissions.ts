import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { submissionBatchView } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const { verifactu } = repositories();

export const handler = httpHandler(
  routes.listVerifactuSubmissions,
  async ({ principal, query }) => {
    const page = await verifactu.batches(principal.tenantId, query);
    return ok({
      items: page.items.map(submissionBatchView),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    });
  },
);
