import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { aMexicanCustomer, SAT_TEST_CSD } from '../support/mexico.ts';
import { checkPage, watchedBrowser } from './support/browser.ts';
import { signIn } from './support/session.ts';

/**
 * The console of a Mexican tenant in Chromium, as its staff use it: a customer with its régimen
 * fiscal and fiscal postal code, a product with SAT's keys, a draft with its uso del CFDI (a use
 * the buyer's régimen does not allow is refused at its field), issued and stamped, its CFDI
 * downloaded, then cancelled at SAT with reason 02.
 */
const info = inject('platform');
const { pageAt } = watchedBrowser(info.portalUrl);

/** A business of this file's own with SAT's test CSD's RFC, signed up through the API. */
const owner = {
  email: `mx-owner-${randomBytes(4).toString('hex')}@kemper.example.mx`,
  password: 'una-clave-larga-de-prueba',
};
const CUSTOMER = aMexicanCustomer() as ReturnType<typeof aMexicanCustomer> & {
  taxId: string;
  name: string;
  email: string;
  taxRegime: string;
  address: { line1: string; city: string; postalCode: string };
};
const PRODUCT = {
  code: `CURSO-${randomBytes(2).toString('hex')}`,
  description: 'Curso de capacitación',
};
let token: string;
/** The RFC of SAT's test CSD (Escuela Kemper Urgate): the tenant's must match it. */
const SAT_TEST_CSD_RFC = 'EKU9003173C9';

interface ApiInvoice {
  id: string;
  number?: string;
  status: string;
  cfdiUse?: string;
  currency: string;
  lines: { satProductKey?: string; satUnitKey?: string; taxObject?: string }[];
  totals: { net: string; tax: string; total: string };
  cfdi?: {
    status: string;
    uuid?: string;
    cancellation?: { reason: string; status: string };
  };
}

async function call<T = Record<string, unknown>>(
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const response = await fetch(`${info.apiUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
  return (text ? JSON.parse(text) : undefined) as T;
}

beforeAll(async () => {
  await call('POST', '/v1/auth/sign-up', {
    body: {
      company: {
        name: 'ESCUELA KEMPER URGATE',
        taxId: SAT_TEST_CSD_RFC,
        address: {
          line1: 'Av. Vallarta 1',
          city: 'Guadalajara',
          postalCode: '44100',
          country: 'MX',
        },
      },
      owner: { name: 'Elena Kemper', email: owner.email, password: owner.password },
    },
  });
  ({ accessToken: token } = await call<{ accessToken: string }>('POST', '/v1/auth/sign-in', {
    body: owner,
  }));
  // What a CFDI needs of its issuer: its régimen, its place of issue, its CSD.
  const tenant = await call<{ version: number }>('GET', '/v1/tenant');
  await call('PATCH', '/v1/tenant', {
    body: { taxRegime: '601', expeditionPostalCode: '44100', timezone: 'America/Mexico_City' },
    headers: { 'if-match': `"v${tenant.version}"` },
  });
  await call('PUT', '/v1/csd', { body: SAT_TEST_CSD });
});

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

/** Picks an option of a React Aria select by the select's label and the option's text. */
async function choose(page: Page, scope: Locator | Page, label: RegExp, option: RegExp) {
  await scope.getByRole('button', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

let invoiceId: string | undefined;

describe('a Mexican tenant’s console', () => {
  it('creates a customer with its régimen, a product with SAT keys, and issues a stamped CFDI it then cancels', async () => {
    const { page, allowConsoleError } = await pageAt(1280);
    await signIn(page, owner.email, owner.password, '/customers/new');

    // The customer: in Mexico by default for a Mexican tenant, with what CFDI 4.0 asks of it.
    await expect.poll(() => heading(page).textContent()).toBe('Nuevo cliente');
    const country = page.getByRole('textbox', { name: /País/ });
    expect(await country.inputValue()).toBe('MX');
    await page.getByRole('textbox', { name: /^RFC/ }).fill(CUSTOMER.taxId);
    await page.getByRole('textbox', { name: /Nombre o razón social/ }).fill(CUSTOMER.name);
    await page.getByRole('textbox', { name: /Correo para las facturas/ }).fill(CUSTOMER.email);
    await page.getByRole('textbox', { name: 'Calle y número' }).fill(CUSTOMER.address.line1);
    await page
      .getByRole('textbox', { name: /Código postal del domicilio fiscal/ })
      .fill(CUSTOMER.address.postalCode);
    await page.getByRole('textbox', { name: /Población/ }).fill(CUSTOMER.address.city);
    await page.getByRole('combobox', { name: 'Régimen fiscal' }).selectOption(CUSTOMER.taxRegime);
    await checkPage(page, 'mx-customer-new');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByText(`Cliente ${CUSTOMER.name} creado.`).waitFor();
    const [customer] = (
      await call<{ items: { id: string; taxRegime?: string; address: { postalCode: string } }[] }>(
        'GET',
        `/v1/customers?taxId=${CUSTOMER.taxId}`,
      )
    ).items;
    expect(customer).toMatchObject({ taxRegime: '603', address: { postalCode: '06300' } });

    // Its page shows them back; a Spanish address would hide them.
    await page.goto(`/customers/${customer!.id}`);
    const regime = page.getByRole('combobox', { name: 'Régimen fiscal' });
    expect(await regime.inputValue()).toBe('603');
    await page.getByRole('textbox', { name: /País/ }).fill('ES');
    await expect.poll(() => regime.count()).toBe(0);

    // A product with SAT's keys, priced in pesos.
    await page.goto('/catalog/products/new');
    await expect.poll(() => heading(page).textContent()).toBe('Nuevo producto');
    await page.getByRole('textbox', { name: /^Código/ }).fill(PRODUCT.code);
    await page.getByRole('textbox', { name: /^Descripción/ }).fill(PRODUCT.description);
    await page.getByRole('textbox', { name: /^Precio unitario sin impuestos \(MXN\)/ }).fill('500');
    await page.getByRole('textbox', { name: /^Unidad/ }).fill('curso');
    await page.getByRole('textbox', { name: /^Clave de producto o servicio/ }).fill('86101700');
    await page.getByRole('textbox', { name: /^Clave de unidad/ }).fill('E48');
    expect(await page.getByRole('radio', { name: /^02 · Sí objeto de impuesto/ }).isChecked()).toBe(
      true,
    );
    expect(await page.getByRole('radio', { name: '16 %' }).isChecked()).toBe(true);
    await checkPage(page, 'mx-product-new');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByText(`Producto ${PRODUCT.code} creado.`).waitFor();
    const product = (
      await call<{ items: { code: string }[] }>('GET', '/v1/products?limit=200')
    ).items.find((p) => p.code === PRODUCT.code);
    expect(product).toMatchObject({
      satProductKey: '86101700',
      satUnitKey: 'E48',
      taxObject: '02',
      taxes: [{ type: 'IVA', rate: '16' }],
    });

    // A draft: the product's SAT keys come with it onto the line.
    await page.goto('/invoices/new');
    await expect.poll(() => heading(page).textContent()).toBe('Nueva factura');
    await choose(page, page, /Cliente/, new RegExp(CUSTOMER.name));
    const line = page.getByRole('group', { name: 'Línea 1' });
    await choose(page, line, /Producto del catálogo/, new RegExp(PRODUCT.code));
    expect(
      await line.getByRole('textbox', { name: /^Clave de producto o servicio/ }).inputValue(),
    ).toBe('86101700');
    expect(await line.getByRole('textbox', { name: /^Clave de unidad/ }).inputValue()).toBe('E48');
    await line.getByRole('textbox', { name: /^Cantidad/ }).fill('2');

    // A use a legal entity may not give (D01, personal deductions): the API's problem at the field.
    await choose(page, page, /Uso del CFDI/, /^D01 ·/);
    allowConsoleError(/status of 4\d\d.*\/v1\/invoices/);
    await page.getByRole('button', { name: 'Guardar y calcular' }).click();
    const useField = page.locator('.field', {
      has: page.getByRole('button', { name: /Uso del CFDI/ }),
    });
    await useField.locator('.field-error').waitFor();
    expect(await useField.locator('.field-error').textContent()).toMatch(/D01/);
    expect(page.url()).toMatch(/\/invoices\/new$/);
    await checkPage(page, 'mx-invoice-wrong-use');

    await choose(page, page, /Uso del CFDI/, /^G03 ·/);
    await page.getByRole('button', { name: 'Guardar y calcular' }).click();
    await page.waitForURL(/\/invoices\/(?!new)[^/]+$/);
    await page.getByText('Borrador guardado: totales calculados por Sello.').waitFor();
    invoiceId = new URL(page.url()).pathname.split('/').pop()!;
    const draft = await call<ApiInvoice>('GET', `/v1/invoices/${invoiceId}`);
    expect(draft).toMatchObject({
      status: 'draft',
      cfdiUse: 'G03',
      currency: 'MXN',
      lines: [{ satProductKey: '86101700', satUnitKey: 'E48', taxObject: '02' }],
      totals: { net: '1000.00', tax: '160.00', total: '1160.00' },
    });
    await checkPage(page, 'mx-invoice-editor');

    // Issued: numbered, sealed and stamped in the same request.
    await page.getByRole('button', { name: 'Emitir' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Emitir' }).click();
    await page.getByText(/^Factura .+ emitida\.$/).waitFor();
    const issued = await call<ApiInvoice>('GET', `/v1/invoices/${invoiceId}`);
    expect(issued.cfdi?.status).toBe('stamped');
    const uuid = issued.cfdi!.uuid!;
    expect(uuid).toMatch(/^[0-9A-F-]{36}$/i);
    await expect.poll(() => page.getByTestId('cfdi-uuid').textContent()).toBe(uuid);
    expect(await page.locator('[data-cfdi-status]').getAttribute('data-cfdi-status')).toBe(
      'stamped',
    );
    expect(await page.locator('.badge.cfdi-stamped').textContent()).toBe('Timbrado');

    // Its documents: the stamped XML and its PDF; Facturae, UBL and CII do not apply.
    const documents = page.getByRole('region', { name: 'Documentos' });
    expect((await documents.getByRole('button').allTextContents()).map((s) => s.trim())).toEqual([
      'Descargar PDF',
      'Descargar CFDI (XML timbrado)',
    ]);
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      documents.getByRole('button', { name: 'Descargar CFDI (XML timbrado)' }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/\.cfdi\.xml$/);
    const xml = (await readFile((await file.path())!)).toString('utf8');
    expect(xml).toContain('tfd:TimbreFiscalDigital');
    expect(xml.toUpperCase()).toContain(uuid.toUpperCase());
    expect(xml).toContain('UsoCFDI="G03"');
    expect(xml).toContain('RegimenFiscalReceptor="603"');
    expect(xml).toContain('DomicilioFiscalReceptor="06300"');
    expect(xml).toContain('ClaveProdServ="86101700"');
    await checkPage(page, 'mx-invoice-stamped');

    // Cancelled at SAT with reason 02 (errors without a relation): no substitute asked.
    await page.getByRole('button', { name: 'Cancelar', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Cancelar el CFDI ante el SAT' }).waitFor();
    await dialog.locator('label', { hasText: /^01 ·/ }).click();
    await dialog
      .getByRole('textbox', { name: /Folio fiscal \(UUID\) del CFDI que la sustituye/ })
      .waitFor();
    await dialog.locator('label', { hasText: /^02 ·/ }).click();
    await expect
      .poll(() => dialog.getByRole('textbox', { name: /que la sustituye/ }).count())
      .toBe(0);
    await checkPage(page, 'mx-cancel-dialog');
    await dialog.getByRole('button', { name: 'Solicitar la cancelación' }).click();
    await page.getByText('CFDI cancelado ante el SAT.').waitFor();
    const cancelled = await call<ApiInvoice>('GET', `/v1/invoices/${invoiceId}`);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.cfdi?.cancellation).toMatchObject({ reason: '02', status: 'cancelled' });
    await expect
      .poll(() => page.getByTestId('cfdi-cancellation').textContent())
      .toMatch(/Cancelado ante el SAT \(motivo 02\)/);
    expect(await page.locator('.badge.status-cancelled').textContent()).toBe('Cancelada');
    // Nothing left to cancel.
    expect(await page.getByRole('button', { name: 'Cancelar', exact: true }).count()).toBe(0);
    await checkPage(page, 'mx-invoice-cancelled');
  });

  it('works at 375 px: the customer, product and draft forms and the stamped invoice', async () => {
    expect(invoiceId, 'the first test issued an invoice').toBeDefined();
    const { page } = await pageAt(375);
    await signIn(page, owner.email, owner.password, '/customers/new');
    await page.getByRole('combobox', { name: 'Régimen fiscal' }).waitFor();
    await checkPage(page, 'mx-customer-new');
    await page.goto('/catalog/products/new');
    await page.getByRole('textbox', { name: /^Clave de producto o servicio/ }).waitFor();
    await checkPage(page, 'mx-product-new');
    await page.goto('/invoices/new');
    await page.getByRole('button', { name: /Uso del CFDI/ }).waitFor();
    await checkPage(page, 'mx-invoice-new');
    await page.goto(`/invoices/${invoiceId}`);
    await page.getByTestId('cfdi-uuid').waitFor();
    await checkPage(page, 'mx-invoice-cancelled');
  });
});
