import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalInfo } from '../support/local-platform.ts';
import { checkPage, watchedBrowser } from './support/browser.ts';
import { followNav } from './support/navigation.ts';
import { signIn } from './support/session.ts';

/**
 * The console's change-request queue in Chromium: a request made through the API reaches the
 * support mailbox with a link to its page and is in the queue; staff take it and do it with the
 * invoice page's own rectification form; the customer's mail carries the corrective's PDF.
 */
const info = inject('platform') as LocalInfo;
const { pageAt } = watchedBrowser(info.portalUrl);

async function call(method: string, path: string, key: string | undefined, body?: unknown) {
  const res = await fetch(`${info.apiUrl}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  expect(res.status, `${method} ${path}: ${text}`).toBeLessThan(300);
  return text ? JSON.parse(text) : undefined;
}

interface StoredMail {
  subject: string;
  destination: { to: string[] };
  body: { text?: string };
  attachments: { filename: string; contentType: string; size: number }[];
}
async function mailsTo(address: string): Promise<StoredMail[]> {
  const store = (await (await fetch(`${info.mailUrl}/store`)).json()) as { emails: StoredMail[] };
  return store.emails.filter((m) => m.destination.to.some((t) => t.includes(address)));
}

/** A business of this file's own (its queue starts empty), with its owner's sign-in. */
const stamp = Date.now();
const owner = {
  company: 'Instalaciones Peticiones, S.L.',
  email: `owner-${stamp}@change-requests-e2e.example`,
  password: 'una-clave-larga-de-prueba',
};
const support = `soporte-${stamp}@change-requests-e2e.example`;
const customerEmail = `cliente-${stamp}@cliente-e2e.example`;
let token: string;
let invoice: { id: string; number: string };
let request: { id: string };

beforeAll(async () => {
  await call('POST', '/v1/auth/sign-up', undefined, {
    company: {
      name: owner.company,
      taxId: 'B34567891',
      address: { line1: 'Calle Mayor 3', city: 'Madrid', postalCode: '28013', country: 'ES' },
    },
    owner: { name: 'Marta Prueba', email: owner.email, password: owner.password },
  });
  ({ accessToken: token } = await call('POST', '/v1/auth/sign-in', undefined, {
    email: owner.email,
    password: owner.password,
  }));
  await call('PATCH', '/v1/settings', token, { support: { email: support } });
  const customer = await call('POST', '/v1/customers', token, {
    taxId: 'A58818501',
    name: 'Distribuciones Mediterráneo, S.A.',
    email: customerEmail,
    address: {
      line1: 'Carrer de Balmes 200',
      city: 'Barcelona',
      postalCode: '08006',
      country: 'ES',
    },
  });
  const draft = await call('POST', '/v1/invoices', token, {
    customerId: customer.id,
    lines: [
      {
        description: 'Revisión de caldera',
        quantity: '2',
        unitPrice: '90.00',
        taxes: [{ type: 'IVA', rate: '21' }],
      },
    ],
  });
  invoice = await call('POST', `/v1/invoices/${draft.id}/issue`, token);
  request = await call('POST', `/v1/invoices/${invoice.id}/change-requests`, token, {
    type: 'correctData',
    message: 'Eran tres revisiones, no dos.',
  });
});

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const row = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });

async function choose(page: Page, scope: Locator, label: RegExp, option: RegExp) {
  await scope.getByRole('button', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

describe('the change-request queue', () => {
  it('shows the request made through the API, as the support mail links to it', async () => {
    const { page } = await pageAt(1280);
    await signIn(page, owner.email, owner.password);
    await followNav(page, 'Solicitudes de cambio');
    await page.waitForURL('**/change-requests');
    await expect.poll(() => heading(page).textContent()).toBe('Solicitudes de cambio');
    const queued = row(page, invoice.number);
    await queued.waitFor();
    expect(await queued.textContent()).toContain('Corrección de datos');
    expect(await queued.textContent()).toContain('Abierta');
    await checkPage(page, 'change-requests-queue');

    // The support mailbox was told, with the link into the console that opens this request.
    const [mail] = await mailsTo(support);
    expect(mail?.subject).toBe(`Solicitud de corrección de datos de la factura ${invoice.number}`);
    const link = mail?.body.text?.match(/https?:\/\/\S+\/change-requests\/\S+/)?.[0];
    expect(link).toBe(`${info.portalUrl.replace(/\/$/, '')}/change-requests/${request.id}`);
    await page.goto(new URL(link!).pathname);
    await expect
      .poll(() => heading(page).textContent())
      .toBe(`Corrección de datos de la factura ${invoice.number}`);
    await page.getByText('Eran tres revisiones, no dos.').waitFor();
    await checkPage(page, 'change-requests-request');
  });

  it('is done by rectifying the invoice; the customer’s mail carries the corrective’s PDF', async () => {
    const { page } = await pageAt(1280);
    await signIn(page, owner.email, owner.password, `/change-requests/${request.id}`);
    await page.getByRole('button', { name: 'Tomarla' }).click();
    await page.getByRole('status').filter({ hasText: 'La solicitud está en curso.' }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Tomada' }).waitFor();

    await page.getByRole('button', { name: 'Rectificar', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await choose(page, dialog, /Motivo de la rectificación/, /^10 · /);
    await dialog
      .getByRole('group', { name: 'Línea 1' })
      .getByRole('textbox', { name: /^Cantidad/ })
      .fill('3');
    await checkPage(page, 'change-requests-rectify');
    await dialog.getByRole('button', { name: 'Emitir la rectificativa' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Solicitud hecha\. Rectificativa .+ emitida\.$/ })
      .waitFor();
    await page.getByText('Hecha', { exact: true }).first().waitFor();
    await checkPage(page, 'change-requests-done');

    const done = await call('GET', `/v1/change-requests/${request.id}`, token);
    expect(done.status).toBe('done');
    const [correctiveId] = done.correction.invoiceIds;
    const corrective = await call('GET', `/v1/invoices/${correctiveId}`, token);
    expect(corrective.totals.total).toBe('326.70');
    // The request links the corrective by its number.
    await page.getByRole('link', { name: corrective.number }).waitFor();
    await expect
      .poll(async () => (await mailsTo(customerEmail)).length, { timeout: 10_000 })
      .toBe(1);
    const [mail] = await mailsTo(customerEmail);
    expect(mail?.subject).toContain(`sobre la factura ${invoice.number}`);
    const pdf = mail?.attachments.find((a) => a.filename === `${corrective.number}.pdf`);
    expect(pdf?.contentType).toBe('application/pdf');
    expect(pdf?.size).toBeGreaterThan(1000);
  });

  it('takes the support mailbox in the settings’ notifications', async () => {
    const { page } = await pageAt(1280);
    await signIn(page, owner.email, owner.password, '/settings/notifications');
    const mailbox = page.getByRole('textbox', { name: /^Buzón de soporte/ });
    await mailbox.waitFor();
    expect(await mailbox.inputValue()).toBe(support);
    const next = `ayuda-${stamp}@change-requests-e2e.example`;
    await mailbox.fill(next);
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByRole('status').filter({ hasText: 'Cambios guardados.' }).waitFor();
    expect((await call('GET', '/v1/settings', token)).support).toEqual({ email: next });
    await checkPage(page, 'change-requests-support-mailbox');
    // Emptied, it is removed: requests go to the company's own address again.
    await mailbox.fill('');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await expect
      .poll(async () => (await call('GET', '/v1/settings', token)).support)
      .toBeUndefined();
  });

  it('works at 375 px', async () => {
    const { page } = await pageAt(375);
    await signIn(page, owner.email, owner.password, '/change-requests');
    await page.getByText('No hay solicitudes en este estado.').waitFor();
    await page.getByRole('link', { name: 'Hechas' }).click();
    await row(page, invoice.number).waitFor();
    await checkPage(page, 'change-requests-queue-done');
    await page.goto(`/change-requests/${request.id}?lang=ca`);
    await expect
      .poll(() => heading(page).textContent())
      .toBe(`Correcció de dades de la factura ${invoice.number}`);
    await checkPage(page, 'change-requests-request-ca');
  });
});
