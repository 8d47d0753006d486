import { invoiceDeps } from '@sello/app/invoices';
import { documentClient, tableName } from '@sello/app/platform';
import { DynamoInvoiceRepository } from '@sello/aws';
import { issueInvoice } from '@sello/core/invoices';
import { describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

const api = await startApi();

describe('numbering across containers', () => {
  it('stays gapless when issuers in separate containers race for the same counter and chain', async () => {
    const { key, tenantId } = await createTenant();
    const customerId = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json
      .id;
    const line = {
      description: 'Servicio',
      quantity: '1',
      unitPrice: '10.00',
      taxes: [{ type: 'IVA', rate: '21' }],
    };
    const drafts = await Promise.all(
      Array.from(
        { length: 24 },
        async () =>
          (await api.call('POST', '/v1/invoices', { key, body: { customerId, lines: [line] } }))
            .json.id as string,
      ),
    );
    // Three containers: each its own repository, so only the transactions keep them apart.
    const containers = Array.from({ length: 3 }, () =>
      issueInvoice({
        ...invoiceDeps(),
        invoices: new DynamoInvoiceRepository(documentClient(), tableName()),
      }),
    );
    const issued = await Promise.all(drafts.map((id, i) => containers[i % 3]!(tenantId, id)));
    const sequences = issued.map((i) => i.sequence!).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    // And one linear VERI*FACTU chain, written in the same transactions.
    expect((await api.call('POST', '/v1/verifactu/verify', { key })).json).toEqual({
      valid: true,
      checked: 24,
    });
  });
});

describe('issues committed together in one container', () => {
  const line = {
    description: 'Servicio',
    quantity: '1',
    unitPrice: '10.00',
    taxes: [{ type: 'IVA', rate: '21' }],
  };
  let key: string;
  let customerId: string;
  const draft = async (extra: Record<string, unknown> = {}) =>
    (await api.call('POST', '/v1/invoices', { key, body: { customerId, lines: [line], ...extra } }))
      .json.id as string;
  const issue = (id: string) => api.call('POST', `/v1/invoices/${id}/issue`, { key });

  it('numbers one draft once when many requests issue it at the same time', async () => {
    ({ key } = await createTenant());
    customerId = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
    const id = await draft();
    const answers = await Promise.all(Array.from({ length: 5 }, () => issue(id)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409]);
    const number = answers.find((a) => a.status === 200)!.json.number as string;
    // No number was taken by the refused ones.
    const next = (await issue(await draft())).json.number as string;
    expect(Number(next.split('-')[1])).toBe(Number(number.split('-')[1]) + 1);
  });

  it('refuses one issue of a batch on its own, numbering the rest without a gap', async () => {
    await api.call('POST', '/v1/series', {
      key,
      body: { code: 'B', kind: 'standard', prefix: 'B', yearlyReset: false, padding: 3 },
    });
    expect((await issue(await draft({ series: 'B' }))).json.number).toBe('B001');
    const ids = [
      ...(await Promise.all(Array.from({ length: 4 }, () => draft({ series: 'B' })))),
      await draft({ series: 'B', issueDate: '2020-01-01' }),
      ...(await Promise.all(Array.from({ length: 4 }, () => draft({ series: 'B' })))),
    ];
    const answers = await Promise.all(ids.map(issue));
    expect(answers[4]!.status).toBe(400);
    expect(answers[4]!.json.errors[0].path).toBe('issueDate');
    const numbers = answers
      .filter((a) => a.status === 200)
      .map((a) => a.json.number)
      .sort();
    expect(numbers).toEqual(['B002', 'B003', 'B004', 'B005', 'B006', 'B007', 'B008', 'B009']);
  });

  it('lets only one of two simultaneous corrections of an invoice through', async () => {
    const original = (await issue(await draft())).json;
    const rectify = () =>
      api.call('POST', `/v1/invoices/${original.id}/rectify`, {
        key,
        body: { reasonCode: '01', method: 'differences', lines: [{ ...line, quantity: '-1' }] },
      });
    const answers = await Promise.all([rectify(), rectify()]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    expect(refused.json.detail).toBe(
      'An invoice this correction touches was changed by another request',
    );
  });
});
