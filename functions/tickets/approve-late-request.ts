import { httpHandler } from '@sello/app/http';
import { publicApiUrl } from '@sello/app/system';
import { approveLateRequest } from '@sello/app/tickets';
import { routes } from '@sello/contracts';
import { created } from '@sello/http';

const approve = approveLateRequest();

export const handler = httpHandler(
  routes.approveLateRequest,
  async ({ principal, params, headers, event }) => {
    const { invoice, documents } = await approve(principal.tenantId, params.id);
    const host = headers.host ?? event.requestContext.domainName;
    const base = publicApiUrl() ?? `${headers['x-forwarded-proto'] ?? 'http'}://${host}`;
    return created(
      {
        invoiceId: invoice.id,
        number: invoice.number,
        documents: { xml: `${base}${documents.xml}`, pdf: `${base}${documents.pdf}` },
      },
      `/v1/invoices/${invoice.id}`,
    );
  },
);
