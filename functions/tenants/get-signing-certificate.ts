import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { getSigningCertificate, signingCertificateView } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const get = getSigningCertificate({ identities: repositories().signingIdentities });

export const handler = httpHandler(routes.getSigningCertificate, async ({ principal }) =>
  ok(signingCertificateView(await get(principal.tenantId))),
);
