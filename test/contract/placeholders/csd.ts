import { createMexicanTenant } from '../../support/mexico.ts';
import type { Realise } from './context.ts';

/**
 * The CSD samples carry SAT's public test CSD (RFC EKU9003173C9), which only a tenant of that RFC
 * may upload: they run as a Mexican tenant made here; reading one needs it uploaded first.
 */
export const realiseCsd: Realise = async (event, { api, tenant, load }) => {
  const put = event.includes('"routeKey":"PUT /v1/csd"');
  const get = event.includes('"routeKey":"GET /v1/csd"');
  if (!put && !get) return event;
  const { key: secret } = await createMexicanTenant();
  if (get) {
    const body = JSON.parse(load('http/put-csd.json').body);
    const res = await api.call('PUT', '/v1/csd', { key: secret, body });
    if (res.status !== 200) throw new Error(`Could not upload the sample CSD: ${res.text}`);
  }
  return event.replaceAll(tenant.key, secret);
};
