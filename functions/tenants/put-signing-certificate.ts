import { KmsKeyImporter, kmsClient, repositories, stage } from '@sello/aws';
// A separate entry point: node-forge is bundled only into this function.
import { readPkcs12 } from '@sello/aws/pkcs12';
import { routes } from '@sello/contracts';
import { putSigningCertificate, signingCertificateView, systemClock } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const put = putSigningCertificate({
  identities: repositories().signingIdentities,
  keys: new KmsKeyImporter(kmsClient(), { stage: stage() }),
  readPkcs12,
  clock: systemClock,
});

export const handler = httpHandler(routes.putSigningCertificate, async ({ principal, body }) =>
  ok(signingCertificateView(await put(principal.tenantId, body))),
);
