import { anEmailKey, signUp } from '../../support/recipients.ts';
import type { Realise } from './context.ts';

/**
 * Placeholders of the recipients area's sample events, made real: an issuer key to revoke, both
 * onboarding keys for the registration sample, a registered recipient's access token.
 */
export const realiseRecipients: Realise = async (event, { api, tenant, routeId }) => {
  let out = event;
  if (out.includes('onb_01kaexample')) {
    const taxId = 'B45678901';
    const key = await api.call('POST', '/v1/onboarding-keys', { key: tenant.key, body: { taxId } });
    out = out.replaceAll(/onb_01kaexample\w+/g, key.json.id);
  }
  if (routeId === 'registerRecipient') {
    const { taxId } = JSON.parse(JSON.parse(out).body) as { taxId: string };
    const emailKey = await anEmailKey(tenant.tenantId, taxId);
    const issuer = await api.call('POST', '/v1/onboarding-keys', {
      key: tenant.key,
      body: { taxId },
    });
    out = out
      .replaceAll(/ekey_EXAMPLE\w+/g, emailKey)
      .replaceAll(/ikey_EXAMPLE\w+/g, issuer.json.key);
  }
  if (out.includes('RECIPIENT_TOKEN_EXAMPLE')) {
    const { accessToken } = await signUp(api, tenant, {
      taxId: 'B34567891',
      email: `administracion.${routeId.toLowerCase()}@almacenes-este.example`,
    });
    out = out.replaceAll(/[\w-]+\.RECIPIENT_TOKEN_EXAMPLE\.[\w-]+/g, accessToken);
  }
  return out;
};
