import { httpHandler } from '@sello/app/http';
import { readLogo } from '@sello/app/settings';
import { routes } from '@sello/contracts';

const read = readLogo();

/** The image as uploaded; its ETag is its hash, so a portal's preview revalidates cheaply. */
export const handler = httpHandler(routes.getLogo, async ({ principal }) => {
  const { bytes, contentType, sha256 } = await read(principal.tenantId);
  return { status: 200, raw: { contentType, bytes }, etag: `"${sha256}"` };
});
