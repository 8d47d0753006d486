import { randomBytes, randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, WIDTHS, watchedBrowser } from './support/browser.ts';
import { followNav } from './support/navigation.ts';
import { signIn } from './support/session.ts';

/**
 * The staff's side of deposits in a browser: the deposits area with its filters (customer,
 * status, payment days), and a customer's deposits on its page.
 */
const info = inject('platform');
const { pageAt } = watchedBrowser(info.portalUrl);

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

/** The demo tenant's API (its key), as an ERP records its customers' payments. */
// biome-ignore lint/suspicious/noExplicitAny: the API's JSON answers, read by the test
async function api(method: string, path: string, body?: unknown): Promise<any> {
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
const aTaxId = () => {
  const number = randomInt(10_000_000, 100_000_000);
  return `${number}${DNI_LETTERS[number % 23]}`;
};

const tag = randomBytes(3).toString('hex');
const customers: { id: string; name: string }[] = [];

async function aCustomer(name: string) {
  const c = await api('POST', '/v1/customers', {
    taxId: aTaxId(),
    name,
    address: { line1: 'Calle Mayor 1', city: 'Huesca', postalCode: '22001', country: 'ES' },
  });
  customers.push({ id: c.id, name });
  return c.id as string;
}

const deposit = (customerId: string, amount: string, date: string, n: number) => ({
  customerId,
  amount,
  currency: 'EUR',
  date,
  method: n % 2 ? 'transfer' : 'card',
  reference: `STAFF-${tag}-${n}`,
});

let gimnasio: string;
let academia: string;

beforeAll(async () => {
  gimnasio = await aCustomer(`Gimnasio Ebro ${tag}`);
  academia = await aCustomer(`Academia Moncayo ${tag}`);
  await api('POST', '/v1/deposits', {
    deposits: [
      deposit(gimnasio, '30.00', '2026-10-05T09:00:00+02:00', 1),
      deposit(gimnasio, '45.50', '2026-11-03T09:00:00+01:00', 2),
      deposit(gimnasio, '12.00', '2026-11-20T09:00:00+01:00', 3),
      deposit(academia, '99.99', '2026-11-10T09:00:00+01:00', 4),
    ],
  });
});

afterAll(async () => {
  // The demo tenant's customer list is left as this file found it (another file starts from
  // "no customers yet"); their deposits keep naming them.
  for (const c of customers) await api('DELETE', `/v1/customers/${c.id}`);
});

describe("the staff's deposits", () => {
  it('lists deposits, filters them by customer, status and payment days, and shows them on the customer', async () => {
    const { page, allowConsoleError } = await pageAt(1280);
    await signIn(page, info.staffEmail, info.staffPassword, '/');
    await followNav(page, 'Depósitos');
    await expect.poll(() => heading(page).textContent()).toBe('Depósitos');
    const rowOf = (reference: string) => page.getByRole('row', { name: new RegExp(reference) });
    await rowOf(`STAFF-${tag}-4`).waitFor();
    expect(await rowOf(`STAFF-${tag}-4`).textContent()).toContain(`Academia Moncayo ${tag}`);
    expect(await rowOf(`STAFF-${tag}-4`).textContent()).toContain('Por facturar');
    await checkPage(page, 'deposits');

    // One customer, November only.
    await page.getByText('Filtros').click();
    await page.getByLabel('Cliente').selectOption(gimnasio);
    await page.getByLabel('Pagados desde').fill('2026-11-01');
    await page.getByLabel('Pagados hasta').fill('2026-11-30');
    await page.getByRole('button', { name: 'Filtrar' }).click();
    await page.waitForURL(
      (url) =>
        url.searchParams.get('customerId') === gimnasio &&
        url.searchParams.get('from') === '2026-11-01',
    );
    await rowOf(`STAFF-${tag}-3`).waitFor();
    const shown = await page.getByRole('row').allTextContents();
    expect(shown.filter((r) => r.includes(`STAFF-${tag}`))).toHaveLength(2);
    expect(shown.some((r) => r.includes(`STAFF-${tag}-1`))).toBe(false);
    await checkPage(page, 'deposits-filtered');

    // By status: nothing of theirs is invoiced yet.
    await page.goto(`/deposits?customerId=${gimnasio}&status=invoiced`);
    await page.getByText('Ningún depósito cumple los filtros.').waitFor();
    await page.getByRole('button', { name: 'Quitar filtros' }).click();
    await page.waitForURL((url) => url.pathname === '/deposits' && url.search === '');

    // The customer's page lists its deposits, newest first. (It has no invoicing policy yet:
    // the API answers that 404, which the browser logs.)
    allowConsoleError(/status of 404.*invoicing-policy/);
    await page.goto(`/customers/${gimnasio}`);
    await expect.poll(() => heading(page).textContent()).toBe(`Gimnasio Ebro ${tag}`);
    const section = page.getByRole('region', { name: 'Depósitos' });
    await section.getByRole('row', { name: new RegExp(`STAFF-${tag}-1`) }).waitFor();
    const rows = await section.getByRole('row').allTextContents();
    expect(rows.slice(1).map((r) => /STAFF-\w+-(\d)/.exec(r)?.[1])).toEqual(['3', '2', '1']);
    expect(rows[1]).toContain('12,00');
    await checkPage(page, 'customer-deposits');

    // Its automatic invoicing: every 7 days in Madrid's time, then off again.
    const policy = page.getByRole('region', { name: 'Facturación automática' });
    await policy.getByText('Sus depósitos no se facturan solos').waitFor();
    await policy.getByRole('radio', { name: 'Cada pocos días' }).check({ force: true });
    await policy.getByRole('radio', { name: '7 días' }).check({ force: true });
    await policy.getByRole('textbox', { name: /^Zona horaria/ }).fill('Europe/Madrid');
    await policy.getByRole('button', { name: 'Activar' }).click();
    await policy.getByText('Facturación automática guardada.').waitFor();
    await policy.getByText('Cada 7 días, una factura con los depósitos del periodo').waitFor();
    await policy.getByText(/^Próximas: /).waitFor();
    expect(await api('GET', `/v1/customers/${gimnasio}/invoicing-policy`)).toMatchObject({
      kind: 'everyDays',
      days: 7,
      timezone: 'Europe/Madrid',
    });
    await checkPage(page, 'customer-policy');
    allowConsoleError(/status of 404.*invoicing-policy/);
    await policy.getByRole('button', { name: 'Desactivar' }).click();
    await policy.getByText('Facturación automática desactivada.').waitFor();
    await policy.getByText('Sus depósitos no se facturan solos').waitFor();
    await section.getByRole('link', { name: /Ver sus depósitos en la lista/ }).click();
    await page.waitForURL((url) => url.searchParams.get('customerId') === gimnasio);
  });

  it('fits and passes axe at 1280 and 375 px, in Catalan and English too', async () => {
    for (const width of WIDTHS) {
      const { page, allowConsoleError } = await pageAt(width);
      await signIn(page, info.staffEmail, info.staffPassword, '/deposits');
      await page.getByRole('row', { name: new RegExp(`STAFF-${tag}-4`) }).waitFor();
      await checkPage(page, 'deposits');
      allowConsoleError(/status of 404.*invoicing-policy/);
      await page.goto(`/customers/${gimnasio}`);
      await page.getByText('Sus depósitos no se facturan solos').waitFor();
      await page.getByRole('region', { name: 'Depósitos' }).getByRole('table').waitFor();
      await checkPage(page, 'customer-deposits');
    }
    const { page } = await pageAt(1280);
    await signIn(page, info.staffEmail, info.staffPassword, '/deposits');
    await page.goto('/deposits?lang=ca');
    await expect.poll(() => heading(page).textContent()).toBe('Dipòsits');
    await page
      .getByRole('row', { name: /Per facturar/ })
      .first()
      .waitFor();
    await page.goto('/deposits?lang=en');
    await expect.poll(() => heading(page).textContent()).toBe('Deposits');
    await page
      .getByRole('row', { name: /To invoice/ })
      .first()
      .waitFor();
    await page.goto('/deposits?lang=es');
  });
});
