import { httpHandler } from '@sello/app/http';
import { getVerifactuSubmitterCertificate } from '@sello/app/verifactu';
import { routes } from '@sello/contracts';
import { systemClock } from '@sello/core/ports';
import { submitterCertificateView } from '@sello/core/verifactu';
import { ok } from '@sello/http';

const submitterCertificate = getVerifactuSubmitterCertificate();

export const handler = httpHandler(routes.getVerifactuSubmitterCertificate, async ({ principal }) =>
  ok(submitterCertificateView(await submitterCertificate(principal.tenantId), systemClock.now())),
);
