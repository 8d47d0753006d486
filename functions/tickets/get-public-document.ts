import { httpHandler } from '@sello/app/http';
import { publicDocument } from '@sello/app/tickets';
import { routes } from '@sello/contracts';
import { NotFoundError } from '@sello/core/errors';
import { documentBaseName, FILE_EXTENSIONS } from '@sello/core/invoices';

const read = publicDocument();

export const handler = httpHandler(routes.getPublicDocument, async ({ params }) => {
  const found = await read(params.token);
  if (!found) throw new NotFoundError('Document link', 'given');
  const { invoice, bytes, contentType } = found;
  const extension =
    contentType === 'application/pdf' ? FILE_EXTENSIONS.pdf : FILE_EXTENSIONS.facturae;
  return {
    status: 200,
    raw: { contentType, bytes },
    headers: {
      'content-disposition': `attachment; filename="${documentBaseName(invoice)}.${extension}"`,
      'cache-control': 'private, no-store',
    },
  };
});
