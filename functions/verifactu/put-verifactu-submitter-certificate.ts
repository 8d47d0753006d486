import { repositories } from '@sello/aws';
// A separate entry point: node-forge is bundled only into the functions that read PKCS#12.
import { readPkcs12 } from '@sello/aws/pkcs12';
import { verifactuSecretBox } from '@sello/aws/verifactu';
import { routes } from '@sello/contracts';
import { putSubmitterCertificate, submitterCertificateView, systemClock } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const put = putSubmitterCertificate({
  certificates: repositories().verifactu,
  secrets: verifactuSecretBox(),
  readPkcs12,
  clock: systemClock,
});

export const handler = httpHandler(
  routes.putVerifactuSubmitterCertificate,
  async ({ principal, body }) =>
    ok(submitterCertificateView(await put(principal.tenantId, body), systemClock.now())),
);
