import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { identityProvider, repositories } from '@sello/app/platform';
import type { Invoice } from '@sello/core/invoices';
import { validateTaxId } from '@sello/core/parties';
import { systemClock, ulidIds } from '@sello/core/ports';
import { createEmailKey, createIssuerKey, RECIPIENT_GROUP } from '@sello/core/recipients';
import { computeInvoice, type LineInput } from '@sello/core/taxes';
import { provisionTenant } from '@sello/core/tenants';
import { buildFacturae } from '@sello/formats';
import { signFacturae } from '@sello/signing';
import { testIdentity } from '@sello/signing/testing';

/**
 * Helpers of the exchange tests: tenants with tax ids of their own (createTenant() always uses
 * B12345674), and e-invoices from outside to import, built for given parties.
 */

/** Valid Spanish CIFs, so one test file can have an issuer, its buyer and a stranger. */
export const TAX_IDS = { a: 'B65410011', b: 'A58818501', c: 'A28017895' } as const;

export async function tenantWithTaxId(taxId: string, name: string) {
  const { tenant, secret } = await provisionTenant({
    tenants: repositories().tenants,
    clock: systemClock,
    ids: ulidIds,
  })({
    name,
    taxId,
    email: `billing@${taxId.toLowerCase()}.example`,
    language: 'es',
    timezone: 'Europe/Madrid',
    address: { line1: 'Calle Mayor 3', city: 'Valencia', postalCode: '46001', country: 'ES' },
  });
  return { tenantId: tenant.id, key: secret, taxId: tenant.taxId, name: tenant.name };
}

/**
 * A signed-in recipient of `taxId`, as registration would leave it: its user in the pool's
 * recipients group, its account (with the keys it consumed), and an access token of a real
 * sign-in. Registration itself (onboarding keys) is the recipients area's to test.
 */
export async function recipientSession(taxId: string) {
  const email = `inbox.${randomBytes(5).toString('hex')}@recipient.example`;
  const password = 'a long recipient passphrase';
  const identity = identityProvider();
  const { userId } = await identity.createUser(email, { group: RECIPIENT_GROUP });
  await identity.setPassword(email, password);
  const deps = {
    onboardingKeys: repositories().onboardingKeys,
    recipients: repositories().recipients,
    clock: systemClock,
    ids: ulidIds,
  };
  const { record: emailKey } = await createEmailKey(deps)('ten_test', taxId);
  const { record: issuerKey } = await createIssuerKey(deps)('ten_test', { taxId });
  const recipientId = ulidIds.next('rcp');
  const at = new Date().toISOString();
  await repositories().recipients.register({
    account: {
      id: recipientId,
      taxId,
      email,
      userId,
      createdAt: at,
      emailKeyId: emailKey.id,
      issuerKeyId: issuerKey.id,
    },
    emailKey,
    issuerKey,
    at,
  });
  const { accessToken } = await identity.signIn(email, password);
  return { token: accessToken, recipientId, taxId };
}

export interface PartyRef {
  taxId: string;
  name: string;
}

const snapshot = (p: PartyRef, line1: string) => {
  const check = validateTaxId(p.taxId, 'ES');
  if (!check.valid) throw new Error(check.reason);
  return {
    taxId: check.normalized,
    taxIdKind: check.kind,
    personType: check.personType,
    name: p.name,
    address: { line1, city: 'Valencia', postalCode: '46001', province: 'Valencia', country: 'ES' },
  };
};

/** Two lines at 21 % IVA: net 209.58 (135.00 + 74.58), tax 44.01, total 253.59. */
export const IMPORT_LINES: LineInput[] = [
  {
    description: 'Revisión preventiva (horas)',
    quantity: '3',
    unitPrice: '45.00',
    taxes: [{ type: 'IVA', rate: '21' }],
  },
  {
    description: 'Filtro de aceite',
    quantity: '6',
    unitPrice: '12.43',
    taxes: [{ type: 'IVA', rate: '21' }],
  },
];

/**
 * A Facturae 3.2.2 an ERP would send, from `seller` to `buyer`, signed (XAdES-EPES, with a test
 * certificate) unless `signed` is false: an unsigned Facturae is not a valid invoice. `encoding`
 * rewrites the declaration and the bytes (Spanish software still writes ISO-8859-1); the
 * signature, over the canonical characters, holds in either.
 */
export async function facturaeDocument(options: {
  seller: PartyRef;
  buyer: PartyRef;
  number: string;
  series?: string;
  issueDate?: string;
  dueDate?: string;
  lines?: LineInput[];
  encoding?: 'utf-8' | 'latin1';
  signed?: boolean;
}): Promise<Buffer> {
  const issueDate = options.issueDate ?? '2026-03-10';
  const invoice: Invoice = {
    id: 'inv_erp',
    tenantId: 'ten_erp',
    status: 'issued',
    kind: 'standard',
    customerId: 'cus_erp',
    series: options.series ?? 'ERP',
    number: options.number,
    issueDate,
    currency: 'EUR',
    language: 'es',
    issuer: snapshot(options.seller, 'Calle Mayor 3'),
    customer: snapshot(options.buyer, 'Avenida del Puerto 18'),
    ...computeInvoice(options.lines ?? IMPORT_LINES),
    payment: {
      means: 'transfer',
      dueDate: options.dueDate ?? '2026-04-09',
      iban: 'ES9121000418450200051332',
    },
    events: [],
    version: 1,
    createdAt: `${issueDate}T08:00:00Z`,
    updatedAt: `${issueDate}T08:00:00Z`,
  };
  const unsigned = buildFacturae(invoice);
  const identity = options.signed === false ? undefined : await testIdentity();
  const xml = identity
    ? await signFacturae(unsigned, {
        signer: identity.signer,
        keyId: identity.keyId,
        certificateDer: identity.certificateDer,
        algorithm: 'RSASSA_PKCS1_V1_5_SHA_512',
        signingTime: new Date(`${issueDate}T09:00:00Z`),
        // Fixed Ids: the same document signs to the same bytes, as tests compare originals.
        ids: 'erp',
      })
    : unsigned;
  if (options.encoding !== 'latin1') return Buffer.from(xml, 'utf8');
  return Buffer.from(xml.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), 'latin1');
}

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '../integration/exchange/fixtures', name), 'utf8');
const UBL = fixture('ubl-invoice.xml');
const CII = fixture('cii-invoice.xml');

interface FixtureOptions {
  seller: PartyRef;
  buyer: PartyRef;
  number: string;
  issueDate?: string;
}

const fill = (template: string, options: FixtureOptions, issueDate: string) =>
  template
    .replaceAll('{{NUMBER}}', options.number)
    .replaceAll('{{ISSUE_DATE}}', issueDate)
    .replaceAll('{{SELLER_TAX_ID}}', options.seller.taxId)
    .replaceAll('{{SELLER_NAME}}', options.seller.name)
    .replaceAll('{{BUYER_TAX_ID}}', options.buyer.taxId)
    .replaceAll('{{BUYER_NAME}}', options.buyer.name);

/** The UBL fixture (one line, 250.00 + 21 % = 302.50, due 2026-04-30) between the given parties. */
export const ublDocument = (options: FixtureOptions): string =>
  fill(UBL, options, options.issueDate ?? '2026-03-12');

/** The CII fixture (one line, 160.00 + 21 % = 193.60, due 2026-05-15) between the given parties. */
export const ciiDocument = (options: FixtureOptions): string =>
  fill(CII, options, (options.issueDate ?? '2026-03-14').replaceAll('-', ''));

/** A JSON answer as tests read it. */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
export type Json = Record<string, any>;
