import { anOwner, signIn } from '../../support/staff.ts';
import type { Realise } from './context.ts';

const STAFF_TOKEN = 'STAFF_ACCESS_TOKEN_EXAMPLE';

/**
 * The connectors area's samples: the user's own routes take a staff member's access token (an
 * owner signed in now); deleting needs credentials set first; the forwarding function is handed
 * an attempt the forward route really started.
 */
export const realiseConnectors: Realise = async (event, { api, tenant, routeId }) => {
  let out = event;
  if (out.includes(STAFF_TOKEN)) {
    const owner = await anOwner(tenant.tenantId);
    const { accessToken } = await signIn(api, owner.email);
    out = out.replaceAll(STAFF_TOKEN, accessToken);
    if (routeId === 'deleteConnectorCredentials') {
      const set = await api.call('PUT', '/v1/users/me/connectors/insurer-platform', {
        headers: { authorization: `Bearer ${accessToken}` },
        body: { username: 'sample', password: 'sample-password', taxId: 'B12345674' },
      });
      if (set.status !== 200)
        throw new Error(`Could not set the sample's credentials: ${set.text}`);
    }
  }
  if (routeId === 'runForwarding') {
    const { invoiceId } = JSON.parse(out) as { invoiceId: string };
    const started = await api.call('POST', `/v1/invoices/${invoiceId}/forward`, {
      key: tenant.key,
      body: { connector: 'sandbox' },
    });
    if (started.status !== 202) throw new Error(`Could not forward the sample: ${started.text}`);
  }
  return out;
};
