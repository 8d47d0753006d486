import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENV } from '@sello/contracts';
import { Dec } from '@sello/core/money';
import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

/**
 * The acceptance of issue 14's billing: a valuation of 1,234.56 € with a franchise of 300.00 €
 * gives two issued invoices, insurer and insured, adding up to 1,234.56, both naming the claim
 * in the Facturae (xpath, XSD, xmlsec1), the UBL (xpath) and the PDF (pdftotext); and the issue's
 * other promises: resumable, refused when a correction breaks the sum.
 */
const api = await startApi();
const dir = mkdtempSync(join(tmpdir(), 'sello-claim-docs-'));
const facturaeXsd = join(
  import.meta.dirname,
  '../../fixtures/schemas/facturae/Facturaev3_2_2-with-XAdES.xsd',
);
let key: string;
let insurer: string;
let insured: string;

beforeAll(async () => {
  ({ key } = await createTenant('Talleres Chapa y Pintura, S.L.'));
  const customer = async (body: Record<string, unknown>) =>
    (await api.call('POST', '/v1/customers', { key, body: aCustomer(body) })).json.id as string;
  insurer = await customer({ taxId: 'A58818501', name: 'Seguros Mediterráneo, S.A.' });
  insured = await customer({ taxId: '12345678Z', name: 'Ana García Pérez' });
});

const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' });
const xpath = (file: string, expression: string) => {
  const out = run('xmllint', ['--xpath', expression, file]);
  expect(out.status, out.stderr).toBe(0);
  return out.stdout.trim();
};
const download = async (id: string, format: string, name: string) => {
  const res = await fetch(`${api.base}/v1/invoices/${id}/documents/${format}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(res.status).toBe(200);
  const file = join(dir, name);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return file;
};

/** A claim valued at `net` + IVA 21 with `franchise`, through the API. */
async function valuedClaim(claimNumber: string, net = '1020.30', franchise = '300.00') {
  const claim = await api.call('POST', '/v1/claims', {
    key,
    body: {
      claimNumber,
      insurerId: insurer,
      insuredId: insured,
      policyNumber: 'POL-778899',
      vehicle: { plate: '1234-BCD', make: 'Seat', model: 'León' },
    },
  });
  expect(claim.status, claim.text).toBe(201);
  const valuation = await api.call('POST', `/v1/claims/${claim.json.id}/valuations`, {
    key,
    body: {
      version: 1,
      lines: [{ kind: 'part', description: 'Paragolpes delantero', quantity: '1', unitPrice: net }],
      franchise,
      taxes: [{ type: 'IVA', rate: '21' }],
    },
  });
  expect(valuation.status, valuation.text).toBe(201);
  return claim.json.id as string;
}

describe('POST /v1/claims/{id}/invoices/issue', () => {
  it('issues 934.56 to the insurer and 300.00 to the insured, both naming the claim in Facturae, UBL and PDF', async () => {
    const id = await valuedClaim('SIN-2026-0042');
    const drafts = await api.call('POST', `/v1/claims/${id}/invoices`, { key });
    expect(drafts.status, drafts.text).toBe(201);
    const issued = await api.call('POST', `/v1/claims/${id}/invoices/issue`, { key });
    expect(issued.status, issued.text).toBe(200);
    const { insurer: a, insured: b, claim } = issued.json;
    expect(claim.status).toBe('invoiced');
    expect([a.status, b.status]).toEqual(['issued', 'issued']);
    expect(a.number).not.toBe(b.number);
    expect(a.totals.total).toBe('934.56');
    expect(b.totals.total).toBe('300.00');
    expect(new Dec(a.totals.total).plus(b.totals.total).toFixed(2)).toBe('1234.56');
    await api.settled();

    const cert = join(dir, 'cert.pem');
    writeFileSync(cert, process.env[ENV.signingCertificate]!);
    for (const [side, invoice] of [
      ['insurer', a],
      ['insured', b],
    ] as const) {
      const facturae = await download(invoice.id, 'facturae', `${side}.xsig`);
      const xsd = run('xmllint', ['--noout', '--nonet', '--schema', facturaeXsd, facturae]);
      expect(xsd.status, xsd.stderr).toBe(0);
      const sig = run('xmlsec1', [
        '--verify',
        '--enabled-key-data',
        'x509',
        '--trusted-pem',
        cert,
        '--id-attr:Id',
        'SignedProperties',
        '--id-attr:Id',
        'KeyInfo',
        facturae,
      ]);
      expect(sig.status, sig.stderr).toBe(0);
      const local = (name: string) => `*[local-name()='${name}']`;
      const lines = `//${local('InvoiceLine')}`;
      expect(xpath(facturae, `count(${lines})`)).toBe(side === 'insurer' ? '2' : '1');
      expect(xpath(facturae, `count(${lines}[FileReference='SIN-2026-0042'])`)).toBe(
        xpath(facturae, `count(${lines})`),
      );
      expect(xpath(facturae, `string((${lines})[1]/ReceiverContractReference)`)).toBe('POL-778899');
      expect(xpath(facturae, 'string(//InvoiceTotal)')).toBe(invoice.totals.total);
      expect(xpath(facturae, 'string(//InvoiceAdditionalInformation)')).toContain(
        'Siniestro SIN-2026-0042 · Póliza POL-778899 · Matrícula 1234BCD',
      );

      const ubl = await download(invoice.id, 'ubl', `${side}.ubl.xml`);
      expect(xpath(ubl, `string(/*/${local('BuyerReference')})`)).toBe('SIN-2026-0042');
      expect(xpath(ubl, `string(/*/${local('ContractDocumentReference')}/${local('ID')})`)).toBe(
        'POL-778899',
      );
      expect(
        xpath(
          ubl,
          `string(/*/${local('AdditionalDocumentReference')}[${local('DocumentTypeCode')}='130']/${local('ID')}[@schemeID='ABZ'])`,
        ),
      ).toBe('1234BCD');
      expect(
        xpath(ubl, `string(/*/${local('LegalMonetaryTotal')}/${local('PayableAmount')})`),
      ).toBe(invoice.totals.total);

      const pdf = await download(invoice.id, 'pdf', `${side}.pdf`);
      const text = run('pdftotext', ['-enc', 'UTF-8', '-layout', pdf, '-']).stdout.replace(
        / {2,}/g,
        '  ',
      );
      for (const s of [
        'SINIESTRO',
        'Siniestro: SIN-2026-0042',
        'Póliza: POL-778899',
        'Matrícula: 1234BCD',
        invoice.number,
      ]) {
        expect(text).toContain(s);
      }
    }
  });

  it('is resumable: with the insurer already issued, asking issues the insured one only', async () => {
    const id = await valuedClaim('SIN-2026-0043');
    const { insurer: a, insured: b } = (
      await api.call('POST', `/v1/claims/${id}/invoices`, { key })
    ).json;
    // As if the first attempt stopped after numbering the insurer's invoice.
    const first = await api.call('POST', `/v1/invoices/${a.id}/issue`, { key });
    expect(first.status).toBe(200);
    const res = await api.call('POST', `/v1/claims/${id}/invoices/issue`, { key });
    expect(res.status, res.text).toBe(200);
    expect(res.json.insurer.number).toBe(first.json.number);
    expect(res.json.insured).toMatchObject({ id: b.id, status: 'issued' });
    // Asked once more: nothing left to issue, the same two invoices.
    const again = await api.call('POST', `/v1/claims/${id}/invoices/issue`, { key });
    expect(again.status).toBe(200);
    expect([again.json.insurer.number, again.json.insured.number]).toEqual([
      first.json.number,
      res.json.insured.number,
    ]);
  });

  it('refuses, naming the draft, when a correction breaks the sum; issues nothing', async () => {
    const id = await valuedClaim('SIN-2026-0044');
    const { insured: b, insurer: a } = (
      await api.call('POST', `/v1/claims/${id}/invoices`, { key })
    ).json;
    const patched = await api.call('PATCH', `/v1/invoices/${b.id}`, {
      key,
      body: {
        lines: [
          {
            description: 'Franquicia',
            quantity: '1',
            unitPrice: '250.00',
            taxes: b.lines[0].taxes,
          },
        ],
      },
    });
    expect(patched.status, patched.text).toBe(200);
    const res = await api.call('POST', `/v1/claims/${id}/invoices/issue`, { key });
    expect(res.status).toBe(409);
    expect(res.json.errors).toEqual([
      { path: 'insured', message: 'Totals 302.50; the split gives 300.00' },
    ]);
    for (const invoice of [a, b]) {
      expect((await api.call('GET', `/v1/invoices/${invoice.id}`, { key })).json.status).toBe(
        'draft',
      );
    }
    // A correction that keeps the totals (the payment, a description) is issued as any draft.
    const { quantity, unitPrice, taxes } = b.lines[0];
    const kept = await api.call('PATCH', `/v1/invoices/${b.id}`, {
      key,
      body: { lines: [{ description: 'Franquicia, siniestro 44', quantity, unitPrice, taxes }] },
    });
    expect(kept.status, kept.text).toBe(200);
    const ok = await api.call('POST', `/v1/claims/${id}/invoices/issue`, { key });
    expect(ok.status, ok.text).toBe(200);
  });

  it('issues each invoice once when asked three times at once', async () => {
    const id = await valuedClaim('SIN-2026-0046');
    await api.call('POST', `/v1/claims/${id}/invoices`, { key });
    const answers = await Promise.all(
      Array.from({ length: 3 }, () => api.call('POST', `/v1/claims/${id}/invoices/issue`, { key })),
    );
    for (const res of answers) expect(res.status, res.text).toBe(200);
    const numbers = answers.map((r) => `${r.json.insurer.number}|${r.json.insured.number}`);
    expect(new Set(numbers).size).toBe(1);
    const [insurerNumber, insuredNumber] = numbers[0]!.split('|');
    expect(insurerNumber).not.toBe(insuredNumber);
    expect((await api.call('GET', `/v1/claims/${id}`, { key })).json.status).toBe('invoiced');
  });

  it('is a 409 naming a deleted draft, which asking for the drafts again makes anew', async () => {
    const id = await valuedClaim('SIN-2026-0047');
    const { insured: b } = (await api.call('POST', `/v1/claims/${id}/invoices`, { key })).json;
    expect((await api.call('DELETE', `/v1/invoices/${b.id}`, { key })).status).toBe(204);
    const refused = await api.call('POST', `/v1/claims/${id}/invoices/issue`, { key });
    expect(refused.status).toBe(409);
    expect(refused.json.errors.map((e: { path: string }) => e.path)).toEqual(['insured']);
    const again = await api.call('POST', `/v1/claims/${id}/invoices`, { key });
    expect(again.status).toBe(201);
    expect(again.json.insured).toMatchObject({ id: b.id, status: 'draft' });
    expect((await api.call('POST', `/v1/claims/${id}/invoices/issue`, { key })).status).toBe(200);
  });

  it('is a 409 before the drafts are made', async () => {
    const id = await valuedClaim('SIN-2026-0045');
    const res = await api.call('POST', `/v1/claims/${id}/invoices/issue`, { key });
    expect(res.status).toBe(409);
  });
});
