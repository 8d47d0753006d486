import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalInfo } from '../support/local-platform.ts';
import { checkPage, firstLoadJs, watchedBrowser } from './support/browser.ts';

/**
 * The public self-invoicing page (`/f/{companyNumber}`) in Chromium, without a session: a
 * Mexican company's ticket becomes a stamped CFDI, a Spanish one's a signed Facturae.
 */
const info = inject('platform') as LocalInfo & {
  mx?: { apiKey: string; tenantId: string; companyNumber?: string };
};
const { pageAt } = watchedBrowser(info.portalUrl);

const fresh = (prefix: string) => `${prefix}${randomBytes(3).toString('hex').toUpperCase()}`;

async function call(method: string, path: string, key: string, body?: unknown) {
  const res = await fetch(`${info.apiUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  expect(res.status, `${method} ${path}: ${text}`).toBeLessThan(300);
  return text ? JSON.parse(text) : undefined;
}

/**
 * Self-invoicing on for a demo tenant, under a company number of this run's own, unless it is on
 * already; `restore` leaves the tenant's settings as they were (the later browser test files
 * share the demo tenants).
 */
async function enable(key: string, extra: Record<string, unknown> = {}) {
  const before = (await call('GET', '/v1/settings', key)).selfInvoicing as
    | { enabled: boolean; companyNumber: string }
    | undefined;
  const restore = () => call('PATCH', '/v1/settings', key, { selfInvoicing: before ?? null });
  if (before?.enabled) return { key, companyNumber: before.companyNumber, restore };
  const companyNumber = fresh('E2E');
  await call('PATCH', '/v1/settings', key, {
    selfInvoicing: { enabled: true, companyNumber, limit: { kind: 'none' }, ...extra },
  });
  return { key, companyNumber, restore };
}

const importTicket = (key: string, ticket: Record<string, unknown>) =>
  call('POST', '/v1/tickets', key, {
    date: new Date(Date.now() - 3600_000).toISOString(),
    ...ticket,
  });

let mx: Awaited<ReturnType<typeof enable>>;
let es: Awaited<ReturnType<typeof enable>>;

beforeAll(async () => {
  expect(info.mx, 'local.json has the Mexican demo tenant').toBeDefined();
  mx = await enable(info.mx!.apiKey, {
    concept: { description: 'Venta', satProductKey: '01010101', satUnitKey: 'ACT' },
  });
  es = await enable(info.apiKey);
});

afterAll(async () => {
  await mx?.restore();
  await es?.restore();
});

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const fieldError = (page: Page, name: RegExp) =>
  page.locator('.field', { has: page.getByRole('textbox', { name }) }).locator('.field-error');

async function fillMexicanBuyer(page: Page, reference: string, total: string) {
  await page.getByRole('textbox', { name: /^Número del ticket/ }).fill(reference);
  await page.getByRole('textbox', { name: /^Importe total/ }).fill(total);
  await page.getByRole('textbox', { name: /^RFC/ }).fill('MCI7306249Y6');
  await page
    .getByRole('textbox', { name: /^Nombre o razón social/ })
    .fill('MINISTERIO DE CULTURA INDIGENA');
  await page.getByRole('textbox', { name: /^Código postal/ }).fill('06300');
  await page.getByRole('combobox', { name: 'Régimen fiscal' }).selectOption('603');
  await page.getByRole('textbox', { name: /^Correo electrónico/ }).fill('compras@mci.example.mx');
}

describe('the self-invoicing page', () => {
  it('says so when a company number does not exist', async () => {
    const { page, allowConsoleError } = await pageAt(375);
    allowConsoleError(/status of 404/);
    await page.goto('/f/NO-SUCH-NUMBER');
    await page.getByText(/no existe o la empresa no ofrece autofacturación/).waitFor();
    await checkPage(page, 'self-invoicing-missing');
  });

  it('turns a Mexican ticket into a stamped CFDI, refusing a wrong total and a second redemption', async () => {
    const reference = fresh('T-');
    await importTicket(mx.key, {
      reference,
      total: '116.00',
      currency: 'MXN',
      taxes: [{ type: 'IVA', rate: '16', base: '100.00', amount: '16.00' }],
    });
    const { page, allowConsoleError } = await pageAt(1280);
    await page.goto(`/f/${mx.companyNumber}`);
    await expect.poll(() => heading(page).textContent()).toBe('Solicita tu factura');
    // Mexican wording, and SAT's catalogs as selects; G03 by default.
    const use = page.getByRole('combobox', { name: 'Uso del CFDI' });
    expect(await use.inputValue()).toBe('G03');
    await checkPage(page, 'self-invoicing-mx');

    // A wrong total: refused at the total field, in the page's words; nothing issued.
    allowConsoleError(/status of 422/);
    await fillMexicanBuyer(page, reference, '115.00');
    await page.getByRole('button', { name: 'Obtener la factura' }).click();
    const total = page.getByRole('textbox', { name: /^Importe total/ });
    await expect.poll(() => total.getAttribute('aria-invalid')).toBe('true');
    expect(await fieldError(page, /^Importe total/).textContent()).toMatch(/no coincide/);
    await checkPage(page, 'self-invoicing-mx-wrong-total');

    await total.fill('116.00');
    await page.getByRole('button', { name: 'Obtener la factura' }).click();
    await page.getByRole('heading', { name: 'Factura emitida' }).waitFor();
    const uuid = await page.getByTestId('invoice-uuid').textContent();
    expect(uuid).toMatch(/^[0-9A-F-]{36}$/i);
    expect(await page.getByTestId('invoice-number').textContent()).toMatch(/\S/);
    await checkPage(page, 'self-invoicing-mx-issued');

    const xmlLink = page.getByRole('link', { name: 'Descargar XML' });
    const pdfLink = page.getByRole('link', { name: 'Descargar PDF' });
    const xml = await (await fetch((await xmlLink.getAttribute('href'))!)).text();
    expect(xml).toContain('tfd:TimbreFiscalDigital');
    expect(xml.toUpperCase()).toContain(uuid!.toUpperCase());
    // The PDF link downloads in the browser.
    const [download] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');

    // A second redemption of the same ticket is refused, at the ticket number.
    allowConsoleError(/status of 409/);
    await page.getByRole('button', { name: 'Facturar otro ticket' }).click();
    await fillMexicanBuyer(page, reference, '116.00');
    await page.getByRole('button', { name: 'Obtener la factura' }).click();
    const ref = page.getByRole('textbox', { name: /^Número del ticket/ });
    await expect.poll(() => ref.getAttribute('aria-invalid')).toBe('true');
    expect(await fieldError(page, /^Número del ticket/).textContent()).toMatch(/ya está facturado/);
  });

  it('works at 375 px, within the first-load budget', async () => {
    const { page } = await pageAt(375);
    // A buyer's phone opens this link first: the portal's budget for a first visit, gzipped.
    const js = await firstLoadJs(page, `/f/${mx.companyNumber}`);
    expect(js.bytes, js.files.join(', ')).toBeLessThanOrEqual(200 * 1024);
    await page.getByRole('combobox', { name: 'Régimen fiscal' }).waitFor();
    await checkPage(page, 'self-invoicing-mx');
  });

  it('gives a Spanish ticket’s buyer a signed Facturae, in the language chosen', async () => {
    const reference = fresh('T-');
    await importTicket(es.key, {
      reference,
      total: '24.20',
      currency: 'EUR',
      taxes: [{ type: 'IVA', rate: '21', base: '20.00', amount: '4.20' }],
    });
    const { page } = await pageAt(375);
    await page.goto(`/f/${es.companyNumber}?lang=ca`);
    await expect.poll(() => heading(page).textContent()).toBe('Sol·licita la teva factura');
    await page.getByRole('textbox', { name: /^Número del tiquet/ }).fill(reference);
    // Typed the Spanish way, with a comma.
    await page.getByRole('textbox', { name: /^Import total/ }).fill('24,20');
    await page.getByRole('textbox', { name: /^NIF/ }).fill('A58818501');
    await page
      .getByRole('textbox', { name: /^Nom o raó social/ })
      .fill('Distribuciones Mediterráneo, S.A.');
    await page.getByRole('textbox', { name: /^Adreça/ }).fill('Carrer de Balmes 200');
    await page.getByRole('textbox', { name: /^Població/ }).fill('Barcelona');
    await page.getByRole('textbox', { name: /^Codi postal/ }).fill('08008');
    await page.getByRole('textbox', { name: /^Correu electrònic/ }).fill('compres@example.es');
    await checkPage(page, 'self-invoicing-es-ca');
    await page.getByRole('button', { name: 'Obtenir la factura' }).click();
    await page.getByRole('heading', { name: 'Factura emesa' }).waitFor();
    expect(await page.getByTestId('invoice-uuid').count()).toBe(0);
    await checkPage(page, 'self-invoicing-es-issued');
    const href = await page.getByRole('link', { name: 'Descarregar l’XML' }).getAttribute('href');
    const xml = await (await fetch(href!)).text();
    expect(xml).toContain('ds:Signature');
    expect(xml).toContain('A58818501');
    const pdf = await fetch(
      (await page.getByRole('link', { name: 'Descarregar el PDF' }).getAttribute('href'))!,
    );
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 4)
        .toString('latin1'),
    ).toBe('%PDF');
  });

  it('says a ticket past the limit awaits the company’s approval', async () => {
    await call('PATCH', '/v1/settings', es.key, {
      selfInvoicing: { limit: { kind: 'days', days: 1 }, afterLimit: 'request' },
    });
    const reference = fresh('T-');
    await importTicket(es.key, {
      reference,
      date: new Date(Date.now() - 5 * 86_400_000).toISOString(),
      total: '12.10',
      currency: 'EUR',
      taxes: [{ type: 'IVA', rate: '21', base: '10.00', amount: '2.10' }],
    });
    const { page } = await pageAt(1280);
    await page.goto(`/f/${es.companyNumber}?lang=en`);
    await expect.poll(() => heading(page).textContent()).toBe('Get your invoice');
    await page.getByRole('textbox', { name: /^Ticket number/ }).fill(reference);
    await page.getByRole('textbox', { name: /^Total amount/ }).fill('12.10');
    await page.getByRole('textbox', { name: /^Tax id \(NIF\)/ }).fill('A58818501');
    await page
      .getByRole('textbox', { name: /^Name or company name/ })
      .fill('Distribuciones Mediterráneo, S.A.');
    await page.getByRole('textbox', { name: /^Address/ }).fill('Carrer de Balmes 200');
    await page.getByRole('textbox', { name: /^Town or city/ }).fill('Barcelona');
    await page.getByRole('textbox', { name: /^Postal code/ }).fill('08008');
    await page.getByRole('textbox', { name: /^E-mail/ }).fill('compres@example.es');
    await page.getByRole('button', { name: 'Get the invoice' }).click();
    await page.getByRole('heading', { name: 'Request sent' }).waitFor();
    expect(await page.locator('.self-invoicing-outcome').textContent()).toMatch(
      /awaits .*approval/,
    );
    await checkPage(page, 'self-invoicing-es-requested');
  });
});
