import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { getSettings, settingsView } from '@sello/core';
import { httpHandler, ok, versionEtag } from '@sello/http';

const get = getSettings({ settings: repositories().settings });

export const handler = httpHandler(routes.getSettings, async ({ principal }) => {
  const settings = await get(principal.tenantId);
  return ok(settingsView(settings), { etag: versionEtag(settings.version) });
});
