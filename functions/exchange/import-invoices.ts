import { importInvoices } from '@sello/app/exchange';
import { httpHandler } from '@sello/app/http';
import { ImportBatchInput, routes } from '@sello/contracts';
import { ValidationError } from '@sello/core/errors';
import type { ImportOutcome } from '@sello/core/exchange';
import { invoiceView } from '@sello/core/invoices';
import { created, HttpError, logger, ok, parseWith, toProblem } from '@sello/http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

const importAll = importInvoices();

const XML_TYPES = /^(application|text)\/([\w.-]+\+)?xml$/;

/** The encoding an XML declaration names, lower case; UTF-8 when it names none. */
const declaredEncoding = (text: string) =>
  (
    /^\uFEFF?\s*<\?xml[^>]*\sencoding\s*=\s*["']([^"']+)["']/.exec(text)?.[1] ?? 'utf-8'
  ).toLowerCase();

/** A document of the request, or why it cannot be read as sent (an error of that item alone). */
type Incoming = { filename?: string } & ({ bytes: Uint8Array } | { error: ValidationError });

/**
 * A batch item's `xml`: base64 of the document's bytes, or the document as text when it starts
 * like XML. Text becomes UTF-8 bytes, so a text item that declares another encoding could not be
 * kept byte for byte: it is refused, asking for base64.
 */
function batchItem(xml: string, index: number): Incoming {
  if (!/^\uFEFF?\s*</.test(xml)) return { bytes: Buffer.from(xml, 'base64') };
  const encoding = declaredEncoding(xml);
  if (encoding === 'utf-8' || encoding === 'utf8') return { bytes: Buffer.from(xml, 'utf8') };
  const message = `The document declares ${encoding}: send it as base64 of its bytes`;
  return { error: new ValidationError(message, [{ path: `items.${index}.xml`, message }]) };
}

/**
 * The documents of the request: the body itself for an XML (or octet-stream) body, each item of
 * a JSON batch otherwise. Bytes are passed on exactly as they came: they are the original.
 */
function readImport(event: APIGatewayProxyEventV2): { batch: boolean; items: Incoming[] } {
  const type = (event.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const body = event.body
    ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8')
    : Buffer.alloc(0);
  if (!body.length) {
    throw new ValidationError('Send the XML document, or a JSON batch of them', [
      { path: 'body', message: 'Required' },
    ]);
  }
  if (type === 'application/json' || type.endsWith('+json')) {
    let value: unknown;
    try {
      value = JSON.parse(body.toString('utf8'));
    } catch (e) {
      throw new HttpError('malformed-json', `The body is not valid JSON: ${(e as Error).message}`, [
        { path: 'body', message: 'Malformed JSON' },
      ]);
    }
    const { items } = parseWith(ImportBatchInput, value, '');
    return {
      batch: true,
      items: items.map((i, index) => ({
        ...(i.filename ? { filename: i.filename } : {}),
        ...batchItem(i.xml, index),
      })),
    };
  }
  if (XML_TYPES.test(type) || type === 'application/octet-stream') {
    // A text body reaches us decoded as UTF-8: bytes that were not UTF-8 are lost by then.
    if (!event.isBase64Encoded && event.body?.includes('\uFFFD')) {
      const message = 'Send a document that is not UTF-8 as application/octet-stream';
      throw new ValidationError(message, [{ path: 'content-type', message }]);
    }
    const filename = /filename="?([^";]+)"?/i.exec(event.headers['content-disposition'] ?? '')?.[1];
    return { batch: false, items: [{ ...(filename ? { filename } : {}), bytes: body }] };
  }
  throw new HttpError(
    'unsupported-media-type',
    `Send an XML document (application/xml) or a JSON batch (got ${type || 'no content-type'})`,
    [
      {
        path: 'content-type',
        message: 'Must be application/xml, application/octet-stream or application/json',
      },
    ],
  );
}

export const handler = httpHandler(
  routes.importInvoices,
  async ({ principal, event, correlationId }) => {
    const { batch, items } = readImport(event);
    const readable = items.flatMap((i) => ('bytes' in i ? [i] : []));
    const done = await importAll(principal.tenantId, readable);
    let next = 0;
    const outcomes: ImportOutcome[] = items.map((i) =>
      'bytes' in i ? done[next++]! : { ok: false, error: i.error },
    );
    if (!batch) {
      const [outcome] = outcomes;
      if (outcome?.ok) {
        return created(invoiceView(outcome.invoice), `/v1/invoices/${outcome.invoice.id}`);
      }
      throw outcome?.error;
    }
    const results = outcomes.map((outcome, index) => {
      const filename = items[index]?.filename;
      if (outcome.ok) {
        return {
          index,
          ...(filename ? { filename } : {}),
          status: 201,
          invoice: invoiceView(outcome.invoice),
        };
      }
      const problem = toProblem(outcome.error, event.rawPath, correlationId);
      if (problem.status >= 500) {
        logger.error('import item failed', { index, error: outcome.error as Error });
      }
      return {
        index,
        ...(filename ? { filename } : {}),
        status: problem.status,
        problem: problem.body,
      };
    });
    const imported = results.filter((i) => i.status === 201).length;
    return ok({ imported, failed: results.length - imported, items: results });
  },
);
