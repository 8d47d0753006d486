import { httpHandler } from '@sello/app/http';
import { listVerifactuRecords } from '@sello/app/verifactu';
import { routes } from '@sello/contracts';
import { recordEntryView } from '@sello/core/verifactu';
import { ok } from '@sello/http';

const list = listVerifactuRecords();

export const handler = httpHandler(routes.listVerifactuRecords, async ({ principal, query }) => {
  const page = await list(principal.tenantId, query);
  return ok({
    items: page.items.map(recordEntryView),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  });
});
