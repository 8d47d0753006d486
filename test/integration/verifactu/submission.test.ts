import { BatchWriteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, repositories, tableName } from '@sello/app/platform';
import { chainItems, keys } from '@sello/aws';
import { triggered } from '@sello/contracts';
import {
  type BillingRecord,
  type ChainHead,
  type ChainLink,
  computeHuella,
  linkOf,
  type StoredRecord,
} from '@sello/core/verifactu';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../../packages/local/src/apigw.ts';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { acceptanceLines } from '../../support/invoices.ts';

/**
 * The scheduled sender end to end: invoices issued through the local API, the submit handler run
 * with explicit scheduled times, the sandbox answering like AEAT (schema check, recomputed huella,
 * duplicates), and what the API then shows. Runs share one table, so times only move forward.
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
  ({ key, tenantId } = await createTenant('Submission tenant'));
  customerId = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
});

const issue = async (apiKey = key, customer = customerId) => {
  const draft = (
    await api.call('POST', '/v1/invoices', {
      key: apiKey,
      body: { customerId: customer, lines: acceptanceLines },
    })
  ).json;
  return (await api.call('POST', `/v1/invoices/${draft.id}/issue`, { key: apiKey })).json;
};

const verifactuOf = async (invoiceId: string) =>
  (await api.call('GET', `/v1/invoices/${invoiceId}/verifactu`, { key })).json;
const batches = async (apiKey = key) =>
  (await api.call('GET', '/v1/verifactu/submissions?limit=50', { key: apiKey })).json.items;
const records = async () =>
  (await api.call('GET', '/v1/verifactu/records?limit=200', { key })).json.items as Array<{
    seq: number;
    invoiceId: string;
    submission: { state: string; csv?: string; errors?: Array<{ code: string }> };
  }>;
const batchOf = (
  summary: { outcomes: Array<{ tenantId: string; batches: unknown[] }> },
  t = tenantId,
) => summary.outcomes.find((o) => o.tenantId === t)?.batches ?? [];

/**
 * Appends records fast, with the repository's own items (`chainItems`): the records 25 to a
 * BatchWrite, then the head as the issuing transaction leaves it.
 */
async function append(
  tenant: string,
  invoiceId: string,
  make: (head: ChainHead) => BillingRecord[],
) {
  let chain = (await repositories().verifactu.head(tenant))!;
  const items = make(chain).map((record) => {
    const [headPut, recordPut] = chainItems(tableName(), tenant, invoiceId, chain, record);
    chain = { seq: chain.seq + 1, link: linkOf(record) };
    return { head: headPut!.Put.Item, record: recordPut!.Put.Item };
  });
  const db = documentClient();
  const chunks = Array.from({ length: Math.ceil(items.length / 25) }, (_, i) =>
    items.slice(i * 25, i * 25 + 25),
  );
  await Promise.all(
    chunks.map((chunk) =>
      db.send(
        new BatchWriteCommand({
          RequestItems: { [tableName()]: chunk.map((i) => ({ PutRequest: { Item: i.record } })) },
        }),
      ),
    ),
  );
  await db.send(new PutCommand({ TableName: tableName(), Item: items.at(-1)!.head }));
}

/** An alta like `template`'s, under another number (or the same one), chained to `previous`. */
function altaLike(template: StoredRecord, previous: ChainLink, number?: string): BillingRecord {
  if (template.record.kind !== 'alta') throw new Error('template must be an alta');
  const record: BillingRecord = {
    ...structuredClone(template.record),
    ...(number ? { IDFactura: { ...template.record.IDFactura, NumSerieFactura: number } } : {}),
    RegistroAnterior: previous,
    Huella: '',
  };
  record.Huella = computeHuella(record);
  return record;
}

describe('sending VERI*FACTU records to AEAT (sandbox)', () => {
  let first: Array<{ id: string }>;

  it('sends the issued invoices’ records and stores the CSV on each, shown by the API', async () => {
    first = [await issue(), await issue(), await issue()];
    const summary = await run(at(0));
    expect(batchOf(summary)).toHaveLength(1);

    const listed = await batches();
    expect(listed).toHaveLength(1);
    const [batch] = listed;
    expect(batch).toMatchObject({
      records: 3,
      firstSeq: 1,
      lastSeq: 3,
      estadoEnvio: 'Correcto',
      tiempoEsperaEnvio: 60,
      accepted: 3,
      acceptedWithErrors: 0,
      rejected: 0,
    });
    expect(batch.csv).toMatch(/^[A-Z0-9-]{16}$/);

    for (const invoice of first) {
      const v = await verifactuOf(invoice.id);
      expect(v.submission).toMatchObject({ state: 'accepted', csv: batch.csv });
      expect(v.history[0].submission.state).toBe('accepted');
    }
  });

  it('sends nothing more before TiempoEsperaEnvio, and the new records once it has passed', async () => {
    const later = [await issue(), await issue()];
    expect(batchOf(await run(at(30)))).toHaveLength(0);
    expect(batchOf(await run(at(59)))).toHaveLength(0);
    expect((await verifactuOf(later[0].id)).submission.state).toBe('pending');
    expect(await batches()).toHaveLength(1);

    expect(batchOf(await run(at(60)))).toHaveLength(1);
    const [newest] = await batches();
    expect(newest).toMatchObject({ records: 2, firstSeq: 4, lastSeq: 5, accepted: 2 });
    for (const invoice of later) {
      expect((await verifactuOf(invoice.id)).submission).toMatchObject({
        state: 'accepted',
        csv: newest.csv,
      });
    }
  });

  it('gets a record whose huella was tampered with accepted with AEAT error 2000', async () => {
    const invoice = await issue();
    const [stored] = await repositories().verifactu.ofInvoice(tenantId, invoice.id);
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.chainRecord(tenantId, stored!.seq),
        UpdateExpression: 'SET #r.Huella = :h',
        ExpressionAttributeNames: { '#r': 'record' },
        ExpressionAttributeValues: { ':h': '0'.repeat(64) },
      }),
    );
    await run(at(120));
    const v = await verifactuOf(invoice.id);
    expect(v.submission).toMatchObject({
      state: 'acceptedWithErrors',
      errors: [
        { code: '2000', description: 'El cálculo de la huella suministrada es incorrecta.' },
      ],
    });
    expect(v.submission.csv).toMatch(/^[A-Z0-9-]{16}$/);
    expect((await batches())[0]).toMatchObject({
      records: 1,
      estadoEnvio: 'ParcialmenteCorrecto',
      acceptedWithErrors: 1,
    });
  });

  it('gets a duplicate rejected with AEAT error 3000, and never sends it again', async () => {
    // A second alta of the first invoice (same issuer, number and date), as a bug would make.
    const [original] = await repositories().verifactu.ofInvoice(tenantId, first[0]!.id);
    await append(tenantId, first[0]!.id, (head) => [altaLike(original!, head.link)]);
    const duplicateSeq = (await repositories().verifactu.head(tenantId))!.seq;

    await run(at(180));
    const rejected = (await records()).find((r) => r.seq === duplicateSeq)!;
    expect(rejected.submission).toMatchObject({ state: 'rejected', errors: [{ code: '3000' }] });
    expect((await batches())[0]).toMatchObject({
      records: 1,
      estadoEnvio: 'Incorrecto',
      rejected: 1,
    });
    // All records refused: AEAT gives no CSV.
    expect((await batches())[0].csv).toBeUndefined();

    const count = (await batches()).length;
    for (const t of [240, 300, 900]) expect(batchOf(await run(at(t)))).toHaveLength(0);
    expect(await batches()).toHaveLength(count);
    expect((await records()).find((r) => r.seq === duplicateSeq)!.submission.state).toBe(
      'rejected',
    );
  });

  it('sends 1,001 pending records as 1,000 at once, even within the wait, then 1', async () => {
    const bulk = await createTenant('Bulk tenant');
    const bulkCustomer = (
      await api.call('POST', '/v1/customers', { key: bulk.key, body: aCustomer() })
    ).json.id;
    await issue(bulk.key, bulkCustomer);
    expect(batchOf(await run(at(1000)), bulk.tenantId)).toHaveLength(1);

    const [template] = (await repositories().verifactu.list(bulk.tenantId, { limit: 1 })).items;
    await append(bulk.tenantId, template!.invoiceId, (head) => {
      const out: BillingRecord[] = [];
      let previous = head.link;
      for (let i = 1; i <= 1001; i++) {
        const record = altaLike(template!, previous, `BULK-${String(i).padStart(6, '0')}`);
        previous = linkOf(record);
        out.push(record);
      }
      return out;
    });

    // 10 s into a 60 s wait: the full batch goes at once, the one left over waits.
    expect(batchOf(await run(at(1010)), bulk.tenantId)).toHaveLength(1);
    let listed = await batches(bulk.key);
    expect(listed[0]).toMatchObject({ records: 1000, firstSeq: 2, lastSeq: 1001, accepted: 1000 });

    expect(batchOf(await run(at(1030)), bulk.tenantId)).toHaveLength(0);
    expect(batchOf(await run(at(1070)), bulk.tenantId)).toHaveLength(1);
    listed = await batches(bulk.key);
    expect(listed.map((b: { records: number }) => b.records)).toEqual([1, 1000, 1]);
    expect(listed[0]).toMatchObject({ firstSeq: 1002, lastSeq: 1002, accepted: 1 });

    const pending = await repositories().verifactuSubmissions.pending(bulk.tenantId, 0, 10);
    expect(pending).toEqual([]);
  }, 180_000);
});
