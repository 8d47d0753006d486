import { randomBytes, X509Certificate } from 'node:crypto';
import { createServer } from 'node:net';
import { KMSClient } from '@aws-sdk/client-kms';
import { KmsSigner } from '@sello/aws';
import { FaceConnector, type FaceIdentity, FaceUnavailableError } from '@sello/aws/face';
import type { ForwardRequest } from '@sello/core/connectors';
import type { Invoice } from '@sello/core/invoices';
import { buildFacturae } from '@sello/formats';
import { signFacturae } from '@sello/signing';
import { testSelfSigned } from '@sello/signing/testing';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { GOLDEN_INVOICES } from '../../conformance/facturae/fixtures.ts';

/**
 * The FACe adapter against the FACe fake of the run (test/support/global-setup.ts), signing its
 * requests and the Facturae with the platform's key in the local KMS, as in AWS.
 */
const endpoints = inject('endpoints');
const signer = new KmsSigner(new KMSClient({}));
const identity: FaceIdentity = {
  keyId: endpoints.signingKeyId,
  certificatePem: endpoints.signingCertificate,
  algorithm: 'RSASSA_PKCS1_V1_5_SHA_256',
};
const connector = new FaceConnector({
  endpoint: endpoints.faceUrl,
  signer,
  identityOf: async () => identity,
});

const fixture = (name: string) => GOLDEN_INVOICES.find((g) => g.name === name)!.invoice;

/** A fixture under a number of its own: the fake is shared by the run and refuses repeats. */
function unique(invoice: Invoice): Invoice {
  const number = `T${randomBytes(5).toString('hex')}`;
  return { ...invoice, id: `inv_${number}`, number };
}

async function request(
  invoice: Invoice,
  unsigned = buildFacturae(invoice),
): Promise<ForwardRequest> {
  const xml = await signFacturae(unsigned, {
    signer,
    keyId: identity.keyId,
    certificateDer: new X509Certificate(identity.certificatePem).raw,
    algorithm: identity.algorithm,
    signingTime: new Date(),
    ids: invoice.id,
  });
  return {
    invoice,
    document: {
      format: 'facturae',
      mediaType: 'application/xml',
      fileName: `${invoice.number}.xsig`,
      body: new TextEncoder().encode(xml),
    },
  };
}

describe('FaceConnector against the FACe fake', () => {
  let administration: Invoice;
  beforeAll(() => {
    administration = unique(fixture('public-administration-dir3'));
  });

  it('delivers an invoice with its three DIR3 units and reads back the registry number', async () => {
    const result = await connector.forward(await request(administration));
    expect(result).toEqual({
      status: 'delivered',
      registryNumber: expect.stringMatching(/^\d{12}$/),
    });

    const status = await connector.status(administration.tenantId, result.registryNumber!);
    expect(status).toEqual({
      registryNumber: result.registryNumber,
      processing: {
        codigo: '1200',
        descripcion: 'La factura ha sido registrada en el registro electrónico REC',
      },
      cancellation: { codigo: '4100', descripcion: 'No solicitada anulación' },
    });
  });

  it('is refused 415 when the same invoice is presented again', async () => {
    const result = await connector.forward(await request(administration));
    expect(result).toMatchObject({ status: 'rejected', error: { code: '415' } });
    expect(result.error!.message).toContain('ya ha sido presentada');
  });

  it('is refused when the buyer carries no DIR3 units', async () => {
    const result = await connector.forward(await request(unique(fixture('iva21-simple'))));
    expect(result).toMatchObject({ status: 'rejected', error: { code: '305' } });
    expect(result.error!.message).toContain('oficinaContable (01)');
  });

  it('is refused when the Facturae does not pass the XSD', async () => {
    const invoice = unique(fixture('public-administration-dir3'));
    const broken = buildFacturae(invoice).replace(
      '<Modality>I</Modality>',
      '<Modality>X</Modality>',
    );
    const result = await connector.forward(await request(invoice, broken));
    expect(result).toMatchObject({ status: 'rejected', error: { code: '303' } });
  });

  it('is refused with WS-Security’s code when the token is not the signing key’s certificate', async () => {
    const impostor = new FaceConnector({
      endpoint: endpoints.faceUrl,
      signer,
      identityOf: async () => ({
        ...identity,
        certificatePem: new X509Certificate(testSelfSigned({ commonName: 'Other' }).der).toString(),
      }),
    });
    const result = await impostor.forward(
      await request(unique(fixture('public-administration-dir3'))),
    );
    expect(result).toMatchObject({ status: 'rejected', error: { code: 'wsse:FailedCheck' } });
  });

  it('throws when FACe cannot be reached (the invoice may be forwarded again)', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const down = new FaceConnector({
      endpoint: `http://127.0.0.1:${port}/facturasspp2`,
      signer,
      identityOf: async () => identity,
    });
    await expect(
      down.forward(await request(unique(fixture('public-administration-dir3')))),
    ).rejects.toThrow(FaceUnavailableError);
  });
});
