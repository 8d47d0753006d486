import { aCustomer } from '../../support/api.ts';
import { aTaxId, signUp } from '../../support/recipients.ts';
import type { PlaceholderContext, Realise } from './context.ts';

/**
 * The customer portal's samples, made real: a registered recipient that is a customer of the
 * test tenant (its token), deposits of that customer, and drafts it made (one issued).
 */
const TOKEN = /[\w-]+\.PORTAL_TOKEN_EXAMPLE\.[\w-]+/g;
const DEPOSIT = /dep_UE9SVEFMLUVYQU1QTEUtMDAwMQ/g;
const DRAFT = /inv_01kaportaldraftexample\w*/g;
const ISSUED = /inv_01kaportalissuedexample\w*/g;

let customer: Promise<{ token: string; customerId: string }> | undefined;
let deposits = 0;

/** One recipient for every sample, a customer of the test tenant by its tax id. */
function theCustomer({ api, tenant }: PlaceholderContext) {
  customer ??= (async () => {
    const taxId = aTaxId();
    const created = await api.call('POST', '/v1/customers', {
      key: tenant.key,
      body: aCustomer({ taxId, name: 'Clínica Dental Ruiz, S.L.P.' }),
    });
    const { accessToken } = await signUp(api, tenant, {
      taxId,
      email: `portal.${taxId.toLowerCase()}@clinica-ruiz.example`,
    });
    return { token: accessToken, customerId: created.json.id as string };
  })();
  return customer;
}

async function aDeposit(ctx: PlaceholderContext, customerId: string): Promise<string> {
  const res = await ctx.api.call('POST', '/v1/deposits', {
    key: ctx.tenant.key,
    body: {
      customerId,
      amount: '121.00',
      currency: 'EUR',
      date: '2026-11-23T09:30:00+01:00',
      method: 'card',
      reference: `PORTAL-SAMPLE-${ctx.routeId}-${++deposits}`,
    },
  });
  if (res.status !== 201) throw new Error(`Could not record a deposit: ${res.text}`);
  return res.json.id;
}

/** A draft the recipient made of a new deposit of its own; issued when asked. */
async function aDraft(ctx: PlaceholderContext, issue: boolean): Promise<string> {
  const { token, customerId } = await theCustomer(ctx);
  const base = `/v1/recipients/me/suppliers/${ctx.tenant.tenantId}/invoices`;
  const draft = await ctx.api.call('POST', base, {
    key: token,
    body: { depositIds: [await aDeposit(ctx, customerId)] },
  });
  if (draft.status !== 201) throw new Error(`Could not make a draft: ${draft.text}`);
  if (issue) await ctx.api.call('POST', `${base}/${draft.json.id}/issue`, { key: token });
  return draft.json.id;
}

export const realiseCustomerPortal: Realise = async (event, ctx) => {
  if (!event.includes('PORTAL_TOKEN_EXAMPLE')) return event;
  const { token, customerId } = await theCustomer(ctx);
  let out = event.replaceAll(TOKEN, token);
  if (out.includes('dep_UE9SVEFM')) out = out.replaceAll(DEPOSIT, await aDeposit(ctx, customerId));
  if (out.includes('inv_01kaportaldraft')) out = out.replaceAll(DRAFT, await aDraft(ctx, false));
  if (out.includes('inv_01kaportalissued')) out = out.replaceAll(ISSUED, await aDraft(ctx, true));
  return out;
};
