import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, repositories, tableName } from '@sello/app/platform';
import { keys } from '@sello/aws';
import { regFactuSistemaFacturacionXml } from '@sello/formats/verifactu';
import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { acceptanceLines } from '../../support/invoices.ts';

const api = await startApi();
const schema = join(import.meta.dirname, '../../fixtures/schemas/verifactu/SuministroLR.xsd');
let key: string;
let tenantId: string;
let customerId: string;

beforeAll(async () => {
  ({ key, tenantId } = await createTenant());
  customerId = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
});

const issue = async () => {
  const draft = (
    await api.call('POST', '/v1/invoices', { key, body: { customerId, lines: acceptanceLines } })
  ).json;
  return (await api.call('POST', `/v1/invoices/${draft.id}/issue`, { key })).json;
};

/** The huella recomputed here from the record's own strings, independently of the platform. */
const independentHuella = (r: Record<string, string>) => {
  const input = r.IDEmisorFactura
    ? `IDEmisorFactura=${r.IDEmisorFactura}&NumSerieFactura=${r.NumSerieFactura}&FechaExpedicionFactura=${r.FechaExpedicionFactura}&TipoFactura=${r.TipoFactura}&CuotaTotal=${r.CuotaTotal}&ImporteTotal=${r.ImporteTotal}&Huella=${r.previousHuella}&FechaHoraHusoGenRegistro=${r.FechaHoraHusoGenRegistro}`
    : `IDEmisorFacturaAnulada=${r.IDEmisorFacturaAnulada}&NumSerieFacturaAnulada=${r.NumSerieFacturaAnulada}&FechaExpedicionFacturaAnulada=${r.FechaExpedicionFacturaAnulada}&Huella=${r.previousHuella}&FechaHoraHusoGenRegistro=${r.FechaHoraHusoGenRegistro}`;
  return createHash('sha256').update(input, 'utf8').digest('hex').toUpperCase();
};

const allRecords = async () => {
  const items: Array<{
    seq: number;
    kind: string;
    invoiceId: string;
    record: Record<string, string>;
  }> = [];
  let cursor: string | undefined;
  do {
    const page = await api.call(
      'GET',
      `/v1/verifactu/records?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      { key },
    );
    items.push(...page.json.items);
    cursor = page.json.nextCursor;
  } while (cursor);
  return items;
};

describe('VERI*FACTU records', () => {
  it('issuing creates a registro de alta whose huella recomputes from its own fields', async () => {
    const invoice = await issue();
    const res = await api.call('GET', `/v1/invoices/${invoice.id}/verifactu`, { key });
    expect(res.status).toBe(200);
    const { record, qrUrl, xml } = res.json;
    const [y, m, d] = invoice.issueDate.split('-');
    expect(record).toMatchObject({
      IDEmisorFactura: 'B12345674',
      NumSerieFactura: invoice.number,
      FechaExpedicionFactura: `${d}-${m}-${y}`,
      TipoFactura: 'F1',
      CuotaTotal: '75.34',
      previousHuella: '',
    });
    expect(record.Huella).toBe(independentHuella(record));
    expect(record.FechaHoraHusoGenRegistro).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/,
    );
    expect(xml).toContain(`<sum1:Huella>${record.Huella}</sum1:Huella>`);
    const url = new URL(qrUrl);
    expect(url.origin + url.pathname).toBe('https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      nif: 'B12345674',
      numserie: invoice.number,
      fecha: `${d}-${m}-${y}`,
      importe: record.ImporteTotal,
    });
  });

  it('prints the AEAT QR on the PDF and carries its URL inside the Facturae', async () => {
    const invoice = await issue();
    const { qrUrl } = (await api.call('GET', `/v1/invoices/${invoice.id}/verifactu`, { key })).json;
    const dir = mkdtempSync(join(tmpdir(), 'sello-qr-'));
    const get = async (format: string) =>
      Buffer.from(
        await (
          await fetch(`${api.base}/v1/invoices/${invoice.id}/documents/${format}`, {
            headers: { authorization: `Bearer ${key}` },
          })
        ).arrayBuffer(),
      );
    writeFileSync(join(dir, 'invoice.pdf'), await get('pdf'));
    spawnSync('pdftoppm', [
      '-r',
      '150',
      '-png',
      '-f',
      '1',
      '-l',
      '1',
      join(dir, 'invoice.pdf'),
      join(dir, 'page'),
    ]);
    const decoded = spawnSync('zbarimg', ['--raw', '-q', join(dir, 'page-1.png')], {
      encoding: 'utf8',
    });
    expect(decoded.stdout.trim()).toBe(qrUrl);
    const text = spawnSync('pdftotext', [join(dir, 'invoice.pdf'), '-'], {
      encoding: 'utf8',
    }).stdout;
    expect(text).toContain('QR tributario:');
    expect(text).toContain('VERI*FACTU');
    const xml = (await get('facturae')).toString('utf8');
    expect(xml).toContain(qrUrl.replaceAll('&', '&amp;'));
  });

  it('20 concurrent issues then 2 voids leave one linear chain that verifies; an edit is named', async () => {
    const issued = await Promise.all(Array.from({ length: 20 }, () => issue()));
    for (const inv of issued.slice(0, 2)) {
      const res = await api.call('POST', `/v1/invoices/${inv.id}/void`, {
        key,
        body: { reason: 'Duplicada por error' },
      });
      expect(res.status).toBe(200);
      expect(res.json.status).toBe('void');
    }
    const records = await allRecords();
    expect(records).toHaveLength(24); // the first two tests' records + 20 altas + 2 anulaciones
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(records.filter((r) => r.kind === 'anulacion')).toHaveLength(2);
    for (const [i, r] of records.entries()) {
      expect(r.record.Huella, `record ${r.seq}`).toBe(independentHuella(r.record));
      expect(r.record.previousHuella).toBe(i === 0 ? '' : records[i - 1]!.record.Huella);
    }
    expect((await api.call('POST', '/v1/verifactu/verify', { key })).json).toEqual({
      valid: true,
      checked: 24,
    });

    // The records, as AEAT would receive them, validate against the official schema.
    const stored = (await repositories().verifactu.list(tenantId, { limit: 100 })).items;
    const request = regFactuSistemaFacturacionXml({
      obligado: { NombreRazon: 'Tenant', NIF: 'B12345674' },
      records: stored.map((s) => s.record),
    });
    const dir = mkdtempSync(join(tmpdir(), 'sello-vf-'));
    writeFileSync(join(dir, 'request.xml'), request);
    const xsd = spawnSync(
      'xmllint',
      ['--noout', '--nonet', '--schema', schema, join(dir, 'request.xml')],
      {
        encoding: 'utf8',
      },
    );
    expect(xsd.status, xsd.stderr).toBe(0);

    // Tampering with a stored amount breaks the chain at that record.
    const victim = stored[9]!;
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.chainRecord(tenantId, victim.seq),
        UpdateExpression: 'SET #r.ImporteTotal = :v',
        ExpressionAttributeNames: { '#r': 'record' },
        ExpressionAttributeValues: { ':v': '1.00' },
      }),
    );
    const verdict = (await api.call('POST', '/v1/verifactu/verify', { key })).json;
    expect(verdict).toMatchObject({
      valid: false,
      checked: 24,
      firstBroken: { seq: victim.seq, invoiceId: victim.invoiceId },
    });
  });

  it('voiding needs an issued invoice and a reason', async () => {
    const draft = (
      await api.call('POST', '/v1/invoices', { key, body: { customerId, lines: acceptanceLines } })
    ).json;
    expect(
      (await api.call('POST', `/v1/invoices/${draft.id}/void`, { key, body: { reason: 'x' } }))
        .status,
    ).toBe(409);
    const noReason = await api.call('POST', `/v1/invoices/${draft.id}/void`, { key, body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.json.errors[0].path).toBe('reason');
  });
});
