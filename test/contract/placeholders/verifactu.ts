import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, repositories, tableName } from '@sello/app/platform';
import { keys } from '@sello/aws';
import { aCustomer } from '../../support/api.ts';
import type { Realise } from './context.ts';

/**
 * Placeholders of the VERI*FACTU area's sample events. `inv_01karejectedexample…` is an issued
 * invoice to a German customer whose record AEAT rejected (its NIF-IVA not identified, 1121), so
 * the remedy sample has a record to correct.
 */
export const realiseVerifactu: Realise = async (event, { api, tenant, load }) => {
  if (!event.includes('inv_01karejectedexample')) return event;
  const customer = aCustomer({
    taxId: '123456789',
    name: 'Beispiel GmbH',
    address: { line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' },
  });
  const customerId = (await api.call('POST', '/v1/customers', { key: tenant.key, body: customer }))
    .json.id;
  const { lines } = JSON.parse(load('http/create-invoice.json').body);
  const draft = (
    await api.call('POST', '/v1/invoices', { key: tenant.key, body: { customerId, lines } })
  ).json;
  await api.call('POST', `/v1/invoices/${draft.id}/issue`, { key: tenant.key });
  const [record] = await repositories().verifactu.ofInvoice(tenant.tenantId, draft.id);
  await documentClient().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.chainRecord(tenant.tenantId, record!.seq),
      UpdateExpression: 'SET submission = :s',
      ExpressionAttributeValues: {
        ':s': {
          state: 'rejected',
          errors: [
            {
              code: '1121',
              description: 'El campo ID no está identificado en el censo de la AEAT.',
            },
          ],
          at: new Date().toISOString(),
        },
      },
    }),
  );
  return event.replaceAll(/inv_01karejectedexample\w+/g, draft.id);
};
