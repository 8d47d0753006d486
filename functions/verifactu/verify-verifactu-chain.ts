import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { verifyTenantChain } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const verify = verifyTenantChain({ verifactu: repositories().verifactu });

export const handler = httpHandler(routes.verifyVerifactuChain, async ({ principal }) =>
  ok(await verify(principal.tenantId)),
);
