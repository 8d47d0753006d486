import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, WIDTHS, watchedBrowser } from './support/browser.ts';
import { followNav } from './support/navigation.ts';
import { signIn } from './support/session.ts';

/**
 * Workshop claims in Chromium: a claim opened in the console, the appraiser's valuation imported
 * (1,234.56 € with a franchise of 300.00 €), the split seen as the franchise is typed, the two
 * drafts made, previewed and issued together, their totals adding up on the page, and each
 * forwarded; the work centres in settings and each user's connector credentials in the profile.
 */
const info = inject('platform');
const { pageAt } = watchedBrowser(info.portalUrl);

async function call(
  method: string,
  path: string,
  key: string | undefined,
  body?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: the API's JSON answers, read by the test
): Promise<any> {
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

/** A workshop of this file's own (its lists start empty), with its owner's sign-in. */
const stamp = Date.now();
const owner = {
  company: 'Talleres Siniestro Prueba, S.L.',
  email: `owner-${stamp}@claims-e2e.example`,
  password: 'una-clave-larga-de-prueba',
};
const claimNumber = `SIN-${stamp}`;
let token: string;
const insurer = { name: 'Mutua Aseguradora Prueba, S.A.', id: '' };
const insured = { name: 'Laura Conductora Prueba', id: '' };

/** The appraiser's valuation: 1,020.30 before IVA 21 %, 1,234.56 with it; franchise 300.00. */
const VALUATION = {
  version: 1,
  lines: [
    {
      kind: 'part',
      reference: '5N0807221',
      description: 'Paragolpes delantero',
      quantity: '1',
      unitPrice: '420.30',
    },
    {
      kind: 'labour',
      category: 'bodywork',
      description: 'Desmontar y montar paragolpes',
      quantity: '5',
      unitPrice: '60.00',
    },
    { kind: 'paint', description: 'Pintar paragolpes', quantity: '3', unitPrice: '70.00' },
    { kind: 'material', description: 'Materiales de pintura', quantity: '1', unitPrice: '90.00' },
  ],
  franchise: '300.00',
  taxes: [{ type: 'IVA', rate: '21' }],
  appraiser: { name: 'Perito Prueba' },
};

beforeAll(async () => {
  await call('POST', '/v1/auth/sign-up', undefined, {
    company: {
      name: owner.company,
      taxId: 'B62048178',
      address: {
        line1: 'Polígono Industrial 4',
        city: 'Valencia',
        postalCode: '46014',
        country: 'ES',
      },
    },
    owner: { name: 'Tomás Taller', email: owner.email, password: owner.password },
  });
  ({ accessToken: token } = await call('POST', '/v1/auth/sign-in', undefined, {
    email: owner.email,
    password: owner.password,
  }));
  const address = {
    line1: 'Paseo de la Castellana 50',
    city: 'Madrid',
    postalCode: '28046',
    country: 'ES',
  };
  insurer.id = (
    await call('POST', '/v1/customers', token, { taxId: 'A28141935', name: insurer.name, address })
  ).id;
  insured.id = (
    await call('POST', '/v1/customers', token, { taxId: '12345678Z', name: insured.name, address })
  ).id;
});

/** An amount as the portal shows it: Intl puts a no-break space before the euro sign. */
const eur = (amount: string) => `${amount}\u00a0€`;
const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const region = (page: Page, name: string | RegExp) => page.getByRole('region', { name });

describe('work centres in settings', () => {
  it('adds a centre with its series and edits it', async () => {
    const { page } = await pageAt(1280);
    await signIn(page, owner.email, owner.password);
    await page.goto('/settings/centres');
    await expect.poll(() => heading(page).textContent()).toBe('Configuración');
    await page.getByText('Todavía no hay centros.').waitFor();
    const form = region(page, 'Nuevo centro');
    await form.getByRole('textbox', { name: /^Nombre/ }).fill('Taller Valencia Norte');
    await form
      .getByRole('textbox', { name: /^Dirección$|^Dirección\s*$/ })
      .fill('Avenida del Puerto 12');
    await form.getByRole('textbox', { name: /^Código postal/ }).fill('46023');
    await form.getByRole('textbox', { name: /^Población/ }).fill('Valencia');
    await form.getByRole('button', { name: 'Añadir el centro' }).click();
    await page.getByText('Centro Taller Valencia Norte añadido.').waitFor();
    await page.getByRole('row', { name: /Taller Valencia Norte/ }).waitFor();
    await checkPage(page, 'settings-centres');

    await page.getByRole('button', { name: 'Editar el centro Taller Valencia Norte' }).click();
    const edit = region(page, 'Editar el centro Taller Valencia Norte');
    await edit.getByRole('textbox', { name: /^Nombre/ }).fill('Taller Valencia Puerto');
    await edit.getByRole('button', { name: 'Guardar el centro' }).click();
    await page.getByText('Centro Taller Valencia Puerto guardado.').waitFor();
    await page.getByRole('row', { name: /Taller Valencia Puerto/ }).waitFor();
    const [centre] = (await call('GET', '/v1/centres', token)).items;
    expect(centre).toMatchObject({ name: 'Taller Valencia Puerto', address: { city: 'Valencia' } });
  });
});

describe('claims in the console', () => {
  it('opens a claim, imports its valuation, splits it live, makes both drafts and issues them', async () => {
    const { page } = await pageAt(1280);
    await signIn(page, owner.email, owner.password);
    await followNav(page, 'Siniestros');
    await expect.poll(() => heading(page).textContent()).toBe('Siniestros');
    await page.getByText('Todavía no hay siniestros.').waitFor();
    await checkPage(page, 'claims-empty');

    // A new claim: its numbers, the two parties, the vehicle and the centre.
    await page.getByRole('link', { name: 'Nuevo siniestro' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Nuevo siniestro');
    await page.getByRole('textbox', { name: /^Número de siniestro/ }).fill(claimNumber);
    await page.getByRole('textbox', { name: /^Número de póliza/ }).fill('POL-778899');
    await page.getByLabel(/^Aseguradora/).selectOption(insurer.id);
    await page.getByLabel(/^Asegurado\s*$/).selectOption(insured.id);
    await page.getByRole('textbox', { name: /^Matrícula/ }).fill('1234-bcd');
    await page.getByRole('textbox', { name: /^Marca/ }).fill('Seat');
    await page.getByRole('textbox', { name: /^Modelo/ }).fill('León');
    await page.getByLabel(/^Centro de trabajo/).selectOption({ label: 'Taller Valencia Puerto' });
    await checkPage(page, 'claim-new');
    await page.getByRole('button', { name: 'Abrir el siniestro' }).click();
    await expect.poll(() => heading(page).textContent()).toBe(`Siniestro ${claimNumber}`);
    await page.getByText('Siniestro abierto.').waitFor();
    const claimUrl = new URL(page.url()).pathname;
    expect(await page.locator('[data-plate]').textContent()).toBe('1234BCD');
    expect(await page.locator('[data-party="insurer"]').textContent()).toContain(insurer.name);
    await page.getByText('Todavía no hay valoración: impórtela o escríbala.').waitFor();

    // The appraiser's JSON file: its lines grouped by kind, its total, the franchise split.
    await page.getByText('Importar una valoración').click();
    await page.getByLabel('Archivo').setInputFiles({
      name: 'valoracion.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(VALUATION)),
    });
    await page.getByRole('button', { name: 'Importar', exact: true }).click();
    await page.getByText('Valoración versión 1 importada.').waitFor();
    await expect
      .poll(() => page.locator('[data-total="valuation"]').textContent())
      .toBe(eur('1.234,56'));
    const captions = await page.locator('table.valuation-lines caption').allTextContents();
    expect(captions).toEqual(['Recambios', 'Mano de obra', 'Pintura', 'Materiales de pintura']);
    const insurerSplit = page.locator('dd[data-split="insurer"]');
    const insuredSplit = page.locator('dd[data-split="insured"]');
    expect(await insurerSplit.textContent()).toBe(eur('934,56'));
    expect(await insuredSplit.textContent()).toBe(eur('300,00'));
    // Live, as the franchise is typed: no request per keystroke.
    let requests = 0;
    const count = () => requests++;
    page.on('request', count);
    const franchise = page.getByRole('textbox', { name: /^Franquicia/ }).first();
    await franchise.fill('400');
    await expect.poll(() => insuredSplit.textContent()).toBe(eur('400,00'));
    expect(await insurerSplit.textContent()).toBe(eur('834,56'));
    // No base in cents makes 500.00 at IVA 21 with the rest to the cent: the insured pays the
    // nearest below (the split's rule, never above the franchise), and the two make the total.
    await franchise.fill('500');
    await expect.poll(() => insuredSplit.textContent()).toBe(eur('499,98'));
    expect(await insurerSplit.textContent()).toBe(eur('734,58'));
    await franchise.fill('5000');
    await page.getByText('La franquicia debe ser un importe de 0 hasta el total.').waitFor();
    await franchise.fill('300,00');
    await expect.poll(() => insuredSplit.textContent()).toBe(eur('300,00'));
    page.off('request', count);
    expect(requests).toBe(0);
    await checkPage(page, 'claim-valued');

    // Corrected in the console as version 2: one line reworded, the total the same; the page
    // says what changed and keeps version 1 a click away.
    await page.getByRole('button', { name: 'Corregir en una nueva versión' }).click();
    const line1 = page.getByRole('group', { name: 'Línea 1' });
    await line1
      .getByRole('textbox', { name: /^Descripción/ })
      .fill('Paragolpes delantero imprimado');
    await checkPage(page, 'claim-correcting');
    await page.getByRole('button', { name: 'Guardar la versión 2' }).click();
    await page.getByText('Valoración versión 2 importada.').waitFor();
    const changes = page.locator('[data-changes]');
    await changes.getByText('Cambios respecto a la versión 1').waitFor();
    expect(await changes.textContent()).toContain('Paragolpes delantero imprimado');
    await expect
      .poll(() => page.locator('[data-total="valuation"]').textContent())
      .toBe(eur('1.234,56'));
    await page.getByRole('button', { name: 'Versión 1' }).click();
    await page.locator('[data-valuation-version="1"]').waitFor();
    await page.getByRole('button', { name: 'Versión 2' }).click();
    await page.locator('[data-valuation-version="2"]').waitFor();

    // "Accept to import the valuation": the two drafts side by side, adding up.
    await page.getByRole('button', { name: 'Aceptar e importar la valoración' }).click();
    await page.getByText('Borradores hechos. Revíselos y emítalos juntos.').waitFor();
    const insurerCard = page.locator('[data-billed="insurer"]');
    const insuredCard = page.locator('[data-billed="insured"]');
    await insuredCard.waitFor();
    expect(await insurerCard.locator('[data-total="total"]').textContent()).toBe(eur('934,56'));
    expect(await insuredCard.locator('[data-total="total"]').textContent()).toBe(eur('300,00'));
    expect(await insurerCard.textContent()).toContain(insurer.name);
    expect(await insuredCard.textContent()).toContain(insured.name);
    expect(await page.locator('[data-total="sum"]').textContent()).toBe(eur('1.234,56'));
    expect(await page.locator('[data-adds-up]').getAttribute('data-adds-up')).toBe('true');

    // Both previews are the API's PDFs.
    const pdfs: { url: string; status: number; type: string | null }[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/documents/pdf'))
        pdfs.push({ url: r.url(), status: r.status(), type: r.headers()['content-type'] ?? null });
    });
    await insurerCard.getByText('Vista previa').click();
    await insuredCard.getByText('Vista previa').click();
    await expect.poll(() => pdfs.length).toBe(2);
    for (const pdf of pdfs) expect(pdf).toMatchObject({ status: 200, type: 'application/pdf' });
    for (const { url } of pdfs) {
      const bytes = await (
        await fetch(url, { headers: { authorization: `Bearer ${token}` } })
      ).arrayBuffer();
      expect(Buffer.from(bytes).subarray(0, 5).toString()).toBe('%PDF-');
    }
    await page.locator('.billing-preview iframe').nth(1).waitFor();
    await checkPage(page, 'claim-drafts');

    // Issued together: each with its number, the totals still adding up.
    await page.getByRole('button', { name: 'Emitir las dos' }).click();
    await page.getByText(/^Facturas emitidas: \S+, \S+\.$/).waitFor();
    await expect.poll(() => insurerCard.locator('.badge').first().textContent()).toBe('Emitida');
    expect(await insuredCard.locator('.badge').first().textContent()).toBe('Emitida');
    expect(await page.locator('[data-total="sum"]').textContent()).toBe(eur('1.234,56'));
    const claim = await call('GET', `/v1${claimUrl}`, token);
    expect(claim.status).toBe('invoiced');
    const [a, b] = await Promise.all(
      [claim.invoices.insurer, claim.invoices.insured].map((id: string) =>
        call('GET', `/v1/invoices/${id}`, token),
      ),
    );
    expect([a.status, b.status]).toEqual(['issued', 'issued']);
    expect([a.totals.total, b.totals.total]).toEqual(['934.56', '300.00']);
    await checkPage(page, 'claim-issued');

    // Forwarded through the sandbox connector (it needs no credentials of the user's own).
    const forwarding = page.locator(`[data-forwarding="${claim.invoices.insurer}"]`);
    await forwarding.getByRole('button', { name: 'Reenviar por Sandbox' }).click();
    await forwarding.locator('[data-connector="sandbox"]').getByText('Entregada').waitFor();
    await expect
      .poll(() => forwarding.locator('[data-connector="sandbox"] [data-registry]').textContent())
      .toMatch(/^Registro SBX-\d{4}-\d{10}$/);
    await checkPage(page, 'claim-forwarded');

    // The invoice's own page shows its forwarding too, with the same action.
    await page.goto(`/invoices/${claim.invoices.insured}`);
    const own = page.locator(`[data-forwarding="${claim.invoices.insured}"]`);
    await own.getByText('No se ha reenviado a ninguna plataforma.').waitFor();
    await own.getByRole('button', { name: 'Reenviar por Sandbox' }).click();
    await own.locator('[data-connector="sandbox"]').getByText('Entregada').waitFor();
    await checkPage(page, 'invoice-forwarded');

    // The list finds it by plate, as typed with a dash, and by status.
    await page.goto('/claims?plate=1234-bcd&status=invoiced');
    await page.getByRole('row', { name: new RegExp(claimNumber) }).waitFor();
    await checkPage(page, 'claims-list');
    await page.goto('/claims?status=open');
    await page.getByText('Ningún siniestro cumple los filtros.').waitFor();
  });

  it('every claims page works on a phone too', async () => {
    const claims = (await call('GET', '/v1/claims', token)).items;
    const { page } = await pageAt(WIDTHS[1]);
    await signIn(page, owner.email, owner.password);
    await followNav(page, 'Siniestros');
    await page.getByRole('row', { name: new RegExp(claimNumber) }).waitFor();
    await checkPage(page, 'claims-list');
    await page.goto('/claims/new');
    await page.getByRole('button', { name: 'Abrir el siniestro' }).waitFor();
    await checkPage(page, 'claim-new');
    await page.goto(`/claims/${claims[0].id}`);
    await page.locator('[data-billed="insured"]').waitFor();
    await checkPage(page, 'claim-issued');
    await page.goto('/settings/centres');
    await page.getByRole('row', { name: /Taller Valencia Puerto/ }).waitFor();
    await checkPage(page, 'settings-centres');
  });
});

describe("the user's connector credentials", () => {
  it('sets, replaces and deletes them; the password is never shown', async () => {
    for (const width of WIDTHS) {
      const { page } = await pageAt(width);
      await signIn(page, owner.email, owner.password);
      // The account's link in the header, also on a phone.
      await page.getByRole('link', { name: `Sesión de ${owner.email}` }).click();
      await expect.poll(() => heading(page).textContent()).toBe('Mi perfil');
      const box = page.locator('[data-connector="insurer-platform"]');
      const password = box.getByLabel(/^Contraseña/);
      if (width === WIDTHS[0]) {
        await box.getByText('Sin credenciales.').waitFor();
        await box.getByRole('textbox', { name: /^Usuario/ }).fill('tomas');
        await box.getByRole('textbox', { name: /^NIF/ }).fill('B62048178');
        await password.fill('primera-clave');
        await box.getByRole('button', { name: 'Guardar las credenciales' }).click();
        await box.getByText('Credenciales de Plataforma de la aseguradora guardadas.').waitFor();
        expect(await password.inputValue()).toBe('');
        await box.getByText(/^Credenciales guardadas \(NIF B62048178\), desde el /).waitFor();
        // Replaced: a new password, never shown back.
        await password.fill('segunda-clave');
        await box.getByRole('button', { name: 'Sustituir las credenciales' }).click();
        await expect.poll(() => password.inputValue()).toBe('');
        expect(await page.content()).not.toContain('segunda-clave');
      }
      await box.getByText(/^Credenciales guardadas \(NIF B62048178\)/).waitFor();
      await checkPage(page, 'profile');
      if (width === WIDTHS[1]) {
        await box
          .getByRole('button', { name: 'Borrar las credenciales de Plataforma de la aseguradora' })
          .click();
        await box.getByRole('button', { name: 'Borrar', exact: true }).click();
        await box.getByText('Sin credenciales.').waitFor();
      }
    }
  });
});

describe('a public administration customer', () => {
  it('takes its three DIR3 units on the customer form, a missing one named at its field', async () => {
    const { page } = await pageAt(1280);
    await signIn(page, owner.email, owner.password);
    await page.goto('/customers/new');
    await page.getByRole('textbox', { name: /^NIF/ }).fill('P2807900B');
    await page.getByRole('textbox', { name: /^Nombre/ }).fill('Ayuntamiento de Prueba');
    await page.getByRole('textbox', { name: /^Calle y número/ }).fill('Plaza Mayor 1');
    await page.getByRole('textbox', { name: /^Código postal/ }).fill('28013');
    await page.getByRole('textbox', { name: /^Población/ }).fill('Madrid');
    const dir3 = page.getByRole('group', { name: 'Administración pública (DIR3)' });
    await dir3.getByRole('textbox', { name: /^Oficina contable/ }).fill('L01280796');
    await dir3.getByRole('textbox', { name: /^Órgano gestor/ }).fill('L01280796');
    await page.getByRole('button', { name: 'Guardar' }).click();
    const processing = dir3.getByRole('textbox', { name: /^Unidad tramitadora/ });
    await expect.poll(() => processing.getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'customer-dir3');
    await processing.fill('L01280796');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.waitForURL((url) => url.pathname === '/customers');
    const { items } = await call('GET', '/v1/customers?taxId=P2807900B', token);
    expect(items[0].dir3).toMatchObject({
      accountingOffice: { code: 'L01280796' },
      managementBody: { code: 'L01280796' },
      processingUnit: { code: 'L01280796' },
    });

    // All three emptied on the customer's page: the units are removed.
    await page.goto(`/customers/${items[0].id}`);
    for (const name of [/^Oficina contable/, /^Órgano gestor/, /^Unidad tramitadora/]) {
      await dir3.getByRole('textbox', { name }).fill('');
    }
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.waitForURL((url) => url.pathname === '/customers');
    const after = await call('GET', `/v1/customers/${items[0].id}`, token);
    expect(after.dir3).toBeUndefined();
  });
});
