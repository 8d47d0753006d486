import { httpHandler } from '@sello/app/http';
import { listVerifactuSubmissions } from '@sello/app/verifactu';
import { routes } from '@sello/contracts';
import { submissionBatchView } from '@sello/core/verifactu';
import { ok } from '@sello/http';

const list = listVerifactuSubmissions();

export const handler = httpHandler(
  routes.listVerifactuSubmissions,
  async ({ principal, query }) => {
    const page = await list(principal.tenantId, query);
    return ok({
      items: page.items.map(submissionBatchView),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    });
  },
);
