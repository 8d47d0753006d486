import { httpHandler } from '@sello/app/http';
import { publicApiUrl } from '@sello/app/system';
import { redeemTicket } from '@sello/app/tickets';
import { routes } from '@sello/contracts';
import { created } from '@sello/http';

const redeem = redeemTicket();

export const handler = httpHandler(
  routes.redeemTicket,
  async ({ params, body, headers, event }) => {
    const outcome = await redeem(params.companyNumber, body, event.requestContext.http.sourceIp);
    if ('lateRequest' in outcome) {
      return { status: 202, body: { status: 'requested', ...outcome.lateRequest } };
    }
    const { invoice, documents } = outcome;
    // Links are absolute: the public API's address, or the one this request came to (API Gateway
    // always says the protocol; a local server without a public address speaks plain HTTP).
    const host = headers.host ?? event.requestContext.domainName;
    const base = publicApiUrl() ?? `${headers['x-forwarded-proto'] ?? 'http'}://${host}`;
    return created(
      {
        invoiceId: invoice.id,
        number: invoice.number,
        ...(invoice.cfdi?.uuid ? { uuid: invoice.cfdi.uuid } : {}),
        documents: { xml: `${base}${documents.xml}`, pdf: `${base}${documents.pdf}` },
      },
      documents.pdf,
    );
  },
);
