import { randomBytes, randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, WIDTHS, watchedBrowser } from './support/browser.ts';
import { signIn } from './support/session.ts';

/**
 * The recipient's journey in a browser: an invoice issued to a tax id nobody registered, the
 * notification mail's link, registration with both keys, the inbox, the PDF, acceptance, and the
 * issuer seeing it accepted.
 */
const info = inject('platform');
const { pageAt } = watchedBrowser(info.portalUrl);

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

/** The demo tenant's API (its key), as an ERP would call it, for the issuer's side. */
async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${info.apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${info.apiKey}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
/** A valid Spanish NIF nobody registered yet. */
function aTaxId() {
  const number = randomInt(10_000_000, 100_000_000);
  return `${number}${DNI_LETTERS[number % 23]}`;
}

interface StoredMail {
  subject: string;
  destination: { to: string[] };
  body: { text?: string };
}

/** The mails the local mail viewer holds for `address`, waiting for the first to arrive. */
async function mailTo(address: string): Promise<StoredMail> {
  for (let i = 0; i < 100; i++) {
    const store = (await (await fetch(`${info.mailUrl}/store`)).json()) as {
      emails: StoredMail[];
    };
    const found = store.emails.find((m) => m.destination.to.some((t) => t.includes(address)));
    if (found) return found;
    await new Promise((ok) => setTimeout(ok, 200));
  }
  throw new Error(`no mail reached ${address}`);
}

describe("the recipient's journey", () => {
  const taxId = aTaxId();
  const email = `pagos.${randomBytes(4).toString('hex')}@cliente.example`;
  const password = 'una contraseña muy larga';
  let invoice: { id: string; number: string };
  let customerId: string;
  let link: string;

  /** Issues an invoice of one line at 21 % to the customer, through the issuer's API. */
  async function issueTo(customer: string, description: string) {
    const draft = await api('POST', '/v1/invoices', {
      customerId: customer,
      lines: [
        { description, quantity: '2', unitPrice: '120.00', taxes: [{ type: 'IVA', rate: '21' }] },
      ],
      payment: { means: 'transfer', iban: 'ES91 2100 0418 4502 0005 1332' },
    });
    return (await api('POST', `/v1/invoices/${draft.id}/issue`)) as { id: string; number: string };
  }

  beforeAll(async () => {
    // The issuer: notifies its buyers on issue, and invoices a buyer with no account yet.
    await api('PATCH', '/v1/settings', { notifications: { recipientsOnIssue: true } });
    const customer = await api('POST', '/v1/customers', {
      taxId,
      name: 'Clínica Dental Ruiz, S.L.P.',
      email,
      language: 'es',
      address: { line1: 'Calle Colón 14', city: 'Valencia', postalCode: '46004', country: 'ES' },
    });
    customerId = customer.id;
    invoice = await issueTo(customerId, 'Mantenimiento del compresor');
    const mail = await mailTo(email);
    expect(mail.subject).toContain(invoice.number);
    link = /https?:\/\/\S+\/register\?\S+/.exec(mail.body.text ?? '')?.[0] ?? '';
  });

  it('registers from the mail, finds the invoice in the inbox, views its PDF and accepts it', async () => {
    // The link opens the portal's registration page, with the tax id and the mail's key.
    expect(link.startsWith(`${info.portalUrl}register?`)).toBe(true);
    const mailKey = new URL(link).searchParams.get('key');
    expect(mailKey).toMatch(/^ekey_\w{32}$/);
    const { key: issuerKey } = await api('POST', '/v1/onboarding-keys', { taxId });

    const { page, allowConsoleError } = await pageAt(1280);
    await page.goto(link);
    await expect.poll(() => heading(page).textContent()).toBe('Registro de destinatario');
    const taxIdField = page.getByRole('textbox', { name: /NIF del destinatario/ });
    expect(await taxIdField.inputValue()).toBe(taxId);
    expect(await page.getByRole('textbox', { name: /Clave del correo/ }).inputValue()).toBe(
      mailKey,
    );
    await checkPage(page, 'register');

    // A wrong issuer key: the API's 403 names the field, and the page shows it there.
    const issuerField = page.getByRole('textbox', { name: /Clave del emisor/ });
    await issuerField.fill(`ikey_${'Z'.repeat(32)}`);
    await page.getByRole('textbox', { name: /^Nombre/ }).fill('Laura Ruiz');
    await page.getByRole('textbox', { name: /Correo electrónico/ }).fill(email);
    await page.getByLabel(/^Contraseña/).fill(password);
    allowConsoleError(/status of 403.*\/v1\/recipients\/register/);
    await page.getByRole('button', { name: 'Registrarme' }).click();
    await expect.poll(() => issuerField.getAttribute('aria-invalid')).toBe('true');
    expect(
      await page.locator('.field', { has: issuerField }).locator('.field-error').textContent(),
    ).toBe('Unknown key');
    await checkPage(page, 'register-wrong-key');

    // The right one: registered, signed in, and in the inbox.
    await issuerField.fill(issuerKey);
    await page.getByRole('button', { name: 'Registrarme' }).click();
    await page.waitForURL('**/inbox');
    await expect.poll(() => heading(page).textContent()).toBe('Facturas recibidas');
    expect(await page.getByText(`Sesión de ${email}`).count()).toBe(1);
    // A recipient's navigation is its inbox, nothing of a tenant.
    const nav = page.getByRole('navigation');
    expect(await nav.getByRole('link').allTextContents()).not.toContain('Clientes');
    expect(await nav.getByRole('link', { name: 'Facturas recibidas' }).count()).toBe(1);
    const row = page.getByRole('row', { name: new RegExp(invoice.number) });
    await row.waitFor();
    expect(await row.textContent()).toContain('290,40');
    expect(await row.textContent()).toContain('Recibida');
    await checkPage(page, 'inbox');

    // Staff pages are not for a recipient: the home page leads back to the inbox.
    await page.goto('/');
    await page.waitForURL('**/inbox');

    // The invoice, and its PDF shown in the page (fetched with the recipient's token).
    await page.getByRole('link', { name: invoice.number }).click();
    await expect.poll(() => heading(page).textContent()).toBe(`Factura ${invoice.number}`);
    await page.getByText('Mantenimiento del compresor').waitFor();
    await checkPage(page, 'inbox-invoice');
    // Headless Chromium shows no PDF viewer: the request and its answer are what is checked.
    const seen: { status: number; type?: string; bytes: Buffer }[] = [];
    await page.route(/\/v1\/inbox\/[^/]+\/documents\/pdf$/, async (route) => {
      const response = await route.fetch();
      const bytes = await response.body();
      seen.push({ status: response.status(), type: response.headers()['content-type'], bytes });
      await route.fulfill({ response, body: bytes });
    });
    await page.getByRole('button', { name: 'Ver el PDF' }).click();
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]?.status).toBe(200);
    expect(seen[0]?.type).toBe('application/pdf');
    expect(seen[0]?.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(seen[0]?.bytes.length).toBeGreaterThan(1000);
    await page.locator(`iframe[title="PDF de la factura ${invoice.number}"]`).waitFor();
    await checkPage(page, 'inbox-invoice-pdf');

    // A download: the Facturae, signed.
    const [facturae] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Descargar Facturae' }).click(),
    ]);
    expect(facturae.suggestedFilename()).toBe(`${invoice.number.replace(/[^\w.-]+/g, '_')}.xsig`);

    // Accept it.
    await page.getByRole('button', { name: 'Aceptar' }).click();
    await page.getByText('Ha aceptado la factura.').waitFor();
    expect(await page.getByRole('button', { name: 'Marcar como pagada' }).count()).toBe(1);
    await checkPage(page, 'inbox-invoice-accepted');

    // The inbox filters by status.
    await page.goto('/inbox?status=rejected');
    await page.getByText('Ninguna factura cumple los filtros.').waitFor();
    await checkPage(page, 'inbox-filtered');
    await page.getByRole('radio', { name: 'Aceptada' }).check({ force: true });
    await page.getByRole('button', { name: 'Filtrar' }).click();
    await page.waitForURL('**/inbox?status=accepted');
    await page.getByRole('row', { name: new RegExp(`${invoice.number}.*Aceptada`) }).waitFor();
    await page.getByRole('button', { name: 'Quitar filtros' }).click();
    await page.waitForURL((url) => url.pathname === '/inbox' && url.search === '');
    await page.getByRole('row', { name: new RegExp(invoice.number) }).waitFor();

    // The issuer sees its buyer's acceptance.
    const issued = await api('GET', `/v1/invoices/${invoice.id}`);
    expect(issued.recipientStatus).toBe('accepted');

    // Another invoice from the same issuer, rejected with a reason the issuer then reads.
    const second = await issueTo(customerId, 'Revisión no solicitada');
    await page.goto('/inbox');
    await page.getByRole('link', { name: second.number }).click();
    await page.getByText('Revisión no solicitada').waitFor();
    await page.getByRole('button', { name: 'Rechazar' }).click();
    await page
      .getByRole('textbox', { name: /Motivo del rechazo/ })
      .fill('No encargamos esta revisión');
    await checkPage(page, 'inbox-invoice-rejecting');
    await page.getByRole('button', { name: 'Rechazar la factura' }).click();
    await page.getByText('Ha rechazado la factura.').waitFor();
    await page.getByText('No encargamos esta revisión').waitFor();
    const rejected = await api('GET', `/v1/invoices/${second.id}`);
    expect(rejected.recipientStatus).toBe('rejected');
  });

  it('every recipient page passes axe and fits at 1280 and 375 px', async () => {
    for (const width of WIDTHS) {
      const { page } = await pageAt(width);
      await page.goto(link);
      await heading(page).waitFor();
      await checkPage(page, 'register');
      await signIn(page, email, password, '/inbox');
      await page.getByRole('table').waitFor();
      await checkPage(page, 'inbox');
      await page.getByRole('link', { name: invoice.number }).click();
      await page.getByText('Mantenimiento del compresor').waitFor();
      await checkPage(page, 'inbox-invoice');
    }
  });
});
