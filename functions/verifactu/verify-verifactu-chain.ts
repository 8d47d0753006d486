import { httpHandler } from '@sello/app/http';
import { verifyVerifactuChain } from '@sello/app/verifactu';
import { routes } from '@sello/contracts';
import { ok } from '@sello/http';

const verify = verifyVerifactuChain();

export const handler = httpHandler(routes.verifyVerifactuChain, async ({ principal }) =>
  ok(await verify(principal.tenantId)),
);
