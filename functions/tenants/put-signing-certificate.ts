import { httpHandler } from '@sello/app/http';
import { putSigningCertificate } from '@sello/app/tenants';
import { routes } from '@sello/contracts';
import { signingCertificateView } from '@sello/core/signing';
import { ok } from '@sello/http';

const put = putSigningCertificate();

export const handler = httpHandler(routes.putSigningCertificate, async ({ principal, body }) => {
  const { identity, taxIdCheck } = await put(principal.tenantId, body);
  return ok(signingCertificateView(identity, taxIdCheck));
});
