import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { recordFields } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const { verifactu } = repositories();

export const handler = httpHandler(routes.listVerifactuRecords, async ({ principal, query }) => {
  const page = await verifactu.list(principal.tenantId, query);
  return ok({
    items: page.items.map((s) => ({
      seq: s.seq,
      invoiceId: s.invoiceId,
      kind: s.record.kind,
      record: recordFields(s.record),
      submission: s.submission,
    })),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  });
});
