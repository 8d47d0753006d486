import { repositories } from '@sello/app/platform';
import type { Invoice } from '@sello/core/invoices';
import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { acceptanceLines } from '../../support/invoices.ts';
import { aPassword, aTaxId, mailsTo, notify } from '../../support/recipients.ts';

// Read when the notifier is built, so the links carry this portal.
process.env.SELLO_PORTAL_URL = 'https://portal.sello.test/';

const api = await startApi();
let tenant: { tenantId: string; key: string };

beforeAll(async () => {
  tenant = await createTenant('Ferretería Catalana SL');
  const on = await api.call('PATCH', '/v1/settings', {
    key: tenant.key,
    body: { notifications: { recipientsOnIssue: true } },
  });
  expect(on.status).toBe(200);
});

/** Issues an invoice with the acceptance lines (total 409.34, due 2027-01-15) to a new customer. */
async function issueTo(
  owner: { tenantId: string; key: string },
  customer: { taxId: string; email?: string; language?: string; address?: unknown },
): Promise<Invoice> {
  const customerId = (
    await api.call('POST', '/v1/customers', { key: owner.key, body: aCustomer(customer) })
  ).json.id;
  const draft = await api.call('POST', '/v1/invoices', {
    key: owner.key,
    body: {
      customerId,
      lines: acceptanceLines,
      payment: { means: 'transfer', dueDate: '2027-01-15' },
    },
  });
  const issued = await api.call('POST', `/v1/invoices/${draft.json.id}/issue`, { key: owner.key });
  expect(issued.status).toBe(200);
  // Whatever the platform runs after issue finishes first, so the mails counted are all there.
  await api.settled();
  return (await repositories().invoices.get(owner.tenantId, draft.json.id))!;
}

const linkIn = (text: string | undefined) =>
  /https:\/\/portal\.sello\.test\/register\?taxId=(\w+)&key=(ekey_\w+)/.exec(text ?? '');

describe('onboarding a recipient from the notification mail', () => {
  it('mails the email key, takes the issuer key, registers, signs in and reads /me', async () => {
    const taxId = aTaxId();
    const email = `compras-${taxId.toLowerCase()}@cliente.example`;
    const invoice = await issueTo(tenant, { taxId, email, language: 'es' });

    await notify([invoice]);
    const [mail, ...more] = await mailsTo(email);
    expect(more).toEqual([]);
    expect(mail?.subject).toBe(`Ferretería Catalana SL le ha enviado la factura ${invoice.number}`);
    const link = linkIn(mail?.body.text);
    expect(link?.[1]).toBe(taxId);
    const emailKey = link![2]!;
    expect(emailKey).toMatch(/^ekey_[0-9A-Za-z]{32}$/);
    // Intl puts a no-break space between amount and currency; mail bodies end with a newline.
    expect(mail?.body.text?.trimEnd()).toBe(
      [
        'Buenos días:',
        '',
        `Ferretería Catalana SL le ha enviado la factura ${invoice.number}, por un importe de 409,34\u00a0€, con vencimiento el 15 de enero de 2027.`,
        '',
        `Regístrese en Sello para consultar y descargar esta factura y todas las dirigidas a su NIF ${taxId}:`,
        `https://portal.sello.test/register?taxId=${taxId}&key=${emailKey}`,
        '',
        `Para completar el registro necesitará también la clave que le facilitará Ferretería Catalana SL. El enlace caduca el ${new Intl.DateTimeFormat('es-ES', { dateStyle: 'long', timeZone: 'UTC' }).format(Date.now() + 30 * 86_400_000)}.`,
        '',
        'Un saludo,',
        'Sello',
      ].join('\n'),
    );

    // A re-delivered batch sends nothing twice.
    await notify([invoice]);
    expect(await mailsTo(email)).toHaveLength(1);

    const issuerKey = await api.call('POST', '/v1/onboarding-keys', {
      key: tenant.key,
      body: { taxId: taxId.toLowerCase() },
    });
    expect(issuerKey.status).toBe(201);
    expect(issuerKey.json).toMatchObject({ taxId, key: expect.stringMatching(/^ikey_\w{32}$/) });

    const registered = await api.call('POST', '/v1/recipients/register', {
      body: {
        taxId,
        emailKey,
        issuerKey: issuerKey.json.key,
        email: email.toUpperCase(),
        password: aPassword,
      },
    });
    expect(registered.status).toBe(201);
    // Registered and signed in, as POST /v1/auth/sign-in answers a recipient.
    expect(registered.json).toEqual({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      expiresIn: expect.any(Number),
      user: { kind: 'recipient', id: expect.stringMatching(/^rcp_/), email, taxId },
    });
    expect(registered.json.expiresIn).toBeGreaterThan(3000);
    expect(registered.headers.getSetCookie()[0]).toMatch(
      /^sello_refresh=[^;]+; HttpOnly; Secure; SameSite=Strict; Path=\/v1\/auth; Max-Age=2592000$/,
    );
    const token = registered.json.accessToken as string;

    const me = await api.call('GET', '/v1/recipients/me', { key: token });
    expect(me.status).toBe(200);
    expect(me.json).toEqual({
      id: registered.json.user.id,
      taxId,
      email,
      createdAt: expect.any(String),
    });
    // Sello keeps no password of its own: the account names its user at the pool, nothing more.
    const stored = await repositories().recipients.getByTaxId(taxId);
    expect(Object.keys(stored!).sort()).toEqual(
      ['createdAt', 'email', 'emailKeyId', 'id', 'issuerKeyId', 'taxId', 'userId'].sort(),
    );

    // The issuer sees its key as used, never its secret.
    const keys = (await api.call('GET', '/v1/onboarding-keys', { key: tenant.key })).json.items;
    const listed = keys.find((k: { id: string }) => k.id === issuerKey.json.id);
    expect(listed).toEqual({
      id: issuerKey.json.id,
      taxId,
      createdAt: issuerKey.json.createdAt,
      expiresAt: issuerKey.json.expiresAt,
      usedAt: me.json.createdAt,
    });

    // Sign in again, on the one sign-in everybody uses.
    const login = await api.call('POST', '/v1/auth/sign-in', {
      body: { email, password: aPassword },
    });
    expect(login.status).toBe(200);
    expect(login.json.user).toEqual(registered.json.user);
    const again = await api.call('GET', '/v1/recipients/me', { key: login.json.accessToken });
    expect(again.json.id).toBe(registered.json.user.id);

    // Once registered, a new invoice's mail points at the inbox and carries no key.
    const next = await issueTo(tenant, { taxId, email, language: 'es' });
    await notify([next]);
    const second = (await mailsTo(email))[1];
    expect(second?.body.text).toContain(
      'La encontrará en su bandeja de facturas:\nhttps://portal.sello.test/inbox',
    );
    expect(second?.body.text).not.toMatch(/ekey_/);
    // And no issuer key can be made for it any more.
    const late = await api.call('POST', '/v1/onboarding-keys', {
      key: tenant.key,
      body: { taxId },
    });
    expect(late.status).toBe(409);
  });

  it('writes in Catalan and English after the invoice, with the total and due date', async () => {
    const ca = aTaxId();
    const caInvoice = await issueTo(tenant, {
      taxId: ca,
      email: `ca-${ca}@client.example`,
      language: 'ca',
    });
    const en = aTaxId();
    const enInvoice = await issueTo(tenant, {
      taxId: en,
      email: `en-${en}@client.example`,
      language: 'en',
    });
    await notify([caInvoice, enInvoice]);

    const [caMail] = await mailsTo(`ca-${ca}@client.example`);
    expect(caMail?.subject).toBe(
      `Ferretería Catalana SL us ha enviat la factura ${caInvoice.number}`,
    );
    const caLines = caMail?.body.text?.split('\n');
    expect(caLines?.slice(0, 5)).toEqual([
      'Bon dia,',
      '',
      `Ferretería Catalana SL us ha enviat la factura ${caInvoice.number}, per un import de 409,34\u00a0€, amb venciment el 15 de gener del 2027.`,
      '',
      `Registreu-vos a Sello per consultar i descarregar aquesta factura i totes les adreçades al vostre NIF ${ca}:`,
    ]);
    expect(linkIn(caMail?.body.text)?.[1]).toBe(ca);

    const [enMail] = await mailsTo(`en-${en}@client.example`);
    expect(enMail?.subject).toBe(`Ferretería Catalana SL has sent you invoice ${enInvoice.number}`);
    expect(enMail?.body.text?.split('\n').slice(0, 5)).toEqual([
      'Hello,',
      '',
      `Ferretería Catalana SL has sent you invoice ${enInvoice.number} for €409.34, due on 15 January 2027.`,
      '',
      `Register on Sello to read and download this invoice and every invoice addressed to your tax id ${en}:`,
    ]);
    expect(enMail?.body.text).toContain('Kind regards,\nSello');
  });

  it("names a foreign buyer's country in the link, and registration reads the tax id with it", async () => {
    const email = `pt-${Date.now()}@cliente.example`;
    const invoice = await issueTo(tenant, {
      taxId: '501964843',
      email,
      language: 'en',
      address: { line1: 'Rua Augusta 1', city: 'Lisboa', postalCode: '1100-048', country: 'PT' },
    });
    await notify([invoice]);
    const [mail] = await mailsTo(email);
    const link = /\/register\?taxId=(PT501964843)&country=PT&key=(ekey_\w+)/.exec(
      mail?.body.text ?? '',
    );
    expect(link?.[1]).toBe('PT501964843');
    const issuerKey = await api.call('POST', '/v1/onboarding-keys', {
      key: tenant.key,
      body: { taxId: '501964843', country: 'PT' },
    });
    expect(issuerKey.json.taxId).toBe('PT501964843');
    const registered = await api.call('POST', '/v1/recipients/register', {
      body: {
        taxId: 'PT501964843',
        country: 'PT',
        emailKey: link?.[2],
        issuerKey: issuerKey.json.key,
        email,
        password: aPassword,
      },
    });
    expect(registered.status).toBe(201);
    expect(registered.json.user.taxId).toBe('PT501964843');
  });

  it('stays silent for tenants that did not turn notifications on, and for customers without e-mail', async () => {
    const quiet = await createTenant('Silenciosa SL');
    const taxId = aTaxId();
    const email = `quiet-${taxId}@client.example`;
    const invoice = await issueTo(quiet, { taxId, email });
    const noMail = await issueTo(tenant, { taxId: aTaxId(), email: undefined });
    await notify([invoice, noMail]);
    expect(await mailsTo(email)).toEqual([]);
  });

  it('notifies each invoice once even when two deliveries run at the same time', async () => {
    const taxId = aTaxId();
    const email = `twice-${taxId}@client.example`;
    const invoice = await issueTo(tenant, { taxId, email });
    await Promise.all([notify([invoice]), notify([invoice]), notify([invoice])]);
    expect(await mailsTo(email)).toHaveLength(1);
  });
});
