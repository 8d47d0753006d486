import { randomBytes } from 'node:crypto';
import { KMSClient } from '@aws-sdk/client-kms';
import { KmsSigner } from '@sello/aws';
import { FaceConnector } from '@sello/aws/connectors';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { scratch, xmllint, xmlsec1Verify } from '../../conformance/facturae/support.ts';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

/**
 * Issue 14's acceptance for FACe, through the API: a customer that is a public administration
 * carries its three DIR3 units; its issued invoice's Facturae carries them as the buyer's
 * AdministrativeCentres and passes the official XSD; forwarded to FACe (the fake of the run), the
 * invoice shows the registry number FACe answered.
 */
const api = await startApi();
const endpoints = inject('endpoints');
const files = scratch();
let key: string;
let tenantId: string;

const dir3 = {
  accountingOffice: { code: 'L01280796', name: 'Intervención General' },
  managementBody: { code: 'L01280796', name: 'Ayuntamiento de Madrid' },
  processingUnit: { code: 'LA0007418', name: 'Área de Gobierno de Economía y Hacienda' },
};
const ayuntamiento = aCustomer({
  taxId: 'P2807900B',
  name: 'Ayuntamiento de Madrid',
  email: 'facturas@madrid.example',
  address: { line1: 'Calle Montalbán 1', city: 'Madrid', postalCode: '28014', country: 'ES' },
  dir3,
});

beforeAll(async () => {
  ({ key, tenantId } = await createTenant());
});

describe('a public administration customer (DIR3)', () => {
  it('keeps its three DIR3 units and shows them', async () => {
    const res = await api.call('POST', '/v1/customers', { key, body: ayuntamiento });
    expect(res.status).toBe(201);
    expect(res.json.dir3).toEqual(dir3);
    const read = await api.call('GET', `/v1/customers/${res.json.id}`, { key });
    expect(read.json.dir3).toEqual(dir3);
  });

  it('answers 400 naming the field of a malformed code or a missing unit, and writes nothing', async () => {
    const before = (await api.call('GET', '/v1/customers?limit=200', { key })).json.items.length;
    const bad = await api.call('POST', '/v1/customers', {
      key,
      body: { ...ayuntamiento, dir3: { ...dir3, processingUnit: { code: 'LA00074' } } },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.json.errors.map((e: { path: string }) => e.path)).toEqual([
      'dir3.processingUnit.code',
    ]);
    const { managementBody: _m, ...two } = dir3;
    const missing = await api.call('POST', '/v1/customers', {
      key,
      body: { ...ayuntamiento, dir3: two },
    });
    expect(missing.status).toBe(400);
    expect(missing.json.errors.map((e: { path: string }) => e.path)).toEqual([
      'dir3.managementBody',
    ]);
    const foreign = await api.call('POST', '/v1/customers', {
      key,
      body: {
        ...ayuntamiento,
        taxId: 'FR40303265045',
        address: { line1: '1 rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR' },
      },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.json.errors.map((e: { path: string }) => e.path)).toEqual(['dir3']);
    const after = (await api.call('GET', '/v1/customers?limit=200', { key })).json.items.length;
    expect(after).toBe(before);
  });

  it('sets and removes the units with PATCH (null removes them)', async () => {
    const created = await api.call('POST', '/v1/customers', {
      key,
      body: { ...ayuntamiento, dir3: undefined },
    });
    expect(created.json.dir3).toBeUndefined();
    const set = await api.call('PATCH', `/v1/customers/${created.json.id}`, {
      key,
      body: { dir3 },
    });
    expect(set.status).toBe(200);
    expect(set.json.dir3).toEqual(dir3);
    const removed = await api.call('PATCH', `/v1/customers/${created.json.id}`, {
      key,
      body: { dir3: null },
    });
    expect(removed.json.dir3).toBeUndefined();
  });
});

describe('an invoice to a public administration', () => {
  let invoiceId: string;
  let facturae: string;

  beforeAll(async () => {
    const customer = await api.call('POST', '/v1/customers', { key, body: ayuntamiento });
    // A series of its own: the FACe fake is shared by the run and refuses a number twice.
    const series = `P${randomBytes(4).toString('hex').toUpperCase()}`;
    const created = await api.call('POST', '/v1/series', {
      key,
      body: { code: series, kind: 'standard' },
    });
    expect(created.status).toBe(201);
    const draft = await api.call('POST', '/v1/invoices', {
      key,
      body: {
        customerId: customer.json.id,
        series,
        lines: [
          {
            description: 'Mantenimiento de vehículos municipales',
            quantity: '1',
            unitPrice: '1200.00',
            taxes: [{ type: 'IVA', rate: '21' }],
          },
        ],
        payment: { means: 'transfer', iban: 'ES9121000418450200051332' },
      },
    });
    expect(draft.status).toBe(201);
    invoiceId = draft.json.id;
    const issued = await api.call('POST', `/v1/invoices/${invoiceId}/issue`, { key });
    expect(issued.status).toBe(200);
    expect(issued.json.customer.dir3).toEqual(dir3);
    const document = await api.call('GET', `/v1/invoices/${invoiceId}/documents/facturae`, { key });
    expect(document.status).toBe(200);
    facturae = document.text;
  });

  it("carries the three DIR3 units as the buyer's AdministrativeCentres, roles 01, 02, 03", () => {
    const buyer = /<BuyerParty>[\s\S]*<\/BuyerParty>/.exec(facturae)![0];
    const centres = [...buyer.matchAll(/<CentreCode>(\w+)<\/CentreCode><RoleTypeCode>(\d\d)</g)];
    expect(centres.map(([, code, role]) => [role, code])).toEqual([
      ['01', 'L01280796'],
      ['02', 'L01280796'],
      ['03', 'LA0007418'],
    ]);
  });

  it('passes the Facturae 3.2.2 XSD and its signature verifies with xmlsec1', () => {
    const file = files.file('administration.xsig', facturae);
    const schema = xmllint(file);
    expect(schema.output).toContain('validates');
    expect(schema.status).toBe(0);
    const signature = xmlsec1Verify(
      file,
      files.file('platform-cert.pem', endpoints.signingCertificate),
    );
    expect(signature.output).toContain('OK');
    expect(signature.status).toBe(0);
  });

  it('is forwarded to FACe, which takes it, and the invoice shows the registry number it answered', async () => {
    const res = await api.call('POST', `/v1/invoices/${invoiceId}/forward`, {
      key,
      body: { connector: 'face' },
    });
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ connector: 'face', status: 'sending', attempts: 1 });
    expect(await api.settled()).toEqual([]);

    const invoice = (await api.call('GET', `/v1/invoices/${invoiceId}`, { key })).json;
    expect(invoice.forwarding).toEqual([
      expect.objectContaining({
        connector: 'face',
        status: 'delivered',
        registryNumber: expect.stringMatching(/^\d{12}$/),
        attempts: 1,
      }),
    ]);
    const { registryNumber } = invoice.forwarding[0];

    // FACe holds it under that number: its status query (signed like every request) answers it.
    const face = new FaceConnector({
      endpoint: endpoints.faceUrl,
      signer: new KmsSigner(new KMSClient({})),
      identityOf: async () => ({
        keyId: endpoints.signingKeyId,
        certificatePem: endpoints.signingCertificate,
        algorithm: 'RSASSA_PKCS1_V1_5_SHA_256',
      }),
    });
    const status = await face.status(tenantId, registryNumber);
    expect(status.processing).toEqual({
      codigo: '1200',
      descripcion: 'La factura ha sido registrada en el registro electrónico REC',
    });
  });

  it('is not forwarded again once delivered (409)', async () => {
    const again = await api.call('POST', `/v1/invoices/${invoiceId}/forward`, {
      key,
      body: { connector: 'face' },
    });
    expect(again.status).toBe(409);
  });
});

describe('an invoice to a buyer without DIR3 units', () => {
  it('is forwarded, FACe refuses it, and the invoice shows its code and why', async () => {
    const customer = await api.call('POST', '/v1/customers', {
      key,
      body: { ...ayuntamiento, dir3: undefined },
    });
    const series = `N${randomBytes(4).toString('hex').toUpperCase()}`;
    await api.call('POST', '/v1/series', { key, body: { code: series, kind: 'standard' } });
    const draft = await api.call('POST', '/v1/invoices', {
      key,
      body: {
        customerId: customer.json.id,
        series,
        lines: [
          {
            description: 'Revisión',
            quantity: '1',
            unitPrice: '100.00',
            taxes: [{ type: 'IVA', rate: '21' }],
          },
        ],
      },
    });
    expect(draft.status).toBe(201);
    expect((await api.call('POST', `/v1/invoices/${draft.json.id}/issue`, { key })).status).toBe(
      200,
    );
    const res = await api.call('POST', `/v1/invoices/${draft.json.id}/forward`, {
      key,
      body: { connector: 'face' },
    });
    expect(res.status).toBe(202);
    expect(await api.settled()).toEqual([]);

    const invoice = (await api.call('GET', `/v1/invoices/${draft.json.id}`, { key })).json;
    expect(invoice.forwarding).toEqual([
      expect.objectContaining({
        connector: 'face',
        status: 'rejected',
        error: { code: '305', message: expect.stringContaining('unidades DIR3') },
      }),
    ]);
    expect(invoice.forwarding[0].registryNumber).toBeUndefined();
  });
});
