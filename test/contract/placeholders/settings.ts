import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Realise } from './context.ts';

/**
 * The settings samples name nothing but the tenant's API key, which events.test.ts swaps; reading
 * the logo needs one set first (the image of events/http/put-logo.json).
 */
export const realiseSettings: Realise = async (event, { api, tenant }) => {
  if (!event.includes('"routeKey":"GET /v1/settings/logo"')) return event;
  const res = await fetch(`${api.base}/v1/settings/logo`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${tenant.key}`, 'content-type': 'image/png' },
    body: readFileSync(join(import.meta.dirname, '../../fixtures/branding/logo.png')),
  });
  if (res.status !== 200) throw new Error(`Could not set a logo: ${await res.text()}`);
  return event;
};
