import { readCfdi } from '@sello/formats/cfdi';
import { describe, expect, it } from 'vitest';
import { scratch, validateCfdi } from '../../conformance/cfdi/support.ts';
import { startApi } from '../../support/api.ts';
import { mexicanIssuer } from '../../support/mexico.ts';

/**
 * A Mexican tenant invoices a prepaid deposit: a CFDI of an advance as SAT's guide has it
 * (84111506 / ACT, "Anticipo del bien o servicio"), paid (its FormaPago from the payment), valid
 * against SAT's schema; cancelling it at SAT gives the deposit back.
 */
const api = await startApi();
const files = scratch();

describe('a deposit of a Mexican customer', () => {
  it('is invoiced as a stamped CFDI of an advance, and released when SAT cancels it', async () => {
    const { tenant, customerId } = await mexicanIssuer(api);
    const key = tenant.key;
    const dep = await api.call('POST', '/v1/deposits', {
      key,
      body: {
        customerId,
        amount: '1160.00',
        currency: 'MXN',
        date: '2026-12-01T09:30:00-06:00',
        method: 'transfer',
        reference: 'SPEI-0001',
      },
    });
    expect(dep.status, dep.text).toBe(201);
    const draft = await api.call('POST', '/v1/invoices', {
      key,
      body: { customerId, depositIds: [dep.json.id] },
    });
    expect(draft.status, draft.text).toBe(201);
    const issued = await api.call('POST', `/v1/invoices/${draft.json.id}/issue`, { key });
    expect(issued.status, issued.text).toBe(200);
    expect(issued.json.cfdi.status).toBe('stamped');
    expect(issued.json.totals).toMatchObject({ net: '1000.00', tax: '160.00', total: '1160.00' });

    const xml = (await api.call('GET', `/v1/invoices/${issued.json.id}/documents/cfdi`, { key }))
      .text;
    expect(validateCfdi(files.file(xml)).output).toContain('validates');
    const cfdi = readCfdi(xml);
    expect(cfdi.formaPago).toBe('03');
    expect(cfdi.conceptos).toEqual([
      expect.objectContaining({
        claveProdServ: '84111506',
        claveUnidad: 'ACT',
        valorUnitario: '1000.00',
        objetoImp: '02',
      }),
    ]);
    expect(cfdi.conceptos[0]!.descripcion).toMatch(
      /^Anticipo del bien o servicio · 2026-12-01 · SPEI-0001$/,
    );
    const invoiced = await api.call('GET', `/v1/deposits/${dep.json.id}`, { key });
    expect(invoiced.json).toMatchObject({ status: 'invoiced', invoiceId: issued.json.id });

    const cancel = await api.call('POST', `/v1/invoices/${issued.json.id}/cancel`, {
      key,
      body: { reason: '02' },
    });
    expect(cancel.status, cancel.text).toBe(200);
    const released = await api.call('GET', `/v1/deposits/${dep.json.id}`, { key });
    expect(released.json.status).toBe('uninvoiced');
    expect(released.json.invoiceId).toBeUndefined();
  });
});
