import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InsurerPlatformConnector, InsurerPlatformUnavailableError } from '@sello/aws/connectors';
import type { ForwardRequest } from '@sello/core/connectors';
import type { Invoice } from '@sello/core/invoices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type InsurerPlatformFake,
  startInsurerPlatformFake,
} from '../../../packages/local/src/connectors/insurer-platform-fake.ts';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { acceptanceLines } from '../../support/invoices.ts';

/**
 * The insurer-platform adapter against the local fake (a fake of this file's own, so it can be
 * stopped), with real documents: a signed Facturae and a UBL of an invoice issued through the API.
 */
const api = await startApi();
const PASSWORD = 'insurer-pw-93c1d7';
const account = { username: 'taller.adapter', password: PASSWORD, taxId: 'B12345674' };

let fake: InsurerPlatformFake;
let connector: InsurerPlatformConnector;
let facturae: Uint8Array;
let ubl: Uint8Array;
let invoice: Invoice;

const request = (
  body: Uint8Array,
  credentials: ForwardRequest['credentials'] | null = account,
): ForwardRequest => ({
  invoice,
  document: { format: 'facturae', mediaType: 'application/xml', fileName: 'F.xsig', body },
  ...(credentials ? { credentials } : {}),
});

beforeAll(async () => {
  fake = await startInsurerPlatformFake({
    users: [{ username: account.username, password: PASSWORD, taxIds: ['B12345674'] }],
  });
  connector = new InsurerPlatformConnector({ url: `${fake.url}/` });
  const tenant = await createTenant('Adaptador SL');
  const customerId = (
    await api.call('POST', '/v1/customers', { key: tenant.key, body: aCustomer() })
  ).json.id;
  const draft = await api.call('POST', '/v1/invoices', {
    key: tenant.key,
    body: { customerId, lines: acceptanceLines },
  });
  invoice = (await api.call('POST', `/v1/invoices/${draft.json.id}/issue`, { key: tenant.key }))
    .json;
  await api.settled();
  const document = async (format: string) => {
    const res = await fetch(`${api.base}/v1/invoices/${invoice.id}/documents/${format}`, {
      headers: { authorization: `Bearer ${tenant.key}` },
    });
    expect(res.status).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  };
  facturae = await document('facturae');
  ubl = await document('ubl');
});
afterAll(() => fake.stop());

const control = (path: string, body: unknown) =>
  fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('InsurerPlatformConnector', () => {
  it('signs in, uploads the Facturae and answers the registry number; a duplicate answers the first', async () => {
    const first = await connector.forward(request(facturae));
    expect(first).toEqual({
      status: 'delivered',
      registryNumber: expect.stringMatching(/^ASG-\d{4}-000001$/),
      receiverStatus: 'REGISTERED',
    });
    // Sent again (a retry after a crash): registered once, the same number.
    expect(await connector.forward(request(facturae))).toEqual({
      status: 'delivered',
      registryNumber: first.registryNumber,
    });
  });

  it('maps the platform’s refusals to rejected with their codes', async () => {
    const wrong = await connector.forward(request(facturae, { ...account, password: 'nope' }));
    expect(wrong).toMatchObject({ status: 'rejected', error: { code: 'INVALID_CREDENTIALS' } });
    const notTheirs = await connector.forward(
      request(facturae, { ...account, taxId: 'A58818501' }),
    );
    expect(notTheirs).toMatchObject({ status: 'rejected', error: { code: 'TAX_ID_NOT_ALLOWED' } });
    expect(await connector.forward(request(ubl))).toMatchObject({
      status: 'rejected',
      error: { code: 'NOT_FACTURAE' },
    });
    // One figure changed after signing: the XAdES signature no longer holds.
    const text = new TextDecoder().decode(facturae);
    const tampered = text.replace(/<InvoiceTotal>([\d.]+)</, (_, v) => `<InvoiceTotal>${v}1<`);
    expect(tampered).not.toBe(text);
    expect(await connector.forward(request(new TextEncoder().encode(tampered)))).toMatchObject({
      status: 'rejected',
      error: { code: 'INVALID_SIGNATURE' },
    });
    expect(await connector.forward(request(facturae, null))).toMatchObject({
      status: 'rejected',
      error: { code: 'CREDENTIALS_REQUIRED' },
    });
    await control('/_fake/failures', {
      username: account.username,
      mode: 'refuse',
      code: 'POLICY_CLOSED',
      message: 'The claim is closed',
    });
    expect(await connector.forward(request(facturae))).toEqual({
      status: 'rejected',
      error: { code: 'POLICY_CLOSED', message: 'The claim is closed' },
    });
  });

  it('throws (failed) when the platform is down or answers outside its protocol', async () => {
    await control('/_fake/failures', { username: account.username, mode: 'unavailable' });
    const down = connector.forward(request(facturae));
    await expect(down).rejects.toBeInstanceOf(InsurerPlatformUnavailableError);
    await expect(down).rejects.toThrow(/503/);

    // A server that takes the invoice without a registry number is no answer either.
    const odd = createServer((req, res) => {
      req.resume();
      req.on('end', () =>
        res
          .writeHead(req.url === '/api/v1/sessions' ? 200 : 201, {
            'content-type': 'application/json',
          })
          .end(req.url === '/api/v1/sessions' ? '{"token":"t"}' : '{}'),
      );
    });
    await new Promise<void>((ok) => odd.listen(0, '127.0.0.1', ok));
    const oddUrl = `http://127.0.0.1:${(odd.address() as AddressInfo).port}`;
    await expect(
      new InsurerPlatformConnector({ url: oddUrl }).forward(request(facturae)),
    ).rejects.toThrow(/without a registry number/);
    await new Promise<void>((ok) => odd.close(() => ok()));

    // Nobody listens there any more: not reached, and the error names no credential.
    const gone = new InsurerPlatformConnector({ url: oddUrl });
    const error = await gone.forward(request(facturae)).catch((e: Error) => e);
    expect(error).toBeInstanceOf(InsurerPlatformUnavailableError);
    expect(String(error)).toMatch(/not reached/);
    expect(String(error)).not.toContain(PASSWORD);
  });
});
