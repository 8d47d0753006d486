import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, repositories, tableName } from '@sello/app/platform';
import { sandboxSchemaPath } from '@sello/app/verifactu';
import { keys } from '@sello/aws';
import { systemClock, ulidIds } from '@sello/core/ports';
import { computeHuella, submitAll } from '@sello/core/verifactu';
import { beforeAll, describe, expect, it } from 'vitest';
import { SandboxSubmitter } from '../../../packages/aws/src/verifactu/sandbox-submitter.ts';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { acceptanceLines } from '../../support/invoices.ts';

/**
 * Subsanación end to end: invoices issued through the local API, the sender run against a sandbox
 * whose census does not know the German customer's NIF-IVA (AEAT rejects the record, 1121), the
 * correction asked through POST /v1/invoices/{id}/verifactu/remedy, and AEAT's answer to it.
 */
const api = await startApi();
const sandbox = new SandboxSubmitter({
  schemaPath: sandboxSchemaPath(),
  unidentified: ['DE123456789'],
  tiempoEsperaEnvio: 0,
});
const { verifactu, verifactuSubmissions, tenants } = repositories();
const send = () =>
  submitAll({
    submissions: verifactuSubmissions,
    submitter: sandbox,
    tenants,
    clock: systemClock,
    ids: ulidIds,
  })(new Date());

let key: string;
let tenantId: string;
let german: string;
let spanish: string;

beforeAll(async () => {
  ({ key, tenantId } = await createTenant('Remedy tenant'));
  german = (
    await api.call('POST', '/v1/customers', {
      key,
      body: aCustomer({
        taxId: '123456789',
        name: 'Beispiel GmbH',
        address: {
          line1: 'Unter den Linden 1',
          city: 'Berlin',
          postalCode: '10117',
          country: 'DE',
        },
      }),
    })
  ).json.id;
  spanish = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
});

const issue = async (customerId: string) => {
  const draft = (
    await api.call('POST', '/v1/invoices', { key, body: { customerId, lines: acceptanceLines } })
  ).json;
  return (await api.call('POST', `/v1/invoices/${draft.id}/issue`, { key })).json;
};
const verifactuOf = async (id: string) =>
  (await api.call('GET', `/v1/invoices/${id}/verifactu`, { key })).json;
const remedy = (id: string, body: unknown = {}) =>
  api.call('POST', `/v1/invoices/${id}/verifactu/remedy`, { key, body });
const chainLength = async () => (await verifactu.head(tenantId))?.seq ?? 0;

describe('correcting a record AEAT rejected (alta por rechazo)', () => {
  let invoice: { id: string; number: string };

  it('shows the rejection, and that the record can be corrected', async () => {
    invoice = await issue(german);
    await send();
    const v = await verifactuOf(invoice.id);
    expect(v.submission).toMatchObject({
      state: 'rejected',
      errors: [
        { code: '1121', description: 'El campo ID no está identificado en el censo de la AEAT.' },
      ],
    });
    expect(v.remediable).toBe(true);
  });

  it('refuses what a correction cannot change or does not know, naming the field, writing nothing', async () => {
    const before = await chainLength();
    const unknown = await remedy(invoice.id, { ImporteTotal: '1.00' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors[0].path).toBe('ImporteTotal');
    const badType = await remedy(invoice.id, { recipientIdType: '07' });
    expect(badType.status).toBe(400);
    expect(badType.json.errors[0].path).toBe('recipientIdType');
    expect(await chainLength()).toBe(before);
  });

  it('writes a new alta of the invoice with Subsanacion S and RechazoPrevio X, chained and pending', async () => {
    const res = await remedy(invoice.id, { recipientIdType: '04' });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/v1/invoices/${invoice.id}/verifactu`);
    const [original, correction] = res.json.history;
    expect(res.json.history).toHaveLength(2);
    expect(original).toMatchObject({
      submission: { state: 'rejected' },
      remediedBy: correction.seq,
    });
    expect(correction).toMatchObject({
      kind: 'alta',
      remedyOf: original.seq,
      submission: { state: 'pending' },
      record: {
        NumSerieFactura: invoice.number,
        Subsanacion: 'S',
        RechazoPrevio: 'X',
        previousHuella: original.record.Huella,
        ImporteTotal: original.record.ImporteTotal,
      },
    });
    expect(correction.seq).toBe(original.seq + 1);
    expect(res.json.record).toEqual(correction.record);
    expect(res.json.submission).toEqual({ state: 'pending' });
    expect(res.json.remediable).toBe(false);
    expect(res.json.xml).toContain(
      '<sum1:Subsanacion>S</sum1:Subsanacion><sum1:RechazoPrevio>X</sum1:RechazoPrevio>',
    );
    expect(res.json.xml).toContain('<sum1:IDType>04</sum1:IDType>');

    // The same answer on a second read, and no second correction while this one is pending.
    expect(await verifactuOf(invoice.id)).toEqual(res.json);
    const again = await remedy(invoice.id);
    expect(again.status).toBe(409);
    expect(again.json.detail).toMatch(/AEAT has not answered its latest record yet/);
  });

  it('sends the correction once, never the rejected record, and AEAT registers it', async () => {
    const [batch] = (await send()).outcomes.find((o) => o.tenantId === tenantId)!.batches;
    expect(batch!.results).toEqual([{ seq: await chainLength(), state: 'accepted' }]);
    expect(sandbox.lastEnvelope!.match(/<sum:RegistroFactura>/g)).toHaveLength(1);
    expect(sandbox.lastEnvelope).toContain('<sum1:RechazoPrevio>X</sum1:RechazoPrevio>');

    const v = await verifactuOf(invoice.id);
    expect(v.submission).toMatchObject({ state: 'accepted', csv: batch!.csv });
    expect(v.history.map((h: { submission: { state: string } }) => h.submission.state)).toEqual([
      'rejected',
      'accepted',
    ]);
    expect(v.remediable).toBe(false);
    expect((await send()).batches).toBe(0);

    const accepted = await remedy(invoice.id);
    expect(accepted.status).toBe(409);
    expect(accepted.json.detail).toMatch(/needs a corrective invoice/);
    expect((await api.call('POST', '/v1/verifactu/verify', { key })).json).toEqual({
      valid: true,
      checked: await chainLength(),
    });
  });
});

describe('correcting a record AEAT accepted with errors (alta de subsanación)', () => {
  it('sends Subsanacion S alone, and AEAT replaces what it holds', async () => {
    const invoice = await issue(spanish);
    const [stored] = await verifactu.ofInvoice(tenantId, invoice.id);
    // A stored huella that no longer matches its fields: AEAT registers it with error 2000.
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.chainRecord(tenantId, stored!.seq),
        UpdateExpression: 'SET #r.Huella = :h',
        ExpressionAttributeNames: { '#r': 'record' },
        ExpressionAttributeValues: { ':h': 'A'.repeat(64) },
      }),
    );
    await send();
    expect((await verifactuOf(invoice.id)).submission).toMatchObject({
      state: 'acceptedWithErrors',
      errors: [{ code: '2000' }],
    });

    const head = await verifactu.head(tenantId);
    const res = await remedy(invoice.id, { description: 'Consultoría y licencias, noviembre' });
    expect(res.status).toBe(201);
    expect(res.json.record.Subsanacion).toBe('S');
    expect(res.json.record.RechazoPrevio).toBeUndefined();
    expect(res.json.xml).toContain(
      '<sum1:DescripcionOperacion>Consultoría y licencias, noviembre</sum1:DescripcionOperacion>',
    );
    // The correction chains to the head, which kept the huella the record was written with.
    expect(res.json.record.previousHuella).toBe(head!.link.Huella);
    expect(head!.link.Huella).toBe(computeHuella({ ...stored!.record }));
    expect(res.json.record.Huella).toBe(
      computeHuella((await verifactu.ofInvoice(tenantId, invoice.id)).at(-1)!.record),
    );

    await send();
    expect((await verifactuOf(invoice.id)).submission.state).toBe('accepted');
  });
});

describe('what cannot be corrected', () => {
  it('lets only one of two concurrent corrections of a record through', async () => {
    const invoice = await issue(german);
    await send();
    const before = await chainLength();
    const answers = await Promise.all([
      remedy(invoice.id, { recipientIdType: '04' }),
      remedy(invoice.id, { recipientIdType: '04' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(await chainLength()).toBe(before + 1);
    const history = (await verifactuOf(invoice.id)).history;
    expect(history).toHaveLength(2);
    expect(history[1].remedyOf).toBe(history[0].seq);
  });

  it('refuses an annulled invoice and a draft', async () => {
    const invoice = await issue(german);
    await send();
    const voided = await api.call('POST', `/v1/invoices/${invoice.id}/void`, {
      key,
      body: { reason: 'Emitida por error' },
    });
    expect(voided.status).toBe(200);
    const res = await remedy(invoice.id);
    expect(res.status).toBe(409);
    expect(res.json.detail).toMatch(/annulled/);

    const draft = (
      await api.call('POST', '/v1/invoices', {
        key,
        body: { customerId: spanish, lines: acceptanceLines },
      })
    ).json;
    expect((await remedy(draft.id)).status).toBe(404);
  });

  it('refuses an IDOtro type for a Spanish recipient, naming the field', async () => {
    const invoice = await issue(spanish);
    const [stored] = await verifactu.ofInvoice(tenantId, invoice.id);
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.chainRecord(tenantId, stored!.seq),
        UpdateExpression: 'SET submission = :s',
        ExpressionAttributeValues: { ':s': { state: 'acceptedWithErrors', errors: [] } },
      }),
    );
    const before = await chainLength();
    const res = await remedy(invoice.id, { recipientIdType: '02' });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      {
        path: 'recipientIdType',
        message: 'the recipient has a Spanish NIF, which is not an IDOtro',
      },
    ]);
    expect(await chainLength()).toBe(before);
  });
});
