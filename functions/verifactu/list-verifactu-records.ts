import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { recordEntryView } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const { verifactu } = repositories();

export const handler = httpHandler(routes.listVerifactuRecords, async ({ principal, query }) => {
  const page = await verifactu.list(principal.tenantId, query);
  return ok({
    items: page.items.map(recordEntryView),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  });
});
