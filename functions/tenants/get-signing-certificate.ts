import { httpHandler } from '@sello/app/http';
import { getSigningCertificate } from '@sello/app/tenants';
import { routes } from '@sello/contracts';
import { signingCertificateView } from '@sello/core/signing';
import { ok } from '@sello/http';

const get = getSigningCertificate();

export const handler = httpHandler(routes.getSigningCertificate, async ({ principal }) => {
  const { identity, taxIdCheck } = await get(principal.tenantId);
  return ok(signingCertificateView(identity, taxIdCheck));
});
