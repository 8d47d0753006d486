import { aCustomer } from '../../support/api.ts';
import type { Realise } from './context.ts';

/**
 * events/http/bill-claim.json and issue-claim-invoices.json name a claim with a valuation (and,
 * to issue, its drafts): made through the API for the test tenant.
 */
export const realiseClaimBilling: Realise = async (event, { api, tenant, routeId }) => {
  const placeholder = /clm_01ka(bill|issue)example\w+/.exec(event);
  if (!placeholder) return event;
  const customer = async (taxId: string) =>
    (await api.call('POST', '/v1/customers', { key: tenant.key, body: aCustomer({ taxId }) })).json
      .id;
  const claim = await api.call('POST', '/v1/claims', {
    key: tenant.key,
    body: {
      claimNumber: `SIN-${routeId}`,
      insurerId: await customer('A58818501'),
      insuredId: await customer('12345678Z'),
      policyNumber: 'POL-778899',
      vehicle: { plate: '1234BCD' },
    },
  });
  if (claim.status !== 201) throw new Error(`Could not open the sample claim: ${claim.text}`);
  const id = claim.json.id;
  const valuation = await api.call('POST', `/v1/claims/${id}/valuations`, {
    key: tenant.key,
    body: {
      version: 1,
      lines: [{ kind: 'part', description: 'Paragolpes', quantity: '1', unitPrice: '1020.30' }],
      franchise: '300.00',
      taxes: [{ type: 'IVA', rate: '21' }],
    },
  });
  if (valuation.status !== 201) throw new Error(`Could not value the claim: ${valuation.text}`);
  if (placeholder[1] === 'issue') {
    await api.call('POST', `/v1/claims/${id}/invoices`, { key: tenant.key });
  }
  return event.replaceAll(placeholder[0], id);
};
