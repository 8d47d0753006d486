import { httpHandler } from '@sello/app/http';
import { updateSettings } from '@sello/app/settings';
import { routes } from '@sello/contracts';
import { settingsView } from '@sello/core/settings';
import { ifMatchVersion, ok, versionEtag } from '@sello/http';

const update = updateSettings();

export const handler = httpHandler(routes.updateSettings, async ({ principal, body, headers }) => {
  const settings = await update(principal.tenantId, body, ifMatchVersion(headers['if-match']));
  return ok(settingsView(settings), { etag: versionEtag(settings.version) });
});
