import { httpHandler } from '@sello/app/http';
import { removeLogo } from '@sello/app/settings';
import { routes } from '@sello/contracts';
import { settingsView } from '@sello/core/settings';
import { ifMatchVersion, ok, versionEtag } from '@sello/http';

const remove = removeLogo();

export const handler = httpHandler(routes.deleteLogo, async ({ principal, headers }) => {
  const settings = await remove(principal.tenantId, ifMatchVersion(headers['if-match']));
  return ok(settingsView(settings), { etag: versionEtag(settings.version) });
});
