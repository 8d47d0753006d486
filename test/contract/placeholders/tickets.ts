import { randomBytes } from 'node:crypto';
import type { PlaceholderContext, Realise } from './context.ts';

/** The ticket events/http/get-ticket.json reads (its id is derived from this reference). */
const SAMPLE_TICKET = {
  reference: 'T-EXAMPLE-0001',
  date: '2026-11-23T09:30:00+01:00',
  total: '24.20',
  currency: 'EUR',
  taxes: [{ type: 'IVA', rate: '21', base: '20.00', amount: '4.20' }],
};

const call = async (
  { api, tenant }: PlaceholderContext,
  method: string,
  path: string,
  body: unknown,
) => {
  const res = await api.call(method, path, { key: tenant.key, body });
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${res.text}`);
  return res.json;
};

let companyNumber: string | undefined;

/** The test tenant's self-invoicing, on, under a company number of its own (made once). */
async function company(ctx: PlaceholderContext): Promise<string> {
  if (!companyNumber) {
    const number = `CN-${randomBytes(4).toString('hex').toUpperCase()}`;
    await call(ctx, 'PATCH', '/v1/settings', {
      selfInvoicing: { enabled: true, companyNumber: number, limit: { kind: 'none' } },
    });
    companyNumber = number;
  }
  return companyNumber;
}

/** A ticket of the sample's total (24.20) under a fresh reference, ready to be redeemed. */
async function freshTicket(ctx: PlaceholderContext): Promise<string> {
  const reference = `T-${randomBytes(4).toString('hex').toUpperCase()}`;
  await call(ctx, 'POST', '/v1/tickets', { ...SAMPLE_TICKET, reference });
  return reference;
}

/**
 * Reading a ticket needs it imported first (idempotent: the same content every time); the
 * public self-invoicing samples need the tenant's company number, a ticket to redeem, and a
 * document link a redemption gave.
 */
export const realiseTickets: Realise = async (event, ctx) => {
  let out = event;
  if (out.includes('tkt_VC1FWEFNUExFLTAwMDE')) {
    await call(ctx, 'POST', '/v1/tickets', SAMPLE_TICKET);
  }
  if (out.includes('CN-EXAMPLE')) out = out.replaceAll('CN-EXAMPLE', await company(ctx));
  if (out.includes('T-EXAMPLE-REDEEM')) {
    out = out.replaceAll('T-EXAMPLE-REDEEM', await freshTicket(ctx));
  }
  if (out.includes('EXAMPLEtokenEXAMPLEtokenEXAMPLEtokenEXAMPLE')) {
    const redeem = JSON.parse(ctx.load('http/redeem-ticket.json').body);
    const answer = await ctx.api.call(
      'POST',
      `/v1/public/self-invoicing/${await company(ctx)}/invoices`,
      { body: { ...redeem, reference: await freshTicket(ctx) } },
    );
    if (answer.status !== 201) throw new Error(`Could not redeem a ticket: ${answer.text}`);
    const token = String(answer.json.documents.pdf).split('/').pop()!;
    out = out.replaceAll('EXAMPLEtokenEXAMPLEtokenEXAMPLEtokenEXAMPLE', token);
  }
  if (out.includes('tkt_LATEEXAMPLE')) {
    // A ticket past a one-day limit, whose buyer asked for the invoice anyway.
    const number = await company(ctx);
    const late = { limit: { kind: 'days', days: 1 }, afterLimit: 'request' };
    await call(ctx, 'PATCH', '/v1/settings', { selfInvoicing: late });
    const reference = await freshTicket(ctx);
    const redeem = JSON.parse(ctx.load('http/redeem-ticket.json').body);
    const answer = await ctx.api.call('POST', `/v1/public/self-invoicing/${number}/invoices`, {
      body: { ...redeem, reference },
    });
    await call(ctx, 'PATCH', '/v1/settings', { selfInvoicing: { limit: { kind: 'none' } } });
    if (answer.status !== 202) throw new Error(`No late request: ${answer.text}`);
    out = out.replaceAll('tkt_LATEEXAMPLE', `tkt_${Buffer.from(reference).toString('base64url')}`);
  }
  return out;
};
