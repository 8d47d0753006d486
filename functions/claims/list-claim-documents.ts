import { listClaimDocuments } from '@sello/app/claims';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { claimDocumentView } from '@sello/core/claims';
import { ok } from '@sello/http';

const list = listClaimDocuments();

export const handler = httpHandler(routes.listClaimDocuments, async ({ principal, params }) => {
  const documents = await list(principal.tenantId, params.id);
  return ok({ items: documents.map(claimDocumentView) });
});
