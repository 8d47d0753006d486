import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { settingsView, systemClock, updateSettings } from '@sello/core';
import { httpHandler, ifMatchVersion, ok, versionEtag } from '@sello/http';

const update = updateSettings({ settings: repositories().settings, clock: systemClock });

export const handler = httpHandler(routes.updateSettings, async ({ principal, body, headers }) => {
  const settings = await update(principal.tenantId, body, ifMatchVersion(headers['if-match']));
  return ok(settingsView(settings), { etag: versionEtag(settings.version) });
});
