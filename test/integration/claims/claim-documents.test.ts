import { artifactBucket, s3Client } from '@sello/app/platform';
import { S3ArtifactStore } from '@sello/aws/documents';
import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

/** Files linked to claims through the API, stored in s3rver under the tenant's keys. */
const api = await startApi();
let key: string;
let tenantId: string;
let claimId: string;

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
// The 8-byte PNG signature and the start of an IHDR chunk: enough for the check by bytes.
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000dIHDR', 'latin1'),
]);

const upload = (
  id: string,
  bytes: Buffer,
  contentType: string,
  query = '',
  as = key,
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
): Promise<{ status: number; json: any; headers: Headers }> =>
  fetch(`${api.base}/v1/claims/${id}/documents${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${as}`, 'content-type': contentType },
    body: bytes,
  }).then(async (res) => ({ status: res.status, json: await res.json(), headers: res.headers }));

beforeAll(async () => {
  ({ key, tenantId } = await createTenant());
  const customer = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
  claimId = (
    await api.call('POST', '/v1/claims', {
      key,
      body: {
        claimNumber: 'DOC-1',
        insurerId: customer,
        insuredId: customer,
        policyNumber: 'P',
        vehicle: { plate: '1234BCD' },
      },
    })
  ).json.id;
});

describe('POST and GET /v1/claims/{id}/documents', () => {
  it('links the appraisal PDF and a photo, lists them and downloads each as uploaded', async () => {
    const appraisal = await upload(
      claimId,
      pdf,
      'application/pdf',
      `?fileName=${encodeURIComponent('peritación.pdf')}`,
    );
    expect(appraisal.status, JSON.stringify(appraisal.json)).toBe(201);
    expect(appraisal.json).toMatchObject({
      claimId,
      kind: 'appraisal',
      fileName: 'peritación.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
    });
    expect(appraisal.headers.get('location')).toBe(appraisal.json.href);
    // Told by its bytes, whatever the client called it.
    const photo = await upload(claimId, png, 'application/octet-stream', '?kind=photo');
    expect(photo.status).toBe(201);
    expect(photo.json).toMatchObject({ kind: 'photo', contentType: 'image/png' });

    const list = await api.call('GET', `/v1/claims/${claimId}/documents`, { key });
    expect(list.status).toBe(200);
    expect(list.json.items).toEqual([appraisal.json, photo.json]);

    const download = await fetch(`${api.base}${appraisal.json.href}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="peritaci_n.pdf"; filename*=UTF-8''peritaci%C3%B3n.pdf`,
    );
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf);

    // Stored under the tenant's own prefix in the artifact bucket.
    const store = new S3ArtifactStore(s3Client(), artifactBucket());
    const stored = await store.get(
      `tenants/${tenantId}/claims/${claimId}/documents/${appraisal.json.id}.pdf`,
    );
    expect(Buffer.from(stored!)).toEqual(pdf);
  });

  it('refuses what is not a PDF, PNG or JPEG, an appraisal that is no PDF, and files above 3 MiB', async () => {
    const claim = (await api.call('GET', `/v1/claims/${claimId}`, { key })).json;
    const before = (await api.call('GET', `/v1/claims/${claimId}/documents`, { key })).json.items;
    const text = await upload(claimId, Buffer.from('hello'), 'application/pdf');
    expect(text.status).toBe(400);
    expect(text.json.errors).toEqual([{ path: 'body', message: 'Send a PDF, PNG or JPEG file' }]);
    const notPdf = await upload(claimId, png, 'image/png', '?kind=appraisal');
    expect(notPdf.status).toBe(400);
    expect(notPdf.json.errors[0].path).toBe('kind');
    const badKind = await upload(claimId, png, 'image/png', '?kind=video');
    expect(badKind.status).toBe(400);
    expect(badKind.json.errors[0].path).toBe('query.kind');
    const big = await upload(
      claimId,
      Buffer.concat([pdf, Buffer.alloc(3 * 1024 * 1024)]),
      'application/pdf',
    );
    expect(big.status).toBe(413);
    const empty = await upload(claimId, Buffer.alloc(0), 'application/pdf');
    expect(empty.status).toBe(400);
    expect(empty.json.errors).toEqual([{ path: 'body', message: 'Required' }]);
    expect((await api.call('GET', `/v1/claims/${claimId}/documents`, { key })).json.items).toEqual(
      before,
    );
    expect((await api.call('GET', `/v1/claims/${claimId}`, { key })).json).toEqual(claim);
  });

  it("answers 404 for another tenant's claim and its files", async () => {
    const other = await createTenant();
    const doc = (await upload(claimId, pdf, 'application/pdf')).json;
    expect((await upload(claimId, pdf, 'application/pdf', '', other.key)).status).toBe(404);
    expect(
      (await api.call('GET', `/v1/claims/${claimId}/documents`, { key: other.key })).status,
    ).toBe(404);
    expect((await api.call('GET', doc.href, { key: other.key })).status).toBe(404);
    expect(
      (await api.call('GET', `/v1/claims/${claimId}/documents/cdoc_nothere`, { key })).status,
    ).toBe(404);
  });
});
