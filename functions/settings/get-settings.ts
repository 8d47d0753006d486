import { httpHandler } from '@sello/app/http';
import { getSettings } from '@sello/app/settings';
import { routes } from '@sello/contracts';
import { settingsView } from '@sello/core/settings';
import { ok, versionEtag } from '@sello/http';

const get = getSettings();

export const handler = httpHandler(routes.getSettings, async ({ principal }) => {
  const settings = await get(principal.tenantId);
  return ok(settingsView(settings), { etag: versionEtag(settings.version) });
});
