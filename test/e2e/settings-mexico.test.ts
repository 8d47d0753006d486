import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalInfo } from '../support/local-platform.ts';
import { SAT_TEST_CSD } from '../support/mexico.ts';
import { checkPage, firstLoadJs, watchedBrowser } from './support/browser.ts';
import { signIn } from './support/session.ts';

/**
 * What a Mexican tenant configures in the settings: its régimen fiscal and place of issue, its
 * CSD (SAT's test one, RFC EKU9003173C9) and self-invoicing. The tenant is this file's own, signed
 * up through the API with the test CSD's RFC, so it starts with neither CSD nor self-invoicing
 * whatever the other browser test files did; a Spanish tenant (the demo's) sees no CSD.
 */
const info = inject('platform') as LocalInfo & {
  mx?: { apiKey: string; tenantId: string; companyNumber?: string };
};
const { pageAt } = watchedBrowser(info.portalUrl);
const CERTS = join(import.meta.dirname, '../fixtures/schemas/cfdi/certs');
/** SAT's test CSD: its certificate number is its serial number read as ASCII digits. */
const CSD_NUMBER = '30001000000500003416';

const owner = {
  email: `mx.${randomBytes(4).toString('hex')}@kemper-e2e.example.mx`,
  password: 'una frase de paso larga',
};

async function call(method: string, path: string, key?: string, body?: unknown) {
  const response = await fetch(`${info.apiUrl}${path}`, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

/** The owner's own token, to see what the API kept. */
async function asOwner(path: string) {
  const { json } = await call('POST', '/v1/auth/sign-in', undefined, owner);
  return (await call('GET', path, json.accessToken)).json;
}

beforeAll(async () => {
  const made = await call('POST', '/v1/auth/sign-up', undefined, {
    company: {
      name: 'ESCUELA KEMPER URGATE',
      taxId: 'EKU9003173C9',
      address: { line1: 'Av. Vallarta 1', city: 'Guadalajara', postalCode: '44100', country: 'MX' },
      timezone: 'America/Mexico_City',
    },
    owner: { name: 'Dueña de Prueba', ...owner },
  });
  expect(made.status, JSON.stringify(made.json)).toBe(201);
});

const heading = (page: Page, level: number) => page.getByRole('heading', { level });
const nav = (page: Page) =>
  page.getByRole('navigation', { name: /Secciones de la configuración|Settings sections/ });
const fieldError = (page: Page, control: ReturnType<Page['getByRole']>) =>
  page.locator('.field', { has: control }).locator('.field-error');

/** What the browser keeps between visits: a password must never be in it. */
const storage = (page: Page) =>
  page.evaluate(
    '[JSON.stringify(window.localStorage), JSON.stringify(window.sessionStorage), document.cookie].join(" ")',
  ) as Promise<string>;

describe('a Mexican tenant’s settings', () => {
  it('sets its régimen fiscal and place of issue, in Mexico’s words', async () => {
    const { page } = await pageAt(1280);
    await signIn(page, owner.email, owner.password, '/settings/company');
    await page.getByRole('heading', { name: 'Cambiar los datos' }).waitFor();
    // RFC, not NIF; estado, not provincia.
    await page.getByRole('textbox', { name: /^RFC/ }).waitFor();
    await page.getByRole('textbox', { name: /^Estado/ }).waitFor();
    const regime = page.getByRole('combobox', { name: 'Régimen fiscal' });
    expect(await regime.inputValue()).toBe('');
    await regime.selectOption('601');
    await page
      .getByRole('textbox', { name: /^Código postal del lugar de expedición/ })
      .fill('44100');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByText('Cambios guardados.').waitFor();
    expect(await asOwner('/v1/tenant')).toMatchObject({
      taxRegime: '601',
      expeditionPostalCode: '44100',
    });
    await expect
      .poll(() => page.locator('.settings-details').textContent())
      .toContain('601 · General de Ley Personas Morales');
    expect(await regime.inputValue()).toBe('601');
    await checkPage(page, 'settings-mx-company');
  });

  it('uploads its CSD, telling a wrong password at the password field', async () => {
    const { page, allowConsoleError } = await pageAt(1280);
    await signIn(page, owner.email, owner.password, '/settings/company');
    // None yet: the API's 404, which the browser logs.
    allowConsoleError(/404.*\/v1\/csd/);
    await nav(page).getByRole('link', { name: 'CSD (sello digital)' }).click();
    await page.waitForURL('**/settings/csd');
    await expect.poll(() => heading(page, 2).first().textContent()).toBe('CSD (sello digital)');
    await page.getByText('Todavía no has subido tu CSD').waitFor();

    await page.getByLabel('Certificado (.cer)').setInputFiles(join(CERTS, 'EKU9003173C9.cer'));
    await page.getByLabel('Clave privada (.key)').setInputFiles(join(CERTS, 'EKU9003173C9.key'));
    const password = page.getByRole('textbox', { name: /^Contraseña de la clave privada/ });
    await password.fill('not-the-password');
    allowConsoleError(/status of 400.*\/v1\/csd/);
    await page.getByRole('button', { name: 'Subir CSD' }).click();
    await expect.poll(() => password.getAttribute('aria-invalid')).toBe('true');
    expect(await fieldError(page, password).textContent()).toBe(
      'La contraseña no abre esta clave privada.',
    );
    // The password typed is gone from the field once sent; the files stay for the retry.
    expect(await password.inputValue()).toBe('');
    expect(await page.locator('.settings-file-name').allTextContents()).toEqual([
      'EKU9003173C9.cer',
      'EKU9003173C9.key',
    ]);
    await checkPage(page, 'settings-mx-csd-wrong-password');

    await password.fill(SAT_TEST_CSD.password);
    await page.getByRole('button', { name: 'Subir CSD' }).click();
    await page.getByText('CSD guardado: desde ahora sella tus CFDI.').waitFor();
    const current = page.getByRole('region', { name: 'CSD actual' });
    await expect.poll(() => current.textContent()).toContain(CSD_NUMBER);
    const details = await current.textContent();
    expect(details).toContain('EKU9003173C9');
    expect(details).toContain('ESCUELA KEMPER URGATE');
    expect(details).toContain('18 may 2027');
    expect(details).toContain('Vigente');
    expect(await password.inputValue()).toBe('');
    expect(await storage(page)).not.toContain(SAT_TEST_CSD.password);
    expect(await asOwner('/v1/csd')).toMatchObject({
      rfc: 'EKU9003173C9',
      certificateNumber: CSD_NUMBER,
    });
    await checkPage(page, 'settings-mx-csd');

    // Near its end and past it, the page warns (the browser's clock moved on; the API's not).
    await page.clock.setFixedTime(new Date('2027-05-01T12:00:00Z'));
    await nav(page).getByRole('link', { name: 'Autofacturación' }).click();
    await nav(page).getByRole('link', { name: 'CSD (sello digital)' }).click();
    await page.getByRole('alert').filter({ hasText: 'Tu CSD vence el 18 may 2027' }).waitFor();
    expect(await current.locator('.settings-state').textContent()).toBe('Por vencer');
    await checkPage(page, 'settings-mx-csd-expiring');
    await page.clock.setFixedTime(new Date('2027-06-01T12:00:00Z'));
    await nav(page).getByRole('link', { name: 'Autofacturación' }).click();
    await nav(page).getByRole('link', { name: 'CSD (sello digital)' }).click();
    await page.getByRole('alert').filter({ hasText: 'Tu CSD venció el 18 may 2027' }).waitFor();
    expect(await current.locator('.settings-state').textContent()).toBe('Vencido');

    // The same page in English, at a phone's width.
    const phone = await pageAt(375);
    await signIn(phone.page, owner.email, owner.password, '/settings/csd');
    await phone.page.goto('/settings/csd?lang=en');
    await phone.page.getByRole('region', { name: 'Current CSD' }).getByText(CSD_NUMBER).waitFor();
    await phone.page.getByRole('heading', { name: 'Replace the CSD' }).waitFor();
    await checkPage(phone.page, 'settings-mx-csd-en');
  });

  it('turns self-invoicing on with a company number and a limit in days, kept after a reload', async () => {
    const { page, allowConsoleError } = await pageAt(1280);
    await signIn(page, owner.email, owner.password, '/settings/company');
    await nav(page).getByRole('link', { name: 'Autofacturación' }).click();
    await page.waitForURL('**/settings/self-invoicing');
    await page.getByText('Aún no has configurado la autofacturación').waitFor();
    await checkPage(page, 'settings-mx-self-invoicing-new');

    await page.locator('label', { hasText: 'Activar la autofacturación' }).click();
    const number = page.getByRole('textbox', { name: /^Número de empresa/ });
    // Another company's number (the Mexican demo's) is refused at the field.
    if (info.mx?.companyNumber) {
      await number.fill(info.mx.companyNumber);
      allowConsoleError(/status of 409.*\/v1\/settings/);
      await page.getByRole('button', { name: 'Guardar' }).click();
      await expect.poll(() => number.getAttribute('aria-invalid')).toBe('true');
      expect(await fieldError(page, number).textContent()).toBe(
        'Otra empresa ya usa este número; elige otro.',
      );
      await checkPage(page, 'settings-mx-self-invoicing-taken');
    }
    const mine = `MX-${randomBytes(3).toString('hex').toUpperCase()}`;
    await number.fill(mine.toLowerCase());
    await page.locator('label', { hasText: 'Unos días desde la venta' }).click();
    await page.getByRole('textbox', { name: /^Días de plazo/ }).fill('10');
    await page.locator('label', { hasText: 'Dejarla pendiente de tu aprobación' }).click();
    await page.locator('label', { hasText: 'Un concepto genérico' }).click();
    await page.getByRole('textbox', { name: /^Concepto/ }).fill('Consumo');
    await page.getByRole('textbox', { name: /^Clave de producto o servicio/ }).fill('90101500');
    await page.getByRole('textbox', { name: /^Clave de unidad/ }).fill('E48');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByText('Cambios guardados.').waitFor();
    expect((await asOwner('/v1/settings')).selfInvoicing).toEqual({
      enabled: true,
      companyNumber: mine,
      limit: { kind: 'days', days: 10 },
      afterLimit: 'request',
      concept: { description: 'Consumo', satProductKey: '90101500', satUnitKey: 'E48' },
    });

    await page.reload();
    const link = page.getByRole('link', { name: new RegExp(`/f/${mine}$`) });
    await link.waitFor();
    expect(new URL((await link.getAttribute('href'))!).pathname).toBe(`/f/${mine}`);
    expect(await number.inputValue()).toBe(mine);
    expect(
      await page.getByRole('checkbox', { name: 'Activar la autofacturación' }).isChecked(),
    ).toBe(true);
    expect(await page.getByRole('radio', { name: 'Unos días desde la venta' }).isChecked()).toBe(
      true,
    );
    expect(await page.getByRole('textbox', { name: /^Días de plazo/ }).inputValue()).toBe('10');
    expect(await page.getByRole('radio', { name: 'Un concepto genérico' }).isChecked()).toBe(true);
    expect(await page.getByRole('textbox', { name: /^Clave de unidad/ }).inputValue()).toBe('E48');
    await checkPage(page, 'settings-mx-self-invoicing');

    // The public page answers to that number.
    const publicCompany = await call('GET', `/v1/public/self-invoicing/${mine}`);
    expect(publicCompany.status).toBe(200);

    const phone = await pageAt(375);
    await signIn(phone.page, owner.email, owner.password, '/settings/company');
    await phone.page.goto('/settings/self-invoicing?lang=en');
    await phone.page.getByRole('radio', { name: 'Some days from the sale' }).waitFor();
    await checkPage(phone.page, 'settings-mx-self-invoicing-en');
  });

  it('loads the settings area on demand, within the first-load budget', async () => {
    const { page } = await pageAt(375);
    await signIn(page, owner.email, owner.password, '/settings/company');
    const js = await firstLoadJs(page, '/settings/self-invoicing');
    expect(js.bytes, js.files.join(', ')).toBeLessThanOrEqual(200 * 1024);
    await page.getByRole('textbox', { name: /^Número de empresa/ }).waitFor();
    const csd = await firstLoadJs(page, '/settings/csd');
    expect(csd.bytes, csd.files.join(', ')).toBeLessThanOrEqual(200 * 1024);
    await page.getByRole('region', { name: 'CSD actual' }).getByText(CSD_NUMBER).waitFor();
  });
});

describe('a Spanish tenant’s settings', () => {
  it('have no CSD, and self-invoicing without SAT keys', async () => {
    const { page } = await pageAt(1280);
    await signIn(page, info.staffEmail, info.staffPassword, '/settings/company');
    await page.getByRole('textbox', { name: /^NIF/ }).waitFor();
    await nav(page).getByRole('link', { name: 'Autofacturación' }).waitFor();
    expect(await nav(page).getByRole('link', { name: /CSD/ }).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Régimen fiscal' }).count()).toBe(0);

    await nav(page).getByRole('link', { name: 'Autofacturación' }).click();
    await page.waitForURL('**/settings/self-invoicing');
    await page.locator('label', { hasText: 'Un concepto genérico' }).click();
    await page.getByRole('textbox', { name: /^Concepto/ }).waitFor();
    expect(await page.getByRole('textbox', { name: /^Clave de unidad/ }).count()).toBe(0);
    await checkPage(page, 'settings-es-self-invoicing');
  });
});
