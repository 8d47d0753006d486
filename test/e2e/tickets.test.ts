import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalInfo } from '../support/local-platform.ts';
import { checkPage, watchedBrowser } from './support/browser.ts';
import { followNav } from './support/navigation.ts';
import { signIn } from './support/session.ts';

/**
 * The console's tickets area in Chromium: the tickets with their status and what they became,
 * one ticket, the late requests approved (invoiced) or declined (the buyer mailed why), and a
 * Mexican tenant's global invoices.
 */
const info = inject('platform') as LocalInfo & { mx?: { apiKey: string; tenantId: string } };
const { pageAt } = watchedBrowser(info.portalUrl);

const fresh = (prefix: string) => `${prefix}${randomBytes(3).toString('hex').toUpperCase()}`;

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

/** A business of this file's own (its ticket list starts empty), with its owner's sign-in. */
const owner = {
  company: 'Cafetería Tickets Prueba, S.L.',
  email: `owner-${Date.now()}@tickets-e2e.example`,
  password: 'una-clave-larga-de-prueba',
};
let token: string;
let companyNumber: string;

const now = new Date();
/** A sale in the middle of last month: past a natural-month limit today. */
const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 14, 18));
const period = lastMonth.toISOString().slice(0, 7);
const recent = () => new Date(Date.now() - 3600_000).toISOString();

const spanishTicket = (reference: string, date: string) => ({
  reference,
  date,
  total: '24.20',
  currency: 'EUR',
  store: 'Tienda Centro',
  taxes: [{ type: 'IVA', rate: '21', base: '20.00', amount: '4.20' }],
});
const buyer = {
  taxId: 'A58818501',
  name: 'Distribuciones Mediterráneo, S.A.',
  postalCode: '08006',
  address: { line1: 'Carrer de Balmes 200', city: 'Barcelona' },
};
const redeem = (reference: string, email: string) =>
  fetch(`${info.apiUrl}/v1/public/self-invoicing/${companyNumber}/invoices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reference, total: '24.20', buyer, email }),
  });

const refs = {
  open: fresh('A-'),
  redeemed: fresh('B-'),
  approved: fresh('C-'),
  declined: fresh('D-'),
};
const emails = {
  redeemed: `b-${Date.now()}@buyer.example`,
  approved: `c-${Date.now()}@buyer.example`,
  declined: `d-${Date.now()}@buyer.example`,
};
let redeemedInvoiceId: string;

beforeAll(async () => {
  await call('POST', '/v1/auth/sign-up', undefined, {
    company: {
      name: owner.company,
      taxId: 'B23456783',
      address: { line1: 'Calle Mayor 2', city: 'Madrid', postalCode: '28013', country: 'ES' },
    },
    owner: { name: 'Teresa Prueba', email: owner.email, password: owner.password },
  });
  ({ accessToken: token } = await call('POST', '/v1/auth/sign-in', undefined, {
    email: owner.email,
    password: owner.password,
  }));
  companyNumber = fresh('TKT');
  await call('PATCH', '/v1/settings', token, {
    selfInvoicing: {
      enabled: true,
      companyNumber,
      limit: { kind: 'naturalMonth' },
      afterLimit: 'request',
      concept: { description: 'Consumiciones' },
    },
  });
  await call('POST', '/v1/tickets', token, {
    tickets: [
      spanishTicket(refs.open, recent()),
      spanishTicket(refs.redeemed, recent()),
      spanishTicket(refs.approved, lastMonth.toISOString()),
      spanishTicket(refs.declined, lastMonth.toISOString()),
    ],
  });
  // One redeemed through the public API within its limit; two asked for after it.
  const redeemed = await redeem(refs.redeemed, emails.redeemed);
  expect(redeemed.status).toBe(201);
  redeemedInvoiceId = ((await redeemed.json()) as { invoiceId: string }).invoiceId;
  expect((await redeem(refs.approved, emails.approved)).status).toBe(202);
  expect((await redeem(refs.declined, emails.declined)).status).toBe(202);
});

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const row = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });

/** Mails the local SES server holds for `address`. */
async function mailsTo(address: string) {
  const store = (await (await fetch(`${info.mailUrl}/store`)).json()) as {
    emails: { subject: string; destination: { to: string[] }; body: { text?: string } }[];
  };
  return store.emails.filter((m) => m.destination.to.some((t) => t.includes(address)));
}

describe('the tickets area', () => {
  it('lists the tickets with their status and the invoice each became, filters them, and shows one', async () => {
    const { page } = await pageAt(1280);
    await signIn(page, owner.email, owner.password);
    await followNav(page, 'Tickets');
    await page.waitForURL('**/tickets');
    await row(page, refs.open).waitFor();
    expect(await heading(page).textContent()).toBe('Tickets');
    expect(await row(page, refs.open).textContent()).toContain('Pendiente');
    expect(await row(page, refs.open).textContent()).toMatch(/24,20\s€/);
    expect(await row(page, refs.open).textContent()).toContain('Tienda Centro');
    const invoiced = row(page, refs.redeemed);
    expect(await invoiced.textContent()).toContain('Facturado');
    expect(await row(page, refs.approved).textContent()).toContain('Solicitud fuera de plazo');
    await checkPage(page, 'tickets-list');

    // Filtered by status through the URL's filters.
    await page.getByRole('button', { name: /Estado/ }).click();
    await page.getByRole('option', { name: 'Facturado' }).click();
    await page.getByRole('button', { name: 'Filtrar' }).click();
    await page.waitForURL('**/tickets?status=invoiced');
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
    expect(await row(page, refs.redeemed).count()).toBe(1);

    // The invoice the ticket became, one click away.
    const invoiceLink = row(page, refs.redeemed).getByRole('link', {
      name: `Ver la factura del ticket ${refs.redeemed}`,
    });
    expect(await invoiceLink.getAttribute('href')).toBe(`/invoices/${redeemedInvoiceId}`);
    await invoiceLink.click();
    await page.waitForURL(`**/invoices/${redeemedInvoiceId}`);
    await expect.poll(() => heading(page).textContent()).toMatch(/^Factura F\d{4}-\d{6}/);

    // One ticket: its tax breakdown and status.
    await page.goto('/tickets');
    await row(page, refs.open).getByRole('link', { name: refs.open }).click();
    await expect.poll(() => heading(page).textContent()).toBe(`Ticket ${refs.open}`);
    const taxes = page.getByRole('region', { name: 'Desglose de impuestos' });
    expect(await taxes.getByRole('row').nth(1).textContent()).toMatch(/IVA 21 %20,00\s€4,20\s€/);
    await checkPage(page, 'tickets-ticket');
  });

  it('approves one late request (invoiced) and declines another (the buyer is mailed why)', async () => {
    const { page } = await pageAt(1280);
    await signIn(page, owner.email, owner.password, '/tickets/late-requests');
    await expect.poll(() => heading(page).textContent()).toBe('Solicitudes fuera de plazo');
    await row(page, refs.approved).waitFor();
    expect(await row(page, refs.declined).textContent()).toContain('NIF A58818501');
    expect(await row(page, refs.declined).textContent()).toContain(emails.declined);
    await checkPage(page, 'tickets-late-requests');

    await page
      .getByRole('button', { name: `Aprobar la solicitud del ticket ${refs.approved}` })
      .click();
    const notice = page.getByRole('status').filter({ hasText: 'emitida' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain(refs.approved);
    expect(await notice.textContent()).toContain(emails.approved);
    await expect.poll(() => row(page, refs.approved).count()).toBe(0);
    await checkPage(page, 'tickets-late-approved');

    await row(page, refs.declined).getByRole('button', { name: 'Rechazar' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const reason = 'El ticket se pagó con tarjeta de empresa: pida la factura a su departamento.';
    await dialog.getByRole('textbox', { name: /^Motivo/ }).fill(reason);
    await checkPage(page, 'tickets-late-decline');
    await dialog.getByRole('button', { name: 'Rechazar y avisar' }).click();
    await page.getByRole('status').filter({ hasText: 'rechazada' }).waitFor();
    await expect.poll(() => row(page, refs.declined).count()).toBe(0);
    await page.getByText('No hay solicitudes esperando.').waitFor();

    const mails = await mailsTo(emails.declined);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(
      `no ha aceptado su solicitud de factura del ticket ${refs.declined}`,
    );
    expect(mails[0]!.body.text).toContain(reason);

    // The approved ticket is invoiced now, with its link; the declined one open, with why.
    await page.getByRole('link', { name: 'Tickets', exact: true }).first().click();
    await expect.poll(() => row(page, refs.approved).textContent()).toContain('Facturado');
    expect(
      await row(page, refs.approved)
        .getByRole('link', { name: `Ver la factura del ticket ${refs.approved}` })
        .getAttribute('href'),
    ).toMatch(/^\/invoices\/inv_/);
    await row(page, refs.declined).getByRole('link', { name: refs.declined }).click();
    const request = page.getByRole('region', { name: 'Solicitud rechazada' });
    await request.waitFor();
    expect(await request.textContent()).toContain(reason);
    await checkPage(page, 'tickets-ticket-declined');
  });

  it('works at 375 px', async () => {
    const { page } = await pageAt(375);
    await signIn(page, owner.email, owner.password, '/tickets');
    await row(page, refs.open).waitFor();
    await checkPage(page, 'tickets-list');
    // In Catalan, the same list.
    await page.goto('/tickets/late-requests?lang=ca');
    await expect.poll(() => heading(page).textContent()).toBe('Sol·licituds fora de termini');
    await page.getByText('No hi ha sol·licituds esperant.').waitFor();
    await checkPage(page, 'tickets-late-requests-ca');
  });
});

describe('the global invoices (Mexico)', () => {
  it('are not offered to a Spanish tenant', async () => {
    const { page } = await pageAt(1280);
    await signIn(page, owner.email, owner.password, '/tickets');
    await row(page, refs.open).waitFor();
    const tabs = page.getByRole('navigation', { name: 'Partes de los tickets' });
    expect(await tabs.getByRole('link').allTextContents()).toEqual([
      'Tickets',
      'Solicitudes fuera de plazo',
    ]);
  });

  it('closes a month for the Mexican tenant and lists its global with the folio fiscal', async () => {
    expect(info.mx, 'local.json has the Mexican demo tenant').toBeDefined();
    const key = info.mx!.apiKey;
    const reference = fresh('MX-');
    await call('POST', '/v1/tickets', key, {
      reference,
      date: lastMonth.toISOString(),
      total: '116.00',
      currency: 'MXN',
      taxes: [{ type: 'IVA', rate: '16', base: '100.00', amount: '16.00' }],
    });
    const { page } = await pageAt(1280);
    // The Mexican demo tenant has no staff: its API key stands in (local platform only).
    await page.goto('/developer');
    await page.getByRole('textbox', { name: /Clave de API|API key/ }).fill(key);
    await page.getByRole('button', { name: /Usar esta clave|Use this key/ }).click();
    await page.waitForURL('**/customers');
    await followNav(page, 'Tickets');
    await page.getByRole('link', { name: 'Facturas globales' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Facturas globales');
    const month = page.getByRole('textbox', { name: /^Mes/ });
    await month.waitFor();
    expect(await month.inputValue()).toBe(period);
    await page.getByRole('button', { name: 'Cerrar el mes' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Factura global de ${period} timbrada` })
      .waitFor();
    const global = row(page, period);
    await expect.poll(() => global.textContent()).toContain('Timbrada');
    expect(await global.textContent()).toMatch(
      /[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}/i,
    );
    await checkPage(page, 'tickets-globals');

    // The ticket says which global it is in.
    const ticket = await call('GET', `/v1/tickets?reference=${reference}`, key);
    expect(ticket.items[0]).toMatchObject({ status: 'global', globalInvoiceId: `glb_${period}` });

    // The stamped XML downloads (when the API has the route: `useCan` knows it).
    const download = global.getByRole('button', { name: `Descargar el XML timbrado de ${period}` });
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync((await file.path())!, 'utf8')).toContain('tfd:TimbreFiscalDigital');

    // In the list, the ticket is in that global.
    await page.getByRole('link', { name: 'Tickets', exact: true }).last().click();
    // (What the list held before is shown while it is fetched again.)
    await expect
      .poll(() => row(page, reference).textContent(), { timeout: 10_000 })
      .toContain('En factura global');
    expect(
      await row(page, reference)
        .getByRole('link', { name: `Factura global ${period}` })
        .count(),
    ).toBe(1);
    await checkPage(page, 'tickets-list-mx');
  });
});
