import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, checkPage, WIDTHS, watchedBrowser } from './support/browser.ts';
import { signIn } from './support/session.ts';

/**
 * The customer's side of deposits in a browser: a registered recipient that is a customer of the
 * demo tenant signs in, opens Movements › invoicing, ticks deposits and watches the total card
 * (the API's figures, and how fast it follows 500 listed deposits), makes a draft, previews it,
 * corrects its fiscal data, issues it and downloads its PDF and XML. Another recipient, a
 * customer of the same tenant, sees none of it.
 */
const info = inject('platform');
const { pageAt } = watchedBrowser(info.portalUrl);

/** The browser's globals the in-page measurement uses (the test program has no DOM types). */
declare const document: {
  querySelector(selector: string): {
    click(): void;
  } | null;
};
declare const performance: {
  now(): number;
  getEntriesByName(name: string): { startTime: number }[];
  clearMarks(name?: string): void;
};
declare const requestAnimationFrame: (callback: () => void) => void;
declare class MutationObserver {
  constructor(callback: () => void);
  observe(target: unknown, options: object): void;
  disconnect(): void;
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

/** The demo tenant's API (its key), as an ERP calls it: the supplier's side. */
async function api(
  method: string,
  path: string,
  body?: unknown,
  token = info.apiKey,
  // biome-ignore lint/suspicious/noExplicitAny: the API's JSON answers, read by the test
): Promise<any> {
  const res = await fetch(`${info.apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** The status of a call with a recipient's token (for the ones that must fail). */
async function statusOf(path: string, token: string) {
  return (await fetch(`${info.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } }))
    .status;
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
const aTaxId = () => {
  const number = randomInt(10_000_000, 100_000_000);
  return `${number}${DNI_LETTERS[number % 23]}`;
};

interface StoredMail {
  subject: string;
  destination: { to: string[] };
  body: { text?: string };
  attachments?: { filename: string; contentType: string; size: number }[];
}

/** The mails to `address` whose subject names the invoice `number`. */
async function mailsAbout(number: string, address: string): Promise<StoredMail[]> {
  const store = (await (await fetch(`${info.mailUrl}/store`)).json()) as { emails: StoredMail[] };
  return store.emails.filter(
    (m) => m.subject.includes(number) && m.destination.to.some((t) => t.includes(address)),
  );
}

/** The key of the first notification mail that reached `address`. */
async function mailKeyFor(address: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const store = (await (await fetch(`${info.mailUrl}/store`)).json()) as {
      emails: StoredMail[];
    };
    const found = store.emails.find((m) => m.destination.to.some((t) => t.includes(address)));
    const link = /https?:\/\/\S+\/register\?\S+/.exec(found?.body.text ?? '')?.[0];
    if (link) return new URL(link).searchParams.get('key') ?? '';
    await new Promise((ok) => setTimeout(ok, 200));
  }
  throw new Error(`no mail reached ${address}`);
}

const password = 'una contraseña muy larga';

/**
 * A customer of the demo tenant that registered as a recipient: an invoice's notification
 * carries the mail key, the tenant gives the issuer key, the API registers it.
 */
async function aRegisteredCustomer(name: string) {
  const taxId = aTaxId();
  const email = `compras.${randomBytes(4).toString('hex')}@cliente.example`;
  const customer = await api('POST', '/v1/customers', {
    taxId,
    name,
    email,
    language: 'es',
    address: { line1: 'Calle Colón 14', city: 'Valencia', postalCode: '46004', country: 'ES' },
  });
  const draft = await api('POST', '/v1/invoices', {
    customerId: customer.id,
    lines: [
      {
        description: 'Alta de cuenta',
        quantity: '1',
        unitPrice: '1.00',
        taxes: [{ type: 'IVA', rate: '21' }],
      },
    ],
  });
  await api('POST', `/v1/invoices/${draft.id}/issue`);
  const emailKey = await mailKeyFor(email);
  const { key: issuerKey } = await api('POST', '/v1/onboarding-keys', { taxId });
  const signedIn = await api('POST', '/v1/recipients/register', {
    taxId,
    emailKey,
    issuerKey,
    name,
    email,
    password,
  });
  return { taxId, email, customerId: customer.id as string, token: signedIn.accessToken as string };
}

/** Money as the portal shows it in Spanish: `1.234,56 €`, grouping always. */
const euros = (amount: string) =>
  new Intl.NumberFormat('es-ES', { style: 'currency', currency: 'EUR', useGrouping: 'always' })
    .format(amount as Intl.StringNumericLiteral)
    .replace(/\s/g, ' ');
const text = async (locator: Locator) => (await locator.textContent())?.replace(/\s/g, ' ');

/** What the card shows, figure by figure. */
async function card(page: Page) {
  const figure = (name: string) => text(page.locator(`[data-total-card] [data-figure="${name}"]`));
  return {
    count: await figure('count'),
    net: await figure('net'),
    tax: await figure('tax'),
    total: await figure('total'),
  };
}

let notifications: boolean | undefined;
let ruiz: Awaited<ReturnType<typeof aRegisteredCustomer>>;
let bea: Awaited<ReturnType<typeof aRegisteredCustomer>>;
/** Ruiz's deposits, oldest first; the first three have the amounts the journey ticks. */
let deposits: { id: string; amount: string }[] = [];
const AMOUNTS = ['121.00', '60.50', '33.33'];
const invoicing = () => `/movements/${info.tenantId}`;
/** The invoice the journey makes and issues. */
let invoiceId: string;

beforeAll(async () => {
  notifications = (await api('GET', '/v1/settings')).notifications?.recipientsOnIssue;
  await api('PATCH', '/v1/settings', { notifications: { recipientsOnIssue: true } });
  ruiz = await aRegisteredCustomer('Clínica Dental Ruiz, S.L.P.');
  bea = await aRegisteredCustomer('Talleres Bea, S.L.');
  // 500 deposits to invoice: the three the journey ticks (the newest, listed first), and more.
  const batch = Array.from({ length: 500 }, (_, i) => ({
    customerId: ruiz.customerId,
    amount: i >= 497 ? AMOUNTS[499 - i]! : `${(10 + (i % 90)).toFixed(2)}`,
    currency: 'EUR',
    date: new Date(Date.UTC(2026, 10, 1, 8, 0, 0) + i * 60_000).toISOString(),
    method: 'card',
    reference: `RUIZ-${randomBytes(3).toString('hex')}-${String(i).padStart(3, '0')}`,
  }));
  const imported = await api('POST', '/v1/deposits', { deposits: batch });
  deposits = imported.items.map((d: { id: string }, i: number) => ({
    id: d.id,
    amount: batch[i]!.amount,
  }));
  // Bea has one deposit of its own.
  await api('POST', '/v1/deposits', {
    customerId: bea.customerId,
    amount: '75.00',
    currency: 'EUR',
    date: '2026-11-15T10:00:00+01:00',
    method: 'transfer',
    reference: `BEA-${randomBytes(3).toString('hex')}`,
  });
});

afterAll(async () => {
  await api('PATCH', '/v1/settings', {
    notifications: { recipientsOnIssue: notifications ?? false },
  });
  // The demo tenant's customer list is left as this file found it (another file starts from
  // "no customers yet"); invoices and deposits keep naming them.
  for (const c of [ruiz, bea]) if (c) await api('DELETE', `/v1/customers/${c.customerId}`);
});

describe("the customer's journey: movements › invoicing", () => {
  it('ticks deposits and the card shows what the API computes, at once even with 500 listed', async () => {
    const { page } = await pageAt(1280);
    await signIn(page, ruiz.email, password, '/inbox');
    const nav = page.getByRole('navigation', { name: 'Navegación principal' });
    await nav.getByRole('link', { name: 'Movimientos' }).click();
    // Its one supplier with deposits: straight to its invoicing page.
    await page.waitForURL(`**${invoicing()}`);
    await expect.poll(() => heading(page).textContent()).toBe('Facturación');
    await page.getByRole('heading', { name: '500 depósitos por facturar' }).waitFor();
    expect(await page.getByRole('checkbox').count()).toBe(500);
    expect(await card(page)).toEqual({
      count: '0',
      net: euros('0.00'),
      tax: euros('0.00'),
      total: euros('0.00'),
    });

    // Tick the three newest; the card says what the API says for them.
    const newest = deposits.slice(-3).reverse();
    for (const d of newest) await page.locator(`[id="tick-${d.id}"]`).check();
    const expected = await api(
      'POST',
      `/v1/recipients/me/suppliers/${info.tenantId}/deposits/totals`,
      { depositIds: newest.map((d) => d.id) },
      ruiz.token,
    );
    // 33.33 has no base at 21 % that totals it exactly: the invoice is a cent off what was paid,
    // and the card says so too.
    expect(expected).toMatchObject({ count: 3, paid: '214.83', total: '214.82' });
    await expect
      .poll(() => card(page))
      .toEqual({
        count: '3',
        net: euros(expected.net),
        tax: euros(expected.tax),
        total: euros(expected.total),
      });
    await checkPage(page, 'movements-invoicing-ticked');

    // How long the card takes to follow a tick, 500 deposits listed: from the click to the
    // frame after the card's figures changed, measured in the page. Reported, not asserted tight.
    const timings: number[] = [];
    for (const d of deposits.slice(100, 120)) {
      timings.push(
        await page.evaluate(
          (id) =>
            new Promise<number>((resolve) => {
              const box = document.querySelector(`[id="tick-${id}"]`)!;
              const figures = document.querySelector('[data-total-card] [data-figure="total"]');
              const start = performance.now();
              const seen = new MutationObserver(() => {
                seen.disconnect();
                requestAnimationFrame(() => resolve(performance.now() - start));
              });
              seen.observe(figures, { childList: true, characterData: true, subtree: true });
              box.click();
            }),
          d.id,
        ),
      );
    }
    const sorted = [...timings].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const worst = sorted.at(-1)!;
    console.log(
      `total card after a tick, 500 deposits listed: median ${median.toFixed(1)} ms, worst ${worst.toFixed(1)} ms over ${timings.length} ticks`,
    );
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(
      join(ARTIFACTS, 'total-card-timing.json'),
      JSON.stringify({ listed: 500, ticks: timings.length, median, worst, timings }, null, 2),
    );
    // A loose bound only: the machine is shared; the figure above is what is reported.
    expect(median).toBeLessThan(500);
    // The card still agrees with the API after 23 ticks.
    const ticked = [...newest, ...deposits.slice(100, 120)].map((d) => d.id);
    const after = await api(
      'POST',
      `/v1/recipients/me/suppliers/${info.tenantId}/deposits/totals`,
      { depositIds: ticked },
      ruiz.token,
    );
    expect(await card(page)).toEqual({
      count: '23',
      net: euros(after.net),
      tax: euros(after.tax),
      total: euros(after.total),
    });
  });

  it('makes a draft of the ticked deposits, previews it, corrects it, issues it, downloads it, asks for a change', async () => {
    const { page } = await pageAt(1280);
    await signIn(page, ruiz.email, password, invoicing());
    await page.getByRole('heading', { name: '500 depósitos por facturar' }).waitFor();
    const newest = deposits.slice(-3).reverse();
    for (const d of newest) await page.locator(`[id="tick-${d.id}"]`).check();
    await expect.poll(() => card(page).then((c) => c.total)).toBe(euros('214.82'));
    await page.getByRole('button', { name: 'Preparar la factura' }).click();
    await page.waitForURL(/\/movements\/[^/]+\/invoices\/[^/]+$/);
    invoiceId = page.url().split('/').at(-1)!;
    await expect.poll(() => heading(page).textContent()).toBe('Borrador de factura');
    // The draft says what the card said.
    const summary = page.getByRole('region', { name: 'Resumen' });
    await summary.getByText(euros('214.82')).waitFor();
    expect(await page.getByRole('region', { name: 'Conceptos' }).getByRole('row').count()).toBe(4);
    await checkPage(page, 'movements-draft');

    // The preview, drawn by the API with the recipient's token.
    const seen: { status: number; type?: string; bytes: Buffer }[] = [];
    await page.route(/\/documents\/pdf$/, async (route) => {
      const response = await route.fetch();
      const bytes = await response.body();
      seen.push({ status: response.status(), type: response.headers()['content-type'], bytes });
      await route.fulfill({ response, body: bytes });
    });
    await page.getByRole('button', { name: 'Vista previa (PDF)' }).click();
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]).toMatchObject({ status: 200, type: 'application/pdf' });
    expect(seen[0]?.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    await page.locator('iframe[title="PDF de la factura Borrador"]').waitFor();

    // Its fiscal data and the concept, corrected.
    await page.getByRole('textbox', { name: /^Concepto/ }).fill('Bonos de sesiones');
    await page
      .getByRole('textbox', { name: /^Nombre o razón social/ })
      .fill('Clínica Dental Ruiz Martí, S.L.P.');
    await page
      .getByRole('textbox', { name: /^Dirección/ })
      .first()
      .fill('Calle Colón 14, 2º');
    await page.getByRole('button', { name: 'Guardar la corrección' }).click();
    await page.getByText('Datos corregidos.').waitFor();
    await summary.getByText('Clínica Dental Ruiz Martí, S.L.P.').waitFor();
    await page
      .getByRole('cell', { name: /^Bonos de sesiones · / })
      .first()
      .waitFor();
    await checkPage(page, 'movements-draft-corrected');

    // Issued: a number, and its deposits are invoiced by it.
    await page.getByRole('button', { name: 'Emitir la factura' }).click();
    await expect.poll(() => heading(page).textContent()).toMatch(/^Factura \S+/);
    const invoice = await api('GET', `/v1/invoices/${invoiceId}`);
    expect(invoice).toMatchObject({ status: 'issued', totals: { total: '214.82' } });
    expect(await heading(page).textContent()).toBe(`Factura ${invoice.number}`);
    for (const d of newest) {
      expect(await api('GET', `/v1/deposits/${d.id}`)).toMatchObject({
        status: 'invoiced',
        invoiceId,
      });
    }
    const file = (invoice.number as string).replace(/[^\w.-]+/g, '_');
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Descargar PDF' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toBe(`${file}.pdf`);
    const [xml] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Descargar XML (Facturae)' }).click(),
    ]);
    expect(xml.suggestedFilename()).toBe(`${file}.xsig`);
    await checkPage(page, 'movements-issued');

    // A change asked, and followed on the page.
    await page
      .getByRole('textbox', { name: /^Mensaje/ })
      .fill('Debe figurar nuestro número de cliente 4411.');
    await page.getByRole('button', { name: 'Pedir el cambio' }).click();
    await page.getByText('Cambio pedido: la empresa le avisará por correo.').waitFor();
    const request = page.locator('[data-change-request]');
    await request.getByText('Pedido').waitFor();
    expect(await request.textContent()).toContain('Corregir datos');
    const queue = await api('GET', `/v1/change-requests?invoiceId=${invoiceId}`);
    expect(queue.items[0]).toMatchObject({
      type: 'correctData',
      requestedBy: { kind: 'recipient' },
    });
    await checkPage(page, 'movements-change-asked');

    // It reached the support mailbox (the demo tenant's own address: no support mailbox set).
    await expect
      .poll(
        async () =>
          (await mailsAbout(invoice.number as string, 'facturas@demo.sello.local')).length,
        {
          timeout: 10_000,
        },
      )
      .toBe(1);
    // Staff resolve it with a rectification; the customer's mail carries the corrective.
    const done = await api('POST', `/v1/change-requests/${queue.items[0].id}/resolve`, {
      outcome: 'done',
      correction: {
        type: 'rectify',
        reasonCode: '02',
        method: 'differences',
        lines: [
          {
            description: 'Número de cliente 4411',
            quantity: '1',
            unitPrice: '0.00',
            taxes: [{ type: 'IVA', rate: '21' }],
          },
        ],
      },
    });
    expect(done.request.status).toBe('done');
    const corrective = done.invoices[0];
    const withCorrective = async () =>
      (await mailsAbout(invoice.number as string, ruiz.email)).filter((m) =>
        m.attachments?.some((a) => a.filename === `${corrective.number}.pdf`),
      ).length;
    await expect.poll(withCorrective, { timeout: 10_000 }).toBe(1);
    await page.reload();
    await request.getByText('Hecho').waitFor();

    // Back on invoicing: the three are gone from the list, the invoice is among its invoices.
    await page.getByRole('link', { name: 'Volver a la facturación' }).click();
    await page.getByRole('heading', { name: '497 depósitos por facturar' }).waitFor();
    await page.getByRole('link', { name: invoice.number }).waitFor();

    // The other customer cannot read it.
    const base = `/v1/recipients/me/suppliers/${info.tenantId}`;
    expect(await statusOf(`${base}/invoices/${invoiceId}`, bea.token)).toBe(404);
    expect(await statusOf(`${base}/invoices/${invoiceId}/documents/pdf`, bea.token)).toBe(404);
  });

  it('another customer of the same supplier sees none of it', async () => {
    const own = deposits[0]!.id;
    const base = `/v1/recipients/me/suppliers/${info.tenantId}`;
    expect(await statusOf(`${base}/deposits/${own}`, ruiz.token)).toBe(200);
    expect(await statusOf(`${base}/deposits/${own}`, bea.token)).toBe(404);
    const beas = await api('GET', `${base}/deposits`, undefined, bea.token);
    expect(beas.items).toHaveLength(1);
    expect(beas.items[0].amount).toBe('75.00');

    const { page } = await pageAt(1280);
    await signIn(page, bea.email, password, invoicing());
    await page.getByRole('heading', { name: '1 depósito por facturar' }).waitFor();
    expect(await page.getByRole('checkbox').count()).toBe(1);
    expect(await page.getByText('Clínica Dental Ruiz').count()).toBe(0);
  });

  it('the customer pages fit and pass axe at 1280 and 375 px', async () => {
    for (const width of WIDTHS) {
      const { page } = await pageAt(width);
      await signIn(page, ruiz.email, password, invoicing());
      await page.getByRole('heading', { name: /depósitos por facturar/ }).waitFor();
      for (const d of deposits.slice(-5, -3)) await page.locator(`[id="tick-${d.id}"]`).check();
      await expect.poll(() => card(page).then((c) => c.count)).toBe('2');
      await checkPage(page, 'movements-invoicing');
      // What a person sees first (the full page is 500 rows long): the card stays in sight.
      await page.screenshot({ path: join(ARTIFACTS, `movements-invoicing-top-${width}.png`) });
      await page.goto(`${invoicing()}/invoices/${invoiceId}`);
      await page.locator('[data-change-request]').waitFor();
      await checkPage(page, 'movements-issued');
      await page.goto('/movements?lang=ca');
      await page.waitForURL(`**${invoicing()}`);
      await expect.poll(() => heading(page).textContent()).toBe('Facturació');
      await page.goto(`${invoicing()}?lang=en`);
      await expect.poll(() => heading(page).textContent()).toBe('Invoicing');
      await page.getByRole('heading', { name: /deposits to invoice/ }).waitFor();
      await page.goto(`${invoicing()}?lang=es`);
    }
  });
});
