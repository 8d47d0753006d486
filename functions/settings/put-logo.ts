import { httpHandler } from '@sello/app/http';
import { setLogo } from '@sello/app/settings';
import { routes } from '@sello/contracts';
import { LOGO_MAX_BYTES, settingsView } from '@sello/core/settings';
import { HttpError, ifMatchVersion, ok, versionEtag } from '@sello/http';

const set = setLogo();

/**
 * The body is the image itself, not JSON, so the route declares no body schema: API Gateway hands
 * it over base64-encoded, and the bytes decide what it is (the use case checks them).
 */
export const handler = httpHandler(routes.putLogo, async ({ principal, event, headers }) => {
  const type = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!['image/png', 'image/jpeg', 'image/jpg'].includes(type)) {
    throw new HttpError(
      'unsupported-media-type',
      `Send the logo as image/png or image/jpeg (got ${type || 'no content-type'})`,
      [{ path: 'content-type', message: 'Must be image/png or image/jpeg' }],
    );
  }
  const bytes = event.body
    ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'latin1')
    : Buffer.alloc(0);
  if (bytes.length === 0) {
    throw new HttpError('validation-error', 'The body must be the image', [
      { path: 'body', message: 'Required' },
    ]);
  }
  if (bytes.length > LOGO_MAX_BYTES) {
    throw new HttpError(
      'payload-too-large',
      `The logo is ${bytes.length} bytes; at most ${LOGO_MAX_BYTES} are accepted`,
      [{ path: 'body', message: `At most ${LOGO_MAX_BYTES / 1024} KiB` }],
    );
  }
  const settings = await set(principal.tenantId, bytes, type, ifMatchVersion(headers['if-match']));
  return ok(settingsView(settings), { etag: versionEtag(settings.version) });
});
