import { formats } from '@sello/app/formats';
import { httpHandler } from '@sello/app/http';
import { publicDocument } from '@sello/app/tickets';
import { routes } from '@sello/contracts';
import { NotFoundError } from '@sello/core/errors';

const read = publicDocument();

export const handler = httpHandler(routes.getPublicDocument, async ({ params }) => {
  const found = await read(params.token);
  if (!found) throw new NotFoundError('Document link', 'given');
  const { invoice, bytes, contentType, format } = found;
  return {
    status: 200,
    raw: { contentType, bytes },
    headers: {
      'content-disposition': `attachment; filename="${formats.fileName(invoice, format)}"`,
      'cache-control': 'private, no-store',
    },
  };
});
