import { beforeAll, describe, expect, inject, it } from 'vitest';
import { startApi } from '../../support/api.ts';
import { MX_LINE, mexicanIssuer } from '../../support/mexico.ts';

/**
 * A Mexican tenant's change requests, done through the CFDI's own use cases: a cancellation at SAT
 * (through the sandbox PAC) and a rectification whose stamped CFDI the customer's mail carries.
 */
const api = await startApi();
const { ses } = inject('endpoints');
let key: string;
let customerId: string;
let counter = 0;

interface StoredMail {
  subject: string;
  destination: { to: string[] };
  attachments: { filename: string; contentType: string }[];
}
const mailsTo = async (address: string): Promise<StoredMail[]> => {
  const store = (await (await fetch(`${ses}/store`)).json()) as { emails: StoredMail[] };
  return store.emails.filter((m) => m.destination.to.some((t) => t.includes(address)));
};

beforeAll(async () => {
  const issuer = await mexicanIssuer(api);
  key = issuer.tenant.key;
  customerId = issuer.customerId;
});

async function requested(type: 'cancel' | 'correctData') {
  // The customer's address is its own per test, to read its mails alone.
  const email = `compras-${Date.now()}-${++counter}@mci.example.mx`;
  const patched = await api.call('PATCH', `/v1/customers/${customerId}`, { key, body: { email } });
  expect(patched.status, patched.text).toBe(200);
  const draft = await api.call('POST', '/v1/invoices', {
    key,
    body: { customerId, lines: [MX_LINE], cfdiUse: 'G03' },
  });
  const invoice = (await api.call('POST', `/v1/invoices/${draft.json.id}/issue`, { key })).json;
  expect(invoice.cfdi.status).toBe('stamped');
  const asked = await api.call('POST', `/v1/invoices/${invoice.id}/change-requests`, {
    key,
    body: { type, message: 'El RFC está mal' },
  });
  expect(asked.status, asked.text).toBe(201);
  return { email, invoice, request: asked.json };
}
const resolve = (id: string, body: unknown) =>
  api.call('POST', `/v1/change-requests/${id}/resolve`, { key, body });

describe('a Mexican invoice’s change requests', () => {
  it('cancels the CFDI at SAT with SAT’s reason, after a refused Spanish body', async () => {
    const { email, invoice, request } = await requested('cancel');
    const spanish = await resolve(request.id, {
      outcome: 'done',
      correction: { type: 'cancel', reasonDescription: 'Anulada' },
    });
    expect(spanish.status).toBe(400);
    expect(spanish.json.errors.map((e: { path: string }) => e.path)).toContain(
      'correction.reasonDescription',
    );
    const res = await resolve(request.id, {
      outcome: 'done',
      correction: { type: 'cancel', reason: '02' },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.request).toMatchObject({
      status: 'done',
      correction: { type: 'cancel', invoiceIds: [] },
    });
    expect(res.json.invoices).toEqual([]);
    const original = (await api.call('GET', `/v1/invoices/${invoice.id}`, { key })).json;
    expect(original.status).toBe('cancelled');
    expect(original.cfdi.cancellation).toMatchObject({ reason: '02', status: 'cancelled' });
    const [mail] = await mailsTo(email);
    expect(mail?.subject).toContain(`ha atendido su solicitud sobre la factura ${invoice.number}`);
    expect(mail?.attachments ?? []).toEqual([]);
    // Retried: done as it is, not cancelled again.
    const again = await resolve(request.id, {
      outcome: 'done',
      correction: { type: 'cancel', reason: '02' },
    });
    expect(again.status, again.text).toBe(200);
    expect(await mailsTo(email)).toHaveLength(1);
  });

  it('rectifies with a stamped CFDI, whose PDF and XML the customer receives', async () => {
    const { email, request } = await requested('correctData');
    const res = await resolve(request.id, {
      outcome: 'done',
      correction: {
        type: 'rectify',
        reasonCode: '10',
        method: 'substitution',
        lines: [{ ...MX_LINE, quantity: '3' }],
      },
    });
    expect(res.status, res.text).toBe(200);
    const [corrective] = res.json.invoices;
    expect(corrective.cfdi.status).toBe('stamped');
    const [mail] = await mailsTo(email);
    expect(mail?.attachments.map((a) => a.filename).sort()).toEqual([
      `${corrective.number}.cfdi.xml`,
      `${corrective.number}.pdf`,
    ]);
  });
});
