import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { submitterCertificateView, systemClock } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const { verifactu } = repositories();

export const handler = httpHandler(routes.getVerifactuSubmitterCertificate, async ({ principal }) =>
  ok(
    submitterCertificateView(
      await verifactu.submitterCertificate(principal.tenantId),
      systemClock.now(),
    ),
  ),
);
