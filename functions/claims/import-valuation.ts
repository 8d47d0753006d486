import { importValuation } from '@sello/app/claims';
import { httpHandler } from '@sello/app/http';
import { routes, type ValuationCsvQueryValues, ValuationInput } from '@sello/contracts';
import { type ValuationInput as Input, readValuationCsv, valuationView } from '@sello/core/claims';
import { ValidationError } from '@sello/core/errors';
import { created, HttpError, MAX_BODY_BYTES, ok, parseWith, readJsonBody } from '@sello/http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

const run = importValuation();

/** The CSV's text; version, franchise and tax rate come beside it, as query parameters. */
function fromCsv(event: APIGatewayProxyEventV2, query: ValuationCsvQueryValues): Input {
  const text = event.body
    ? event.isBase64Encoded
      ? Buffer.from(event.body, 'base64').toString('utf8')
      : event.body
    : '';
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new HttpError('payload-too-large', `The body exceeds ${MAX_BODY_BYTES} bytes`);
  }
  if (text.trim() === '') {
    throw new ValidationError('Send the CSV rows', [{ path: 'body', message: 'Required' }]);
  }
  const { version, franchise, taxRate } = query;
  const missing = Object.entries({ version, franchise, taxRate })
    .filter(([, v]) => v === undefined)
    .map(([name]) => ({ path: `query.${name}`, message: 'Required with a CSV valuation' }));
  if (version === undefined || franchise === undefined || taxRate === undefined) {
    throw new ValidationError('A CSV valuation names its version, franchise and tax rate', missing);
  }
  const input = readValuationCsv(text, {
    ...query,
    version,
    franchise,
    taxRate,
  });
  // The rows' kinds, amounts and categories are checked by the schema JSON is checked by.
  return parseWith(ValuationInput, input, '');
}

/** JSON `ValuationInput`, or CSV rows (text/csv) read into one. */
export const handler = httpHandler(
  routes.importValuation,
  async ({ principal, params, query, event }) => {
    const type = (event.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    let input: Input;
    let source: 'json' | 'csv';
    if (type === 'text/csv') {
      input = fromCsv(event, query);
      source = 'csv';
    } else if (type === 'application/json' || type.endsWith('+json')) {
      input = parseWith(ValuationInput, readJsonBody(event).value, '');
      source = 'json';
    } else {
      throw new HttpError(
        'unsupported-media-type',
        `Send the valuation as application/json or text/csv (got ${type || 'no content-type'})`,
        [{ path: 'content-type', message: 'Must be application/json or text/csv' }],
      );
    }
    const { valuation, created: isNew } = await run(principal.tenantId, params.id, input, source);
    const view = valuationView(valuation);
    return isNew
      ? created(view, `/v1/claims/${params.id}/valuations/${valuation.version}`)
      : ok(view);
  },
);
