import { aCustomer } from '../../support/api.ts';
import type { Realise } from './context.ts';

/** The id events/http/get-deposit.json reads: `dep_` and the reference PAY-EXAMPLE-0001. */
const SAMPLE_ID = 'dep_UEFZLUVYQU1QTEUtMDAwMQ';

/** Reading a deposit needs it recorded first, for a customer of the test tenant. */
export const realiseDeposits: Realise = async (event, { api, tenant }) => {
  if (!event.includes(SAMPLE_ID)) return event;
  const customer = await api.call('POST', '/v1/customers', { key: tenant.key, body: aCustomer() });
  const deposit = await api.call('POST', '/v1/deposits', {
    key: tenant.key,
    body: {
      customerId: customer.json.id,
      amount: '50.00',
      currency: 'EUR',
      date: '2026-11-23T09:30:00+01:00',
      method: 'card',
      reference: 'PAY-EXAMPLE-0001',
    },
  });
  if (deposit.status !== 201) throw new Error(`Could not record the sample: ${deposit.text}`);
  return event;
};
