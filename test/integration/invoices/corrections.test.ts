import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { acceptanceLines } from '../../support/invoices.ts';

const api = await startApi();
let key: string;
let customerId: string;

const issued = async () => {
  const draft = (
    await api.call('POST', '/v1/invoices', { key, body: { customerId, lines: acceptanceLines } })
  ).json;
  return (await api.call('POST', `/v1/invoices/${draft.id}/issue`, { key })).json;
};

beforeAll(async () => {
  ({ key } = await createTenant());
  customerId = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
});

describe('corrective invoices', () => {
  it('rectify by differences issues a corrective in the R series pointing at the original', async () => {
    const original = await issued();
    const res = await api.call('POST', `/v1/invoices/${original.id}/rectify`, {
      key,
      body: {
        reasonCode: '83',
        method: 'differences',
        lines: [
          {
            description: 'Descuento pactado',
            quantity: '-1',
            unitPrice: '25.00',
            taxes: [{ type: 'IVA', rate: '4' }],
          },
        ],
      },
    });
    expect(res.status).toBe(200);
    const { corrective } = res.json;
    expect(corrective).toMatchObject({
      kind: 'corrective',
      status: 'issued',
      series: 'R',
      totals: { net: '-25.00', tax: '-1.00', withheld: '0.00', total: '-26.00' },
      corrective: {
        originalId: original.id,
        originalNumber: original.number,
        reasonCode: '83',
        reasonDescription: 'Base imponible modificada por descuentos y bonificaciones',
        method: 'differences',
      },
    });
    expect(corrective.number).toMatch(/^R\d{4}-\d{6}$/);
    expect(res.json.original.status).toBe('rectified');
    expect(res.json.original.events.at(-1)).toMatchObject({
      type: 'rectified',
      detail: { number: corrective.number },
    });

    // The corrective's Facturae is a valid corrective document (class OR with its Corrective block).
    const xml = await (
      await fetch(`${api.base}/v1/invoices/${corrective.id}/documents/facturae`, {
        headers: { authorization: `Bearer ${key}` },
      })
    ).text();
    expect(xml).toContain('<InvoiceClass>OR</InvoiceClass>');
    expect(xml).toContain('<CorrectionMethod>02</CorrectionMethod>');
  });

  it('rectify by substitution issues an S corrective with the replaced amounts in its record', async () => {
    const original = await issued();
    const res = await api.call('POST', `/v1/invoices/${original.id}/rectify`, {
      key,
      body: { reasonCode: '01', method: 'substitution', lines: acceptanceLines.slice(0, 2) },
    });
    expect(res.status).toBe(200);
    const vf = await api.call('GET', `/v1/invoices/${res.json.corrective.id}/verifactu`, { key });
    expect(vf.json.record.TipoFactura).toBe('R1');
    expect(vf.json.xml).toContain('<sum1:TipoRectificativa>S</sum1:TipoRectificativa>');
    expect(vf.json.xml).toContain('<sum1:BaseRectificada>379.00</sum1:BaseRectificada>');
  });

  it('cancel issues a full negative corrective and marks the original cancelled', async () => {
    const original = await issued();
    const res = await api.call('POST', `/v1/invoices/${original.id}/cancel`, { key, body: {} });
    expect(res.status).toBe(200);
    expect(res.json.corrective.totals).toEqual({
      net: '-379.00',
      tax: '-75.34',
      withheld: '-45.00',
      total: '-409.34',
    });
    expect(res.json.original.status).toBe('cancelled');
    const again = await api.call('POST', `/v1/invoices/${original.id}/cancel`, { key, body: {} });
    expect(again.status).toBe(409);
  });

  it('split replaces the original by parts that add up to it; parts that do not are refused', async () => {
    const original = await issued();
    const [a, b, c] = acceptanceLines;
    const bad = await api.call('POST', `/v1/invoices/${original.id}/split`, {
      key,
      body: { parts: [{ lines: [a] }, { lines: [b] }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe('parts');
    expect((await api.call('GET', `/v1/invoices/${original.id}`, { key })).json.status).toBe(
      'issued',
    );

    const res = await api.call('POST', `/v1/invoices/${original.id}/split`, {
      key,
      body: { parts: [{ lines: [a] }, { lines: [b, c] }] },
    });
    expect(res.status).toBe(200);
    expect(res.json.original.status).toBe('rectified');
    expect(res.json.corrective.totals.total).toBe('-409.34');
    const totals = res.json.replacements.map((r: { totals: { total: string } }) => r.totals.total);
    expect(totals).toEqual(['318.00', '91.34']);
    expect(
      res.json.replacements.every(
        (r: { status: string; number: string }) => r.status === 'issued' && r.number,
      ),
    ).toBe(true);
  });

  it('drafts cannot be corrected', async () => {
    const draft = (
      await api.call('POST', '/v1/invoices', { key, body: { customerId, lines: acceptanceLines } })
    ).json;
    const res = await api.call('POST', `/v1/invoices/${draft.id}/cancel`, { key, body: {} });
    expect(res.status).toBe(409);
  });
});
