import { defaultSettings, type SettingsRepository, type TenantSettings } from './settings.ts';

/** The tenant's settings, or the defaults when it never changed them. */
export const getSettings =
  ({ settings }: { settings: SettingsRepository }) =>
  async (tenantId: string): Promise<TenantSettings> =>
    (await settings.get(tenantId)) ?? defaultSettings(tenantId);
