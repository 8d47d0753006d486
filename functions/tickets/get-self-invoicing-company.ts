import { httpHandler } from '@sello/app/http';
import { publicCompany } from '@sello/app/tickets';
import { routes } from '@sello/contracts';
import { ok } from '@sello/http';

const company = publicCompany();

export const handler = httpHandler(routes.getSelfInvoicingCompany, async ({ params }) =>
  ok(await company(params.companyNumber)),
);
