import { beforeAll, describe, expect, inject, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { acceptanceLines } from '../../support/invoices.ts';

const api = await startApi();
const { ses } = inject('endpoints');
let key: string;

interface StoredMail {
  subject: string;
  destination: { to: string[] };
  body: { text?: string };
  attachments: { filename: string; contentType: string; size: number }[];
}
const mailsTo = async (address: string): Promise<StoredMail[]> => {
  const store = (await (await fetch(`${ses}/store`)).json()) as { emails: StoredMail[] };
  return store.emails.filter((m) => m.destination.to.some((t) => t.includes(address)));
};

beforeAll(async () => {
  ({ key } = await createTenant('Ferretería Catalana SL'));
});

describe('POST /v1/invoices/{id}/send', () => {
  it("mails the PDF and the signed Facturae in the customer's language and records it", async () => {
    const email = `compres-${Date.now()}@client.example`;
    const customerId = (
      await api.call('POST', '/v1/customers', { key, body: aCustomer({ email, language: 'ca' }) })
    ).json.id;
    const draft = (
      await api.call('POST', '/v1/invoices', { key, body: { customerId, lines: acceptanceLines } })
    ).json;
    const issued = (await api.call('POST', `/v1/invoices/${draft.id}/issue`, { key })).json;
    const res = await api.call('POST', `/v1/invoices/${issued.id}/send`, { key, body: {} });
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('sent');
    expect(res.json.events.at(-1)).toMatchObject({ type: 'sent', detail: { to: [email] } });

    const [mail] = await mailsTo(email);
    expect(mail?.subject).toBe(`Factura ${issued.number} de Ferretería Catalana SL`);
    expect(mail?.body.text).toContain('409,34');
    expect(mail?.attachments.map((a) => a.filename).sort()).toEqual([
      `${issued.number}.pdf`,
      `${issued.number}.xsig`,
    ]);
  });

  it('sends to given addresses; a draft cannot be sent; no address is a 400 naming `to`', async () => {
    const customerId = (
      await api.call('POST', '/v1/customers', { key, body: aCustomer({ email: undefined }) })
    ).json.id;
    const draft = (
      await api.call('POST', '/v1/invoices', { key, body: { customerId, lines: acceptanceLines } })
    ).json;
    expect(
      (await api.call('POST', `/v1/invoices/${draft.id}/send`, { key, body: {} })).status,
    ).toBe(409);
    await api.call('POST', `/v1/invoices/${draft.id}/issue`, { key });
    const none = await api.call('POST', `/v1/invoices/${draft.id}/send`, { key, body: {} });
    expect(none.status).toBe(400);
    expect(none.json.errors[0].path).toBe('to');
    const given = `ap-${Date.now()}@client.example`;
    expect(
      (await api.call('POST', `/v1/invoices/${draft.id}/send`, { key, body: { to: [given] } }))
        .status,
    ).toBe(200);
    expect(await mailsTo(given)).toHaveLength(1);
  });
});
