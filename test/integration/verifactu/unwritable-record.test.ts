import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, repositories, tableName } from '@sello/app/platform';
import { keys } from '@sello/aws';
import { triggered } from '@sello/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../../packages/local/src/apigw.ts';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { acceptanceLines } from '../../support/invoices.ts';

/**
 * One record that cannot be written as XML (a control character XML 1.0 forbids, as old data may
 * hold from before the API refused them) must not block the tenant's other records: it fails
 * alone, visibly, and a correction (subsanación) with a clean description goes instead. End to
 * end through the local sandbox, which checks every request against AEAT's schema.
 */
const api = await startApi();
const { handler } = await import('../../../functions/verifactu/submit-verifactu-records.ts');

const T0 = Date.parse('2026-11-23T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
// biome-ignore lint/suspicious/noExplicitAny: the handler's summary as JSON
const run = async (scheduledTime: string): Promise<any> =>
  handler({ scheduledTime }, lambdaContext(triggered.submitVerifactuRecords.id, 300));

let key: string;
let tenantId: string;
let customerId: string;

beforeAll(async () => {
  ({ key, tenantId } = await createTenant('Unwritable record tenant'));
  customerId = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
});

const issue = async () => {
  const draft = (
    await api.call('POST', '/v1/invoices', { key, body: { customerId, lines: acceptanceLines } })
  ).json;
  return (await api.call('POST', `/v1/invoices/${draft.id}/issue`, { key })).json as {
    id: string;
  };
};
const verifactuOf = async (invoiceId: string) =>
  (await api.call('GET', `/v1/invoices/${invoiceId}/verifactu`, { key })).json;
const listed = async () =>
  (await api.call('GET', '/v1/verifactu/records?limit=200', { key })).json.items as Array<{
    seq: number;
    invoiceId: string;
    submission: { state: string; notSent?: boolean; errors?: Array<{ code: string }> };
  }>;

describe('a VERI*FACTU record that cannot be written as XML', () => {
  let bad: { id: string };
  let good: Array<{ id: string }>;

  it('fails alone and visibly; the records around it are sent', async () => {
    good = [await issue()];
    bad = await issue();
    good.push(await issue());
    // Old data: a description holding U+000B, stored before the API refused such text.
    const [stored] = await repositories().verifactu.ofInvoice(tenantId, bad.id);
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.chainRecord(tenantId, stored!.seq),
        UpdateExpression: 'SET #r.DescripcionOperacion = :d',
        ExpressionAttributeNames: { '#r': 'record' },
        ExpressionAttributeValues: { ':d': 'Revisión\u000b anual' },
      }),
    );

    await run(at(0));
    for (const invoice of good) {
      expect((await verifactuOf(invoice.id)).submission.state).toBe('accepted');
    }
    const v = await verifactuOf(bad.id);
    expect(v.submission).toMatchObject({
      state: 'rejected',
      notSent: true,
      errors: [{ code: 'SELLO-UNSENDABLE' }],
    });
    expect(v.submission.errors[0].description).toMatch(/DescripcionOperacion.*U\+000B/);
    expect(v.remediable).toBe(true);
    // The view still answers, showing where the character was.
    expect(v.xml).toContain('<sum1:DescripcionOperacion>Revisión\uFFFD anual<');
    expect((await listed()).find((r) => r.invoiceId === bad.id)?.submission).toMatchObject({
      state: 'rejected',
      notSent: true,
    });

    // Later records are not held back either, and the refused one is never tried again.
    const later = await issue();
    await run(at(60));
    expect((await verifactuOf(later.id)).submission.state).toBe('accepted');
    expect((await verifactuOf(bad.id)).submission.state).toBe('rejected');
  });

  it('is corrected through the remedy route, and the correction is registered', async () => {
    const res = await api.call('POST', `/v1/invoices/${bad.id}/verifactu/remedy`, {
      key,
      body: { description: 'Revisión anual' },
    });
    expect(res.status).toBe(201);
    const correction = res.json.history.at(-1);
    expect(correction).toMatchObject({
      submission: { state: 'pending' },
      record: { Subsanacion: 'S', RechazoPrevio: 'X' },
    });
    await run(at(120));
    const v = await verifactuOf(bad.id);
    expect(v.submission.state).toBe('accepted');
    expect(v.history.map((h: { submission: { state: string } }) => h.submission.state)).toEqual([
      'rejected',
      'accepted',
    ]);
    expect((await api.call('POST', '/v1/verifactu/verify', { key })).json).toMatchObject({
      valid: true,
    });
  });

  it('is corrected without a new description too: the old one goes without the character', async () => {
    const invoice = await issue();
    const [stored] = await repositories().verifactu.ofInvoice(tenantId, invoice.id);
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.chainRecord(tenantId, stored!.seq),
        UpdateExpression: 'SET #r.DescripcionOperacion = :d',
        ExpressionAttributeNames: { '#r': 'record' },
        ExpressionAttributeValues: { ':d': 'Mantenimiento\u0000 mensual' },
      }),
    );
    await run(at(180));
    expect((await verifactuOf(invoice.id)).submission).toMatchObject({ notSent: true });
    const res = await api.call('POST', `/v1/invoices/${invoice.id}/verifactu/remedy`, {
      key,
      body: {},
    });
    expect(res.status).toBe(201);
    expect(res.json.xml).toContain('<sum1:DescripcionOperacion>Mantenimiento mensual<');
    await run(at(240));
    expect((await verifactuOf(invoice.id)).submission.state).toBe('accepted');
  });
});
