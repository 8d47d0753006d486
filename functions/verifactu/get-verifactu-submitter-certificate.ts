import { httpHandler } from '@sello/app/http';
import { getVerifactuSubmitterCertificate } from '@sello/app/verifactu';
import { routes } from '@sello/contracts';
import { submitterCertificateView, systemClock } from '@sello/core';
import { ok } from '@sello/http';

const submitterCertificate = getVerifactuSubmitterCertificate();

export const handler = httpHandler(routes.getVerifactuSubmitterCertificate, async ({ principal }) =>
  ok(submitterCertificateView(await submitterCertificate(principal.tenantId), systemClock.now())),
);
