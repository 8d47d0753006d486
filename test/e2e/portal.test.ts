import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, firstLoadJs, WIDTHS, watchedBrowser } from './support/browser.ts';
import { followNav } from './support/navigation.ts';
import { signIn } from './support/session.ts';

/** The portal's budget for the JavaScript of a first visit, gzipped. */
const FIRST_LOAD_BUDGET = 200 * 1024;

const info = inject('platform');
const { pageAt } = watchedBrowser(info.portalUrl);

/**
 * A business of this file's own, signed up through the API: its customer list starts empty
 * whatever the other browser test files did to the demo tenant.
 */
const owner = {
  company: 'Ferretería Portal Prueba, S.L.',
  email: `owner-${Date.now()}@portal-e2e.example`,
  password: 'una-clave-larga-de-prueba',
};

beforeAll(async () => {
  const signedUp = await fetch(`${info.apiUrl}/v1/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      company: {
        name: owner.company,
        taxId: 'B76543214',
        address: { line1: 'Calle Mayor 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
      },
      owner: { name: 'Olga Prueba', email: owner.email, password: owner.password },
    }),
  });
  expect(signedUp.status, await signedUp.clone().text()).toBe(201);
});

/** A page at `width` whose console errors fail the test that opened it. */

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

/** The developer page takes an API key for this tab, in place of a staff session. */
async function useApiKey(page: Page) {
  await page.goto('/developer');
  await page.getByRole('textbox', { name: /Clave de API|API key/ }).fill(info.apiKey);
  await page.getByRole('button', { name: /Usar esta clave|Use this key/ }).click();
  await page.waitForURL('**/customers');
}

describe('the portal in a browser', () => {
  it('first journey: languages, staff sign-in, a bad NIF shown at its field, then the customer in the list', async () => {
    const { page, allowConsoleError } = await pageAt(1280);

    // Spanish by default; what is signed out goes to sign-in.
    await page.goto('/');
    await page.waitForURL('**/sign-in?next=%2F');
    await expect.poll(() => heading(page).textContent()).toBe('Entrar en Sello');
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    await checkPage(page, 'sign-in-es');
    // The sign-in form checks its fields before anything is sent.
    let signIns = 0;
    page.on('request', (r) => {
      if (r.url().includes('/v1/auth/')) signIns += 1;
    });
    const email = page.getByRole('textbox', { name: 'Correo electrónico' });
    await email.fill('not-an-email');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    expect(
      await page.locator('.field', { has: email }).locator('.field-error').textContent(),
    ).toMatch(/correo/i);
    expect(signIns).toBe(0);

    // ?lang= on any URL, remembered for the next visit.
    await page.goto('/sign-in?lang=ca');
    await expect.poll(() => heading(page).textContent()).toBe('Entra a Sello');
    expect(await page.getAttribute('html', 'lang')).toBe('ca');
    await page.goto('/sign-in');
    await expect.poll(() => heading(page).textContent()).toBe('Entra a Sello');

    // The visible selector: English, then back to Spanish.
    await page.getByRole('link', { name: 'English' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Sign in to Sello');
    expect(page.url()).toContain('lang=en');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await checkPage(page, 'sign-in-en');
    await page.getByRole('link', { name: 'Español' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Entrar en Sello');

    // A wrong password is refused on the page; the demo owner's gets in, to where it was going.
    await page.goto('/sign-in?next=%2Fcustomers');
    allowConsoleError(/status of 401.*\/v1\/auth\/sign-in/);
    await email.fill(owner.email);
    await page.getByLabel(/^Contraseña/).fill('not-the-password');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'El correo o la contraseña no son correctos.' })
      .waitFor();
    await checkPage(page, 'sign-in-refused');
    await page.getByLabel(/^Contraseña/).fill(owner.password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.waitForURL('**/customers');
    await page.getByText('Todavía no hay clientes.').waitFor();
    expect(await page.getByText(`Sesión de ${owner.email}`).count()).toBe(1);
    await checkPage(page, 'customers-empty');

    // The form checks what it can with the API's own zod schema, before any request.
    await page.getByRole('link', { name: 'Nuevo cliente' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Nuevo cliente');
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/v1/customers')) posts += 1;
    });
    await page.getByRole('button', { name: 'Guardar' }).click();
    const name = page.getByRole('textbox', { name: /Nombre o razón social/ });
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.evaluate((el) => el.closest('.field')?.textContent)).toContain(
      'Obligatorio.',
    );
    expect(posts).toBe(0);
    // Focus goes to the first field in error.
    expect(await page.evaluate('document.activeElement.getAttribute("name")')).toBe('taxId');

    // A NIF with the wrong control letter: the API's problem+json lands next to the NIF field.
    const taxId = page.getByRole('textbox', { name: /NIF \/ identificador fiscal/ });
    await taxId.fill('12345678A');
    await name.fill('Talleres Navarro, S.L.');
    await page.getByRole('textbox', { name: 'Calle y número' }).fill('Calle Mayor 5');
    await page.getByRole('textbox', { name: /Código postal/ }).fill('28013');
    await page.getByRole('textbox', { name: /Población/ }).fill('Madrid');
    await page
      .getByRole('textbox', { name: /Correo para las facturas/ })
      .fill('admin@navarro.example');
    allowConsoleError(/status of 400.*\/v1\/customers/);
    await page.getByRole('button', { name: 'Guardar' }).click();
    await expect.poll(() => taxId.getAttribute('aria-invalid')).toBe('true');
    expect(posts).toBe(1);
    const taxIdField = page.locator('.field', { has: taxId });
    expect(await taxIdField.locator('.field-error').textContent()).toBe(
      'NIF 12345678A has control letter A; expected Z',
    );
    // The error is the field's accessible description, and no other field is marked.
    expect(await taxId.evaluate((el) => el.getAttribute('aria-describedby'))).toBeTruthy();
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(1);
    await checkPage(page, 'customer-new-bad-nif');

    // Fixed: created, and in the list.
    await taxId.fill('12345678Z');
    // Its error goes while typing, so nothing moves under the pointer on its way to Save.
    expect(await taxId.getAttribute('aria-invalid')).toBeNull();
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.waitForURL('**/customers');
    await page.getByText('Cliente Talleres Navarro, S.L. creado.').waitFor();
    const row = page.getByRole('row', { name: /Talleres Navarro, S\.L\./ });
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual([
      'Talleres Navarro, S.L.',
      '12345678Z',
      'Madrid',
      'admin@navarro.example',
    ]);
    await checkPage(page, 'customers-list');

    // Search by tax id, as typed.
    await page.getByRole('searchbox', { name: 'Buscar por NIF' }).fill('12345678-z');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/customers?taxId=12345678-z');
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
    await page.getByRole('searchbox', { name: 'Buscar por NIF' }).fill('B12345674');
    await page.keyboard.press('Enter');
    await page.getByText('Ningún cliente tiene ese identificador fiscal.').waitFor();

    // Edit: the form shows the customer, a change is saved with If-Match.
    await page.goto('/customers');
    await page.getByRole('link', { name: 'Talleres Navarro, S.L.' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Talleres Navarro, S.L.');
    const city = page.getByRole('textbox', { name: /Población/ });
    expect(await city.inputValue()).toBe('Madrid');
    await checkPage(page, 'customer-edit');
    await city.fill('Alcalá de Henares');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByText('Cambios guardados.').waitFor();
    expect(await page.getByRole('row', { name: /Talleres Navarro/ }).textContent()).toContain(
      'Alcalá de Henares',
    );
  });

  it('every page passes axe and fits at 1280 and 375 px', async () => {
    for (const width of WIDTHS) {
      const { page } = await pageAt(width);
      await page.goto('/sign-in');
      await heading(page).waitFor();
      await checkPage(page, 'sign-in');
      await page.goto('/developer');
      await heading(page).waitFor();
      await checkPage(page, 'developer');
      await signIn(page, owner.email, owner.password, '/customers');
      await page.getByRole('table').waitFor();
      await checkPage(page, 'customers');
      await followNav(page, 'Inicio');
      await page.getByText(owner.company, { exact: false }).first().waitFor();
      await checkPage(page, 'home');
      if (width < 600) {
        // The navigation folds behind the menu button; open, it lists every area of the role.
        const menu = page.getByRole('button', { name: 'Menú' });
        await menu.click();
        expect(await menu.getAttribute('aria-expanded')).toBe('true');
        await page.getByRole('link', { name: 'Usuarios' }).waitFor();
        await checkPage(page, 'menu-open');
        await menu.click();
      } else {
        expect(await page.getByRole('button', { name: 'Menú' }).isVisible()).toBe(false);
      }
      await followNav(page, 'Clientes');
      await page.getByRole('link', { name: 'Nuevo cliente' }).click();
      await heading(page).waitFor();
      await checkPage(page, 'customer-new');
      await page.goto('/customers');
      await page.getByRole('link', { name: 'Talleres Navarro, S.L.' }).click();
      await page.getByRole('textbox', { name: /Población/ }).waitFor();
      await checkPage(page, 'customer-edit');
      await page.goto('/no-such-page');
      await heading(page).waitFor();
      await checkPage(page, 'not-found');
    }
  });

  it(`keeps the first load under ${FIRST_LOAD_BUDGET / 1024} KB of JavaScript, gzipped`, async () => {
    const signInPage = await firstLoadJs((await pageAt(1280)).page, '/sign-in');
    const { page } = await pageAt(1280);
    await signIn(page, owner.email, owner.password);
    // A deep link (a reload: the session comes back through the refresh cookie) to the heaviest
    // page so far (the form: zod and the contracts' schemas).
    const form = await firstLoadJs(page, '/customers/new');
    console.log(
      `first-load JS, gzipped: /sign-in ${(signInPage.bytes / 1024).toFixed(1)} KB (${signInPage.files.join(', ')}); ` +
        `/customers/new ${(form.bytes / 1024).toFixed(1)} KB (${form.files.join(', ')})`,
    );
    expect(signInPage.bytes).toBeLessThanOrEqual(FIRST_LOAD_BUDGET);
    expect(form.bytes).toBeLessThanOrEqual(FIRST_LOAD_BUDGET);
  });

  it('the developer page lets an API key stand in for a session (local platform only)', async () => {
    const { page } = await pageAt(1280);
    await useApiKey(page);
    await expect.poll(() => heading(page).textContent()).toBe('Clientes');
    expect(await page.getByText('Con clave de API (desarrollo)').count()).toBe(1);
  });
});
