import { httpHandler } from '@sello/app/http';
import { putVerifactuSubmitterCertificate } from '@sello/app/verifactu';
import { routes } from '@sello/contracts';
import { systemClock } from '@sello/core/ports';
import { submitterCertificateView } from '@sello/core/verifactu';
import { ok } from '@sello/http';

const put = putVerifactuSubmitterCertificate();

export const handler = httpHandler(
  routes.putVerifactuSubmitterCertificate,
  async ({ principal, body }) =>
    ok(submitterCertificateView(await put(principal.tenantId, body), systemClock.now())),
);
