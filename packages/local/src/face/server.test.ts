import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaceConnector } from '@sello/aws/connectors';
import type { Invoice } from '@sello/core/invoices';
import { buildFacturae } from '@sello/formats';
import { sampleInvoice } from '@sello/formats/testing';
import { signFacturae } from '@sello/signing';
import { testIdentity } from '@sello/signing/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { startFaceFake } from './server.ts';

const dir = mkdtempSync(join(tmpdir(), 'sello-face-fake-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const invoice: Invoice = sampleInvoice({
  customer: {
    ...sampleInvoice().customer,
    dir3: {
      accountingOffice: { code: 'E04921501' },
      managementBody: { code: 'E04921501' },
      processingUnit: { code: 'GE0000123' },
    },
  },
});

async function forward(url: string) {
  const id = await testIdentity();
  const xml = await signFacturae(buildFacturae(invoice), {
    ...id,
    algorithm: 'RSASSA_PKCS1_V1_5_SHA_256',
    signingTime: new Date(),
  });
  const face = new FaceConnector({
    endpoint: url,
    signer: id.signer,
    identityOf: async () => ({ ...id, algorithm: 'RSASSA_PKCS1_V1_5_SHA_256' }),
  });
  const result = await face.forward({
    invoice,
    document: {
      format: 'facturae',
      mediaType: 'application/xml',
      fileName: 'factura.xsig',
      body: new TextEncoder().encode(xml),
    },
  });
  return { face, result };
}

describe('the FACe fake', () => {
  it('serves its WSDL with its own address', async () => {
    const fake = await startFaceFake();
    try {
      const wsdl = await (await fetch(`${fake.url}?wsdl`)).text();
      expect(wsdl).toContain('targetNamespace="https://webservice.face.gob.es"');
      expect(wsdl).toContain(`location="${fake.url}"`);
    } finally {
      await fake.stop();
    }
  });

  it('keeps what it registered across a restart: the status answers, a repeat is 415', async () => {
    const journalPath = join(dir, 'face', 'registered.jsonl');
    const first = await startFaceFake({ journalPath });
    const { result } = await forward(first.url);
    await first.stop();
    expect(result).toMatchObject({ status: 'delivered' });
    expect(result.registryNumber).toMatch(/^\d{4}00000001$/);

    const second = await startFaceFake({ journalPath });
    try {
      const { face, result: again } = await forward(second.url);
      expect(again).toMatchObject({ status: 'rejected', error: { code: '415' } });
      const status = await face.status(invoice.tenantId, result.registryNumber!);
      expect(status.processing.codigo).toBe('1200');
      expect(second.invoices.get(result.registryNumber!)).toMatchObject({
        oficinaContable: 'E04921501',
        organoGestor: 'E04921501',
        unidadTramitadora: 'GE0000123',
      });
    } finally {
      await second.stop();
    }
  });
});
