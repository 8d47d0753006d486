import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Dec } from '@sello/core/money';
import { buildFacturae } from '@sello/formats';
import { signFacturae } from '@sello/signing';
import { verifyFacturaeSignature } from '@sello/signing/verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LocalSigningIdentity,
  loadOrCreateLocalSigningIdentity,
} from '../../../packages/local/src/signer/local-signer.ts';
import { GOLDEN_INVOICES } from './fixtures.ts';
import {
  GOLDEN_DIR,
  goldenIdentity,
  SIGNING_TIME,
  scratch,
  xmllint,
  xmlsec1Verify,
} from './support.ts';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
let identity: LocalSigningIdentity;
const files = scratch();

beforeAll(async () => {
  identity = await goldenIdentity();
});
afterAll(() => files.remove());

async function sign(unsigned: string, ids: string): Promise<string> {
  return signFacturae(unsigned, {
    signer: identity.signer,
    keyId: identity.keyId,
    certificateDer: identity.certificateDer,
    algorithm: 'RSASSA_PKCS1_V1_5_SHA_512',
    signingTime: SIGNING_TIME,
    ids,
  });
}

/**
 * Compares each document with its golden file. UPDATE_GOLDEN=1 rewrites them; a missing one is
 * written and the test fails, so a new golden file is always looked at before it is committed.
 */
function golden(documents: Record<string, string>): void {
  const created: string[] = [];
  for (const [name, actual] of Object.entries(documents)) {
    const path = join(GOLDEN_DIR, name);
    if (UPDATE || !existsSync(path)) {
      if (!existsSync(path)) created.push(name);
      writeFileSync(path, actual);
    }
    expect(actual === readFileSync(path, 'utf8'), `${name} differs from its golden file`).toBe(
      true,
    );
  }
  if (created.length && !UPDATE) {
    throw new Error(`Wrote missing golden files ${created.join(', ')}; review and commit them`);
  }
}

describe.each(GOLDEN_INVOICES)('Facturae $name', ({ name, invoice }) => {
  const unsigned = buildFacturae(invoice);
  let signed: string;
  beforeAll(async () => {
    signed = await sign(unsigned, name);
  });

  it('has totals that add up (fixture sanity)', () => {
    const sum = (values: string[]) => values.reduce((a, v) => a.plus(v), new Dec(0));
    const rows = invoice.breakdown;
    expect(sum(invoice.lines.map((l) => l.net)).equals(invoice.totals.net)).toBe(true);
    expect(
      sum(rows.filter((r) => !r.withheld).map((r) => r.amount)).equals(invoice.totals.tax),
    ).toBe(true);
    expect(
      sum(rows.filter((r) => r.withheld).map((r) => r.amount)).equals(invoice.totals.withheld),
    ).toBe(true);
    const total = new Dec(invoice.totals.net)
      .plus(invoice.totals.tax)
      .minus(invoice.totals.withheld);
    expect(total.equals(invoice.totals.total)).toBe(true);
  });

  it('validates unsigned against the Facturae 3.2.2 XSD (with the XAdES driver)', () => {
    const result = xmllint(files.file(`${name}.xml`, unsigned));
    expect(result.output).toContain('validates');
    expect(result.status).toBe(0);
  });

  it('validates signed against the XSD, XAdES properties included', () => {
    const result = xmllint(files.file(`${name}.xsig`, signed));
    expect(result.output).toContain('validates');
    expect(result.status).toBe(0);
  });

  it('verifies with xmlsec1 against the signing certificate (3 of 3 references)', () => {
    const result = xmlsec1Verify(files.file(`${name}.verify.xsig`, signed));
    expect(result.output).toContain('OK');
    expect(result.output).toContain('SignedInfo References (ok/all): 3/3');
    expect(result.status).toBe(0);
  });

  it('fails xmlsec1 when one byte of an amount changes', () => {
    const amount = invoice.totals.total;
    const digit = Number(amount.at(-1));
    const changed = `${amount.slice(0, -1)}${digit === 9 ? 8 : digit + 1}`;
    const tampered = signed.replace(
      `<InvoiceTotal>${amount}</InvoiceTotal>`,
      `<InvoiceTotal>${changed}</InvoiceTotal>`,
    );
    expect(tampered).not.toBe(signed);
    expect(tampered.length).toBe(signed.length);
    const result = xmlsec1Verify(files.file(`${name}.tampered.xsig`, tampered));
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('FAIL');
    expect(verifyFacturaeSignature(tampered).valid).toBe(false);
  });

  it('verifies with xml-crypto (verifyFacturaeSignature)', () => {
    expect(verifyFacturaeSignature(signed)).toEqual({
      valid: true,
      certificatePem: identity.certificatePem,
      signingTime: SIGNING_TIME,
      errors: [],
    });
  });

  it('matches the golden files byte for byte', () => {
    golden({ [`${name}.xml`]: unsigned, [`${name}.xsig`]: signed });
  });
});

describe('the oracles', () => {
  it('xmllint rejects an invalid document', () => {
    const bad = buildFacturae(GOLDEN_INVOICES[0]!.invoice).replace(
      '<Modality>I</Modality>',
      '<Modality>X</Modality>',
    );
    const result = xmllint(files.file('bad.xml', bad));
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('Modality');
  });

  it('xmlsec1 refuses a signature when another certificate is the trusted one', async () => {
    const signed = await sign(buildFacturae(GOLDEN_INVOICES[0]!.invoice), 'trust');
    const stranger = await loadOrCreateLocalSigningIdentity(files.path('stranger'));
    const result = xmlsec1Verify(
      files.file('trust.xsig', signed),
      files.file('stranger.pem', stranger.certificatePem),
    );
    expect(result.status).not.toBe(0);
  });
});
