import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from '@sello/formats/parse';
import { afterAll, describe, expect, it } from 'vitest';
import { aCustomer, startApi } from '../../support/api.ts';
import { TAX_IDS, tenantWithTaxId } from '../../support/exchange.ts';
import { acceptanceLines } from '../../support/invoices.ts';
import { aPassword, mailsTo } from '../../support/recipients.ts';

// Read when the post-issue step is built: mail links point at this portal; webhooks may reach
// the loopback receiver below.
process.env.SELLO_PORTAL_URL = 'https://portal.sello.test/';
process.env.SELLO_WEBHOOKS_ALLOW_LOCAL = 'true';

const api = await startApi();
const schemas = join(import.meta.dirname, '../../fixtures/schemas');

/** A local ERP endpoint that keeps what it receives. */
const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
const erp = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    received.push({ headers: req.headers, body });
    res.writeHead(204).end();
  });
});
await new Promise<void>((ok) => erp.listen(0, '127.0.0.1', ok));
afterAll(() => new Promise<void>((ok) => erp.close(() => ok())));

function xsdValid(xml: string, xsd: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'sello-export-')), 'doc.xml');
  writeFileSync(file, xml);
  execFileSync('xmllint', ['--noout', '--schema', join(schemas, xsd), file], { stdio: 'pipe' });
}

describe('issue 4 acceptance: an invoice to an unregistered buyer, through the API', () => {
  it('mails the first key, takes the issuer key, registers, and the inbox serves the invoice', async () => {
    // Arrange: an issuer with notifications on and a webhook for its ERP.
    const issuer = await tenantWithTaxId(TAX_IDS.a, 'Suministros Levante SL');
    await api.call('PATCH', '/v1/settings', {
      key: issuer.key,
      body: { notifications: { recipientsOnIssue: true } },
    });
    const hook = await api.call('POST', '/v1/webhooks', {
      key: issuer.key,
      body: {
        url: `http://127.0.0.1:${(erp.address() as AddressInfo).port}/sello`,
        events: ['invoice.issued', 'invoice.delivered'],
      },
    });
    expect(hook.status).toBe(201);
    const email = 'cuentas@comercial-norte.example';
    const customer = await api.call('POST', '/v1/customers', {
      key: issuer.key,
      body: aCustomer({ taxId: TAX_IDS.b, name: 'Comercial Norte SA', email }),
    });
    const draft = await api.call('POST', '/v1/invoices', {
      key: issuer.key,
      body: {
        customerId: customer.json.id,
        lines: acceptanceLines,
        payment: { means: 'transfer', dueDate: '2027-01-15', iban: 'ES9121000418450200051332' },
      },
    });

    // Act: issue, and let the post-issue step (documents, mail, webhooks) run.
    const issued = await api.call('POST', `/v1/invoices/${draft.json.id}/issue`, {
      key: issuer.key,
    });
    expect(issued.status).toBe(200);
    await api.settled();

    // The buyer's mail carries the first key in the registration link.
    const [mail, ...more] = await mailsTo(email);
    expect(more).toEqual([]);
    expect(mail?.subject).toBe(
      `Suministros Levante SL le ha enviado la factura ${issued.json.number}`,
    );
    const link = /register\?taxId=(\w+)&key=(ekey_\w+)/.exec(mail?.body.text ?? '');
    expect(link?.[1]).toBe(TAX_IDS.b);

    // The issuer hands over the second key; the buyer registers with both.
    const issuerKey = await api.call('POST', '/v1/onboarding-keys', {
      key: issuer.key,
      body: { taxId: TAX_IDS.b },
    });
    expect(issuerKey.status).toBe(201);
    const registered = await api.call('POST', '/v1/recipients/register', {
      body: {
        taxId: TAX_IDS.b,
        emailKey: link![2],
        issuerKey: issuerKey.json.key,
        email,
        password: aPassword,
      },
    });
    expect(registered.status).toBe(201);
    const session = registered.json.accessToken as string;
    expect(registered.json.user).toMatchObject({ kind: 'recipient', taxId: TAX_IDS.b });

    // The recipient's inbox lists the invoice and serves its PDF.
    const inbox = await api.call('GET', '/v1/inbox', { key: session });
    expect(inbox.status).toBe(200);
    expect(inbox.json.items).toHaveLength(1);
    const [entry] = inbox.json.items;
    expect(entry).toMatchObject({ number: issued.json.number, status: 'received' });
    const pdf = await fetch(`${api.base}/v1/inbox/${entry.id}/documents/pdf`, {
      headers: { authorization: `Bearer ${session}` },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    // The same invoice as UBL and CII: schema-valid, and reading them back gives its totals.
    for (const [format, xsd] of [
      ['ubl', 'ubl/maindoc/UBL-Invoice-2.1.xsd'],
      ['cii', 'cii/CrossIndustryInvoice_100pD16B.xsd'],
    ] as const) {
      const res = await api.call('GET', `/v1/inbox/${entry.id}/documents/${format}`, {
        key: session,
      });
      expect(res.status, format).toBe(200);
      xsdValid(res.text, xsd);
      const read = parseDocument(res.text);
      expect(read.format).toBe(format);
      expect(read.invoice?.number).toBe(issued.json.number);
      expect(read.invoice?.totals.payable).toBe('409.34');
    }

    // The issuer's ERP heard both events, signed with the subscription's secret.
    const types = received.map((r) => r.headers['sello-event']).sort();
    expect(types).toEqual(['invoice.delivered', 'invoice.issued']);
    for (const r of received) {
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(r.headers['sello-signature']))!;
      const expected = createHmac('sha256', hook.json.secret)
        .update(`${t}.${r.body}`)
        .digest('hex');
      expect(v1).toBe(expected);
    }
  });
});
