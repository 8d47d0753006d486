import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '@sello/app/platform';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../../packages/local/src/apigw.ts';
import { loadHandler } from '../../../packages/local/src/handlers.ts';
import { createTenant, startApi } from '../../support/api.ts';

const root = join(import.meta.dirname, '../../..');
const fixture = (path: string) => readFileSync(join(root, 'test/fixtures', path), 'utf8');
const api = await startApi();
let key: string;

const validate = (body: string, headers: Record<string, string> = {}, auth = true) =>
  api.call('POST', '/v1/documents/validate', {
    ...(auth ? { key } : {}),
    raw: body,
    headers: { 'content-type': 'application/xml', ...headers },
  });

/** Every item in this file's table: what a call stored, if anything. */
const items = async () =>
  (await documentClient().send(new ScanCommand({ TableName: tableName() }))).Items ?? [];

const expectProblem = (
  res: { status: number; headers: Headers; json: { errors?: { path: string }[] } },
  status: number,
  path: string,
) => {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.json.errors?.map((e) => e.path)).toEqual([path]);
};

beforeAll(async () => {
  ({ key } = await createTenant());
});

describe('POST /v1/documents/validate', () => {
  it('reads a valid UBL invoice and stores nothing', async () => {
    const before = await items();
    const res = await validate(fixture('samples/ubl/peppol-base-example.xml'));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      format: 'ubl',
      version: '2.1',
      valid: true,
      errors: [],
      invoice: {
        kind: 'invoice',
        number: 'Snippet1',
        currency: 'EUR',
        totals: {
          lineNet: '1300',
          net: '1325',
          tax: '331.25',
          total: '1656.25',
          payable: '1656.25',
        },
      },
    });
    expect(res.json.signature).toBeUndefined();
    expect(await items()).toEqual(before);
  });

  it('reads a CII invoice sent as text/xml with a charset', async () => {
    const res = await validate(fixture('samples/cii/en16931-CII_example9.xml'), {
      'content-type': 'text/xml; charset=utf-8',
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ format: 'cii', valid: true, invoice: { number: '20150483' } });
  });

  it('verifies a signed Facturae and names its signer', async () => {
    const res = await validate(fixture('golden/facturae/design-acceptance.xsig'));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      format: 'facturae',
      version: '3.2.2',
      valid: true,
      signature: {
        valid: true,
        signer: { serialNumber: '51869083057159285372524356148959742336' },
        signingTime: '2026-03-16T09:30:00.000Z',
      },
      invoice: { totals: { withheld: '45.00', total: '409.34' } },
    });
  });

  it('answers 200 valid:false with the broken rules for inconsistent totals or a tampered signature', async () => {
    const xml = fixture('samples/ubl/peppol-base-example.xml').replace(
      '<cbc:TaxInclusiveAmount currencyID="EUR">1656.25<',
      '<cbc:TaxInclusiveAmount currencyID="EUR">1700.00<',
    );
    const res = await validate(xml);
    expect(res.status).toBe(200);
    expect(res.json.valid).toBe(false);
    expect(res.json.errors.map((e: { rule: string }) => e.rule)).toEqual(['BR-CO-15', 'BR-CO-16']);

    const tampered = fixture('golden/facturae/design-acceptance.xsig').replace(
      'Cartuchos de tóner',
      'Cartuchos de tinta',
    );
    const signed = await validate(tampered);
    expect(signed.status).toBe(200);
    expect(signed.json.valid).toBe(false);
    expect(signed.json.signature.valid).toBe(false);
  });

  it('says an unsigned Facturae is not valid, naming the missing signature; UBL and CII need none', async () => {
    const signed = fixture('golden/facturae/design-acceptance.xsig');
    const start = signed.indexOf('<ds:Signature');
    const end = signed.indexOf('</ds:Signature>') + '</ds:Signature>'.length;
    expect(start).toBeGreaterThan(0);
    const stripped = signed.slice(0, start) + signed.slice(end);
    const res = await validate(stripped);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ format: 'facturae', valid: false });
    expect(res.json.errors).toEqual([
      expect.objectContaining({ severity: 'error', rule: 'SIGNATURE-MISSING' }),
    ]);
    expect(res.json.errors[0].message).toMatch(/not signed/);

    for (const unsignedFormat of [
      'samples/ubl/peppol-base-example.xml',
      'samples/cii/en16931-CII_example9.xml',
    ]) {
      const other = await validate(fixture(unsignedFormat));
      expect(other.json.valid, unsignedFormat).toBe(true);
    }
  });

  it('refuses hostile and unreadable bodies with a 4xx naming the body, storing nothing', async () => {
    const before = await items();
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&x;</Invoice>';
    const hostile = await validate(xxe);
    expectProblem(hostile, 400, 'body');
    expect(hostile.json.type).toBe('urn:sello:problem:validation-error');
    expect(hostile.json.detail).toMatch(/DOCTYPE/);
    expect(hostile.text).not.toContain('root:');

    expectProblem(await validate('not xml at all'), 400, 'body');
    expectProblem(await validate(''), 400, 'body');
    const unknown = await validate('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>');
    expectProblem(unknown, 400, 'body');
    expect(unknown.json.detail).toMatch(
      /not a Facturae 3\.2\.x, UBL 2\.1 Invoice or CreditNote, or CII/,
    );

    const big = await validate(`<Invoice>${' '.repeat(10_000_000)}</Invoice>`);
    expectProblem(big, 413, 'body');
    expect(big.json.type).toBe('urn:sello:problem:payload-too-large');

    const json = await validate('{"xml": "<Invoice/>"}', { 'content-type': 'application/json' });
    expectProblem(json, 415, 'content-type');
    expect(await items()).toEqual(before);
  });

  it('needs an API key', async () => {
    const res = await validate(fixture('samples/ubl/peppol-base-example.xml'), {}, false);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="sello"');
  });

  it('reads a base64-encoded body in its declared encoding (ISO-8859-1)', async () => {
    const event = JSON.parse(
      readFileSync(join(root, 'events/http/validate-document.json'), 'utf8'),
    );
    event.headers.authorization = `Bearer ${key}`;
    const latin1 = (event.body as string)
      .replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
      .replace('Cajas de archivo', 'Cajas de cartón');
    event.body = Buffer.from(latin1, 'latin1').toString('base64');
    event.isBase64Encoded = true;
    const handler = await loadHandler('functions/documents/validate-document.ts');
    const res = (await handler(event, lambdaContext('validateDocument', 15))) as {
      statusCode: number;
      body: string;
    };
    expect(res.statusCode).toBe(200);
    const body = JSON.parse(res.body);
    expect(body.valid).toBe(true);
    expect(body.invoice.lines[0].description).toBe('Cajas de cartón');
    expect(body.invoice.seller.name).toBe('Distribuciones Mediterráneo S.A.');
  });
});
