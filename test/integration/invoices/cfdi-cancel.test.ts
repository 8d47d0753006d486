import { repositories } from '@sello/app/platform';
import { readCfdi } from '@sello/formats/cfdi';
import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { acceptanceLines } from '../../support/invoices.ts';
import { MX_LINE, mexicanIssuer } from '../../support/mexico.ts';

/**
 * A Mexican tenant cancels its stamped CFDI through the API, at SAT through the sandbox PAC (SW
 * Sapien's protocol): with SAT's reasons, 01 naming the stamped CFDI that replaces it.
 */
const api = await startApi();
let tenant: { key: string; tenantId: string };
let customerId: string;

beforeAll(async () => {
  ({ tenant, customerId } = await mexicanIssuer(api));
});

async function stamped() {
  const draft = await api.call('POST', '/v1/invoices', {
    key: tenant.key,
    body: { customerId, lines: [MX_LINE], cfdiUse: 'G03' },
  });
  expect(draft.status, draft.text).toBe(201);
  const res = await api.call('POST', `/v1/invoices/${draft.json.id}/issue`, { key: tenant.key });
  expect(res.status, res.text).toBe(200);
  expect(res.json.cfdi.status).toBe('stamped');
  return res.json;
}

const cancel = (id: string, body: Record<string, unknown>) =>
  api.call('POST', `/v1/invoices/${id}/cancel`, { key: tenant.key, body });

const get = async (id: string) =>
  (await api.call('GET', `/v1/invoices/${id}`, { key: tenant.key })).json;

const paths = (res: { json: { errors?: { path: string }[] } }) =>
  (res.json.errors ?? []).map((e) => e.path);

describe('cancelling a CFDI through the API', () => {
  it('with reason 02 cancels it at SAT: the invoice is cancelled, with no corrective', async () => {
    const invoice = await stamped();
    const res = await cancel(invoice.id, { reason: '02' });
    expect(res.status, res.text).toBe(200);
    expect(res.json.corrective).toBeUndefined();
    const original = res.json.original;
    // Stamped the same day: one of SAT's exceptions to the receptor's acceptance.
    expect(original.status).toBe('cancelled');
    expect(original.number).toBe(invoice.number);
    expect(original.cfdi).toMatchObject({
      status: 'stamped',
      uuid: invoice.cfdi.uuid,
      cancellation: { reason: '02', status: 'cancelled' },
    });
    expect(original.cfdi.cancellation.substitute).toBeUndefined();
    expect(original.events.at(-1)).toMatchObject({
      type: 'cancelled',
      detail: { uuid: invoice.cfdi.uuid, reason: '02' },
    });
    expect((await get(invoice.id)).status).toBe('cancelled');

    // Twice: refused, nothing changes.
    const again = await cancel(invoice.id, { reason: '02' });
    expect(again.status, again.text).toBe(409);
    expect((await get(invoice.id)).version).toBe(original.version);
  });

  it('with reason 01 names the stamped CFDI that replaces it', async () => {
    const wrong = await stamped();
    const replacement = await stamped();
    const res = await cancel(wrong.id, {
      reason: '01',
      substitute: replacement.cfdi.uuid.toLowerCase(),
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.original.status).toBe('cancelled');
    expect(res.json.original.cfdi.cancellation).toMatchObject({
      reason: '01',
      substitute: replacement.cfdi.uuid,
      status: 'cancelled',
    });
    // The replacement stays in force; a cancelled CFDI replaces nothing.
    expect((await get(replacement.id)).status).toBe('issued');
    const third = await stamped();
    const byCancelled = await cancel(third.id, { reason: '01', substitute: wrong.cfdi.uuid });
    expect(byCancelled.status, byCancelled.text).toBe(409);
    expect(paths(byCancelled)).toEqual(['substitute']);
  });

  it('replaces a CFDI SAT’s way: the substitute relates to it with 04, then it is cancelled with 01', async () => {
    const wrong = await stamped();
    const rectified = await api.call('POST', `/v1/invoices/${wrong.id}/rectify`, {
      key: tenant.key,
      body: { reasonCode: '10', method: 'substitution', lines: [{ ...MX_LINE, quantity: '3' }] },
    });
    expect(rectified.status, rectified.text).toBe(200);
    // Stamped in the request, as an issue is.
    expect(rectified.json.corrective.cfdi.status).toBe('stamped');
    const replacement = await get(rectified.json.corrective.id);
    expect(replacement.cfdi.status).toBe('stamped');
    expect(replacement.corrective.originalUuid).toBe(wrong.cfdi.uuid);
    const xml = await api.call('GET', `/v1/invoices/${replacement.id}/documents/cfdi`, {
      key: tenant.key,
    });
    expect(xml.status, xml.text).toBe(200);
    const cfdi = readCfdi(xml.text);
    expect(cfdi.tipoDeComprobante).toBe('I');
    expect(cfdi.cfdiRelacionados).toEqual([{ tipoRelacion: '04', uuids: [wrong.cfdi.uuid] }]);

    const res = await cancel(wrong.id, { reason: '01', substitute: replacement.cfdi.uuid });
    expect(res.status, res.text).toBe(200);
    expect(res.json.original.status).toBe('cancelled');
    expect(res.json.original.cfdi.cancellation).toMatchObject({
      reason: '01',
      substitute: replacement.cfdi.uuid,
    });
  });

  it('refuses a body without SAT’s reason or with the substitute misplaced, naming the field', async () => {
    const invoice = await stamped();
    const cases: [Record<string, unknown>, number, string][] = [
      [{}, 400, 'reason'],
      [{ reasonDescription: 'Error en el RFC' }, 400, 'reasonDescription'],
      [{ reason: '05' }, 400, 'reason'],
      [{ reason: '01' }, 400, 'substitute'],
      [{ reason: '02', substitute: invoice.cfdi.uuid }, 400, 'substitute'],
      [{ reason: '01', substitute: 'not-a-uuid' }, 400, 'substitute'],
      [{ reason: '01', substitute: invoice.cfdi.uuid }, 400, 'substitute'],
      // A well-formed UUID no CFDI of this tenant has.
      [{ reason: '01', substitute: '0F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F9' }, 409, 'substitute'],
    ];
    for (const [body, status, path] of cases) {
      const res = await cancel(invoice.id, body);
      expect(res.status, `${JSON.stringify(body)}: ${res.text}`).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(paths(res), JSON.stringify(body)).toContain(path);
    }
    const after = await get(invoice.id);
    expect(after.status).toBe('issued');
    expect(after.version).toBe(invoice.version);
    expect(after.cfdi.cancellation).toBeUndefined();
  });

  it('refuses a CFDI that is not stamped, and a draft', async () => {
    const draft = await api.call('POST', '/v1/invoices', {
      key: tenant.key,
      body: { customerId, lines: [MX_LINE], cfdiUse: 'G03' },
    });
    expect((await cancel(draft.json.id, { reason: '02' })).status).toBe(409);

    const invoice = await stamped();
    const stored = (await repositories().invoices.get(tenant.tenantId, invoice.id))!;
    // As a CFDI the PAC could not reach leaves it: numbered, its stamp pending.
    await repositories().invoices.update({
      ...stored,
      cfdi: { status: 'pending' },
      version: stored.version + 1,
    });
    const res = await cancel(invoice.id, { reason: '02' });
    expect(res.status, res.text).toBe(409);
    expect((await get(invoice.id)).status).toBe('issued');
  });

  it('answers the PAC’s refusal as 422 with its code, and changes nothing', async () => {
    const invoice = await stamped();
    const stored = (await repositories().invoices.get(tenant.tenantId, invoice.id))!;
    // A folio the PAC never stamped: SAT's 205.
    await repositories().invoices.update({
      ...stored,
      cfdi: { ...stored.cfdi!, uuid: 'ABCDEF01-2345-4678-89AB-CDEF01234567' },
      version: stored.version + 1,
    });
    const res = await cancel(invoice.id, { reason: '02' });
    expect(res.status, res.text).toBe(422);
    expect(res.text).toContain('205');
    const after = await get(invoice.id);
    expect(after.status).toBe('issued');
    expect(after.version).toBe(stored.version + 1);
    expect(after.cfdi.cancellation).toBeUndefined();
  });
});

describe('cancelling a Spanish invoice', () => {
  it('keeps its corrective, and refuses SAT’s fields naming them', async () => {
    const { key } = await createTenant();
    const customer = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json;
    const draft = (
      await api.call('POST', '/v1/invoices', {
        key,
        body: { customerId: customer.id, lines: acceptanceLines },
      })
    ).json;
    const original = (await api.call('POST', `/v1/invoices/${draft.id}/issue`, { key })).json;
    const refused = await api.call('POST', `/v1/invoices/${original.id}/cancel`, {
      key,
      body: { reason: '02' },
    });
    expect(refused.status, refused.text).toBe(400);
    expect(paths(refused)).toEqual(['reason']);
    expect((await api.call('GET', `/v1/invoices/${original.id}`, { key })).json.status).toBe(
      'issued',
    );

    const res = await api.call('POST', `/v1/invoices/${original.id}/cancel`, {
      key,
      body: { reasonDescription: 'Duplicada' },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.original.status).toBe('cancelled');
    expect(res.json.corrective).toMatchObject({
      kind: 'corrective',
      corrective: { originalId: original.id, reasonDescription: 'Duplicada' },
    });
  });
});
