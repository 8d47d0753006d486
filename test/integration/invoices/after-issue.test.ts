import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { s3Client, useInvoker } from '@sello/app/platform';
import { ENV, routeList } from '@sello/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { installLocalInvoker } from '../../../packages/local/src/invoker.ts';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { acceptanceLines } from '../../support/invoices.ts';

const api = await startApi();
let key: string;
let tenantId: string;
let customerId: string;

beforeAll(async () => {
  ({ key, tenantId } = await createTenant('Talleres Núñez, S.L.'));
  customerId = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
});

const issue = async () => {
  const draft = (
    await api.call('POST', '/v1/invoices', { key, body: { customerId, lines: acceptanceLines } })
  ).json;
  const res = await api.call('POST', `/v1/invoices/${draft.id}/issue`, { key });
  expect(res.status).toBe(200);
  return res.json;
};

/** The document files stored for an invoice, straight from the bucket. */
const stored = async (invoiceId: string) => {
  const out = await s3Client().send(
    new ListObjectsV2Command({
      Bucket: process.env[ENV.artifactBucket],
      Prefix: `tenants/${tenantId}/invoices/${invoiceId}/`,
    }),
  );
  return (out.Contents ?? []).map((o) => o.Key!.split('/').at(-1)).sort();
};

/** Counts S3 PutObject calls of this process until `stop()`. */
const countPuts = () => {
  let puts = 0;
  const stack = s3Client().middlewareStack;
  stack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'PutObjectCommand') puts++;
      return next(args);
    },
    { step: 'initialize', name: 'countPuts' },
  );
  return {
    stop: () => {
      stack.remove('countPuts');
      return puts;
    },
  };
};

const download = async (id: string, format: string) => {
  const res = await fetch(`${api.base}/v1/invoices/${id}/documents/${format}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
};

describe('after an invoice is numbered', () => {
  it('answers at once; processIssuedInvoices then stores the signed Facturae and the PDF', async () => {
    api.invoker.hold();
    const invoice = await issue();
    // The answer is out and the post-issue step has not run: nothing is stored yet.
    expect(await stored(invoice.id)).toEqual([]);
    const puts = countPuts();
    api.invoker.release();
    expect(await api.settled()).toEqual([]);
    expect(puts.stop()).toBe(2);
    expect(await stored(invoice.id)).toEqual([`${invoice.number}.pdf`, `${invoice.number}.xml`]);
    const xml = await download(invoice.id, 'facturae');
    expect(xml.status).toBe(200);
    expect(xml.bytes.toString('utf8')).toContain(
      `<InvoiceNumber>${invoice.number}</InvoiceNumber>`,
    );
  });

  it('serves a document read before the step ran, and the step then leaves it as it is', async () => {
    api.invoker.hold();
    const invoice = await issue();
    const early = {
      xml: await download(invoice.id, 'facturae'),
      pdf: await download(invoice.id, 'pdf'),
    };
    expect(early.xml.status).toBe(200);
    expect(early.xml.bytes.toString('utf8')).toContain('<InvoiceTotal>409.34</InvoiceTotal>');
    expect(early.pdf.status).toBe(200);
    expect(early.pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // The reads regenerated and stored both.
    expect(await stored(invoice.id)).toEqual([`${invoice.number}.pdf`, `${invoice.number}.xml`]);
    const puts = countPuts();
    api.invoker.release();
    expect(await api.settled()).toEqual([]);
    // Found stored, not made again: no second object version under Object Lock.
    expect(puts.stop()).toBe(0);
    expect((await download(invoice.id, 'facturae')).bytes.equals(early.xml.bytes)).toBe(true);
    expect((await download(invoice.id, 'pdf')).bytes.equals(early.pdf.bytes)).toBe(true);
  });

  it('hands over what rectify, cancel and split number', async () => {
    const rectified = await issue();
    const rectify = await api.call('POST', `/v1/invoices/${rectified.id}/rectify`, {
      key,
      body: {
        reasonCode: '83',
        method: 'differences',
        lines: [
          {
            description: 'Descuento',
            quantity: '-1',
            unitPrice: '25.00',
            taxes: [{ type: 'IVA', rate: '4' }],
          },
        ],
      },
    });
    const cancelled = await issue();
    const cancel = await api.call('POST', `/v1/invoices/${cancelled.id}/cancel`, { key, body: {} });
    const split = await issue();
    const [first, second, third] = acceptanceLines;
    const parts = await api.call('POST', `/v1/invoices/${split.id}/split`, {
      key,
      body: { parts: [{ lines: [first] }, { lines: [second, third] }] },
    });
    expect([rectify.status, cancel.status, parts.status]).toEqual([200, 200, 200]);
    expect(await api.settled()).toEqual([]);
    const numbered = [
      rectify.json.corrective,
      cancel.json.corrective,
      parts.json.corrective,
      ...parts.json.replacements,
    ];
    expect(numbered).toHaveLength(5);
    for (const invoice of numbered) {
      expect(await stored(invoice.id), invoice.number).toEqual([
        `${invoice.number}.pdf`,
        `${invoice.number}.xml`,
      ]);
    }
  });

  it('reports a failed background run to whoever waits for it', async () => {
    await api.invoker.handOver('processIssuedInvoices', { tenantId, invoiceIds: [] });
    const failures = await api.settled();
    expect(failures.map((f) => [f.id, (f.error as Error).message])).toEqual([
      ['processIssuedInvoices', 'Invalid processIssuedInvoices event'],
    ]);
  });

  it('hands over only to what the route declares in `invokes`', async () => {
    // The route table with issueInvoice no longer declaring processIssuedInvoices.
    const undeclared = routeList.map((r) => (r.id === 'issueInvoice' ? { ...r, invokes: [] } : r));
    const strict = installLocalInvoker({ log: () => {}, routes: undeclared });
    try {
      const invoice = await issue();
      expect(await strict.settled()).toEqual([]);
      expect(await stored(invoice.id)).toEqual([]);
      // The answer was not spoiled, and the first read still makes the document.
      expect((await download(invoice.id, 'facturae')).status).toBe(200);
    } finally {
      useInvoker(api.invoker);
    }
  });
});
