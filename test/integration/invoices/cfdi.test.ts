import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifactStore } from '@sello/app/documents';
import { formats } from '@sello/app/formats';
import { repositories } from '@sello/app/platform';
import { cfdiKey } from '@sello/core/invoices';
import { cadenaOriginal, readCfdi } from '@sello/formats/cfdi';
import { sandboxPacIdentity } from '@sello/local/pac';
import { beforeAll, describe, expect, it } from 'vitest';
import { satCadena, scratch, validateCfdi } from '../../conformance/cfdi/support.ts';
import { startApi } from '../../support/api.ts';
import { aMexicanCustomer, MX_LINE, mexicanIssuer } from '../../support/mexico.ts';

/**
 * A Mexican tenant issues through the API: the invoice is numbered, sealed with its CSD (imported
 * into KMS) and stamped by the sandbox PAC in the same request. Independent tools judge the result.
 */
const api = await startApi();
const files = scratch();
let tenant: { key: string; tenantId: string };
let customerId: string;

beforeAll(async () => {
  ({ tenant, customerId } = await mexicanIssuer(api));
});

async function issue(body: Record<string, unknown> = {}) {
  const draft = await api.call('POST', '/v1/invoices', {
    key: tenant.key,
    body: { customerId, lines: [MX_LINE], cfdiUse: 'G03', ...body },
  });
  expect(draft.status, draft.text).toBe(201);
  return api.call('POST', `/v1/invoices/${draft.json.id}/issue`, { key: tenant.key });
}

/** openssl's word on a base64 signature over `text` with the public key of a DER certificate. */
function opensslVerifies(text: string, signature: string, certificateDer: Uint8Array): boolean {
  const dir = files.dir;
  const pem = new X509Certificate(certificateDer).publicKey.export({ type: 'spki', format: 'pem' });
  writeFileSync(join(dir, 'key.pem'), pem);
  writeFileSync(join(dir, 'data.txt'), text, 'utf8');
  writeFileSync(join(dir, 'sig.bin'), Buffer.from(signature, 'base64'));
  const out = execFileSync(
    'openssl',
    [
      'dgst',
      '-sha256',
      '-verify',
      join(dir, 'key.pem'),
      '-signature',
      join(dir, 'sig.bin'),
      join(dir, 'data.txt'),
    ],
    { encoding: 'utf8' },
  );
  return out.trim() === 'Verified OK';
}

describe('a CFDI issued through the API', () => {
  it('is stamped in the issuing request, and its XML passes SAT’s schema, cadena and both seals', async () => {
    const res = await issue();
    expect(res.status, res.text).toBe(200);
    const invoice = res.json;
    expect(invoice.cfdi.status).toBe('stamped');
    expect(invoice.cfdi.uuid).toMatch(/^[0-9A-F-]{36}$/);
    expect(invoice.totals).toMatchObject({ net: '1000.00', tax: '160.00', total: '1160.00' });

    const stored = await repositories().invoices.get(tenant.tenantId, invoice.id);
    const document = await api.call('GET', `/v1/invoices/${invoice.id}/documents/cfdi`, {
      key: tenant.key,
    });
    expect(document.status, document.text).toBe(200);
    expect(document.headers.get('content-type')).toContain('application/xml');
    const xml = document.text;
    // What the route serves is what stamping stored.
    expect(new TextDecoder().decode(await artifactStore().get(cfdiKey(formats, stored!)))).toBe(
      xml,
    );
    const file = files.file(xml);
    expect(validateCfdi(file).output).toContain('validates');

    const cfdi = readCfdi(xml);
    const cadena = satCadena(file);
    expect(cadenaOriginal(cfdi)).toBe(cadena);
    expect(cfdi.emisor).toMatchObject({ rfc: 'EKU9003173C9', regimenFiscal: '601' });
    expect(cfdi.receptor).toMatchObject({ rfc: 'MCI7306249Y6', usoCFDI: 'G03' });
    expect(cfdi.total).toBe('1160.00');
    expect(`${cfdi.serie ?? ''}${cfdi.folio}`).toContain(String(stored!.sequence));
    // The issuer's seal, with the certificate the CFDI carries.
    const certificate = Buffer.from(cfdi.certificado!, 'base64');
    expect(opensslVerifies(cadena, cfdi.sello!, certificate)).toBe(true);
    // The PAC's seal over the stamp's cadena, with the sandbox PAC's certificate.
    const element = /<tfd:TimbreFiscalDigital[^>]*\/>/
      .exec(xml)![0]
      .replace('xmlns:tfd=', 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:tfd=');
    const stampCadena = satCadena(files.file(element), true);
    const pacCertificate = sandboxPacIdentity().certificate.raw;
    expect(opensslVerifies(stampCadena, cfdi.timbre!.selloSAT, pacCertificate)).toBe(true);
    expect(cfdi.timbre!.uuid).toBe(invoice.cfdi.uuid);
  });

  it('has its printed representation as PDF, and no Facturae, UBL nor CII', async () => {
    const invoice = (await issue()).json;
    await api.settled();
    const pdf = await fetch(`${api.base}/v1/invoices/${invoice.id}/documents/pdf`, {
      headers: { authorization: `Bearer ${tenant.key}` },
    });
    expect(pdf.status).toBe(200);
    const path = join(files.dir, `${invoice.id}.pdf`);
    writeFileSync(path, Buffer.from(await pdf.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
    expect(text).toContain(invoice.cfdi.uuid);
    expect(text).toContain('Este documento es una representación impresa de un CFDI.');
    expect(text).toContain('601 - General de Ley Personas');
    expect(text).toContain('RFC EKU9003173C9');
    expect(text).toContain('RFC MCI7306249Y6');
    for (const format of ['facturae', 'ubl', 'cii', 'verifactu']) {
      const res = await api.call('GET', `/v1/invoices/${invoice.id}/documents/${format}`, {
        key: tenant.key,
      });
      expect(res.status, `${format}: ${res.text}`).toBe(409);
    }
  });

  it('is stamped once: stamping it again answers the same fiscal folio', async () => {
    const issued = (await issue()).json;
    const again = await api.call('POST', `/v1/invoices/${issued.id}/stamp`, { key: tenant.key });
    expect(again.status, again.text).toBe(200);
    expect(again.json.cfdi.uuid).toBe(issued.cfdi.uuid);
    expect(again.json.number).toBe(issued.number);
  });

  it('refuses to number a CFDI the tenant cannot seal or the buyer lacks data for, writing nothing', async () => {
    const noRegime = await api.call('POST', '/v1/customers', {
      key: tenant.key,
      body: aMexicanCustomer({ taxRegime: undefined }),
    });
    const draft = await api.call('POST', '/v1/invoices', {
      key: tenant.key,
      body: { customerId: noRegime.json.id, lines: [MX_LINE], cfdiUse: 'G03' },
    });
    const res = await api.call('POST', `/v1/invoices/${draft.json.id}/issue`, { key: tenant.key });
    expect(res.status, res.text).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const after = await api.call('GET', `/v1/invoices/${draft.json.id}`, { key: tenant.key });
    expect(after.json.status).toBe('draft');
    expect(after.json.number).toBeUndefined();
  });
});
