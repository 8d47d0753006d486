import { describe, expect, it } from 'vitest';
import { testFormats } from '../../testing/formats.ts';
import type { ArtifactStore } from '../ports/artifacts.ts';
import {
  type AfterIssue,
  handOverIssued,
  processIssuedInvoices,
  storeDocuments,
} from './after-issue.ts';
import type { InvoiceRenderer } from './documents.ts';
import type { InvoiceRepository } from './invoice-repository.ts';
import type { Invoice } from './model.ts';

const invoice = (id: string, status: Invoice['status'] = 'issued') =>
  ({
    id,
    tenantId: 'ten_1',
    status,
    number: `F-${id}`,
    issuer: { address: { country: 'ES' } },
  }) as Invoice;

const repository = (stored: Invoice[]) =>
  ({
    get: async (tenantId: string, id: string) =>
      stored.find((i) => i.tenantId === tenantId && i.id === id),
  }) as unknown as InvoiceRepository;

describe('processIssuedInvoices', () => {
  it('hands every issued invoice to each subscriber in order, skipping what is not issued', async () => {
    const seen: string[] = [];
    const run = processIssuedInvoices({
      invoices: repository([invoice('a'), invoice('b'), invoice('d', 'draft')]),
      subscribers: [
        async (invoices) => void seen.push(`documents:${invoices.map((i) => i.id)}`),
        async (invoices) => void seen.push(`webhooks:${invoices.map((i) => i.id)}`),
      ],
    });
    expect(await run('ten_1', ['a', 'b', 'c', 'd'])).toEqual({
      processed: ['a', 'b'],
      skipped: ['c', 'd'],
    });
    expect(seen).toEqual(['documents:a,b', 'webhooks:a,b']);
  });

  it('runs the later subscribers when one fails, then fails as a whole so it is retried', async () => {
    const seen: string[] = [];
    const run = processIssuedInvoices({
      invoices: repository([invoice('a')]),
      subscribers: [
        async () => {
          throw new Error('S3 is down');
        },
        async () => void seen.push('webhooks'),
      ],
    });
    const failure = await run('ten_1', ['a']).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AggregateError);
    expect((failure as AggregateError).message).toBe('1 of 2 post-issue steps failed for a');
    expect((failure as AggregateError).errors.map((e: Error) => e.message)).toEqual(['S3 is down']);
    expect(seen).toEqual(['webhooks']);
  });

  it('calls no subscriber when nothing is left to do', async () => {
    let called = false;
    const run = processIssuedInvoices({
      invoices: repository([]),
      subscribers: [
        async () => {
          called = true;
        },
      ],
    });
    expect(await run('ten_1', ['gone'])).toEqual({ processed: [], skipped: ['gone'] });
    expect(called).toBe(false);
  });
});

describe('storeDocuments', () => {
  it('stores both documents once: a second run finds them and renders nothing', async () => {
    const objects = new Map<string, Uint8Array>();
    const artifacts: ArtifactStore = {
      put: async (key, bytes) => void objects.set(key, bytes),
      get: async (key) => objects.get(key),
    };
    const rendered: string[] = [];
    const renderer: InvoiceRenderer = {
      facturae: async (i) => {
        rendered.push(`xml:${i.id}`);
        return new TextEncoder().encode('<x/>');
      },
      pdf: async (i, { draft }) => {
        rendered.push(`pdf:${i.id}:${draft}`);
        return new TextEncoder().encode('%PDF');
      },
      cfdi: async () => {
        throw new Error('no CFDI in these tests');
      },
    };
    const store = storeDocuments({ artifacts, renderer, formats: testFormats });
    await store([invoice('a')]);
    await store([invoice('a')]);
    expect(rendered.sort()).toEqual(['pdf:a:false', 'xml:a']);
    expect([...objects.keys()].sort()).toEqual([
      'tenants/ten_1/invoices/a/F-a.pdf',
      'tenants/ten_1/invoices/a/F-a.xml',
    ]);
  });
});

describe('handOverIssued', () => {
  it('hands the ids over once per request, and logs instead of failing when it cannot', async () => {
    const handed: Array<[string, readonly string[]]> = [];
    const logged: Array<[string, Record<string, unknown>]> = [];
    const log = {
      error: (message: string, detail: Record<string, unknown>) =>
        void logged.push([message, detail]),
    };
    const ok: AfterIssue = { handOver: async (t, ids) => void handed.push([t, ids]) };
    await handOverIssued(ok, log)([invoice('a'), invoice('b')]);
    await handOverIssued(ok, log)([]);
    expect(handed).toEqual([['ten_1', ['a', 'b']]]);

    const down: AfterIssue = {
      handOver: async () => {
        throw new Error('throttled');
      },
    };
    await expect(handOverIssued(down, log)([invoice('c')])).resolves.toBeUndefined();
    expect(logged).toEqual([
      [
        'post-issue step not started; documents will be made on first read',
        { error: new Error('throttled'), invoiceIds: ['c'] },
      ],
    ]);
  });
});
