import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { checkPage, WIDTHS, watchedBrowser } from './support/browser.ts';
import { signIn } from './support/session.ts';

/**
 * Changing what the settings hold: the company's data, a webhook, the logo. Each test puts the
 * demo tenant back as it found it, since the browser tests after this file share it.
 */
const info = inject('platform');
const { pageAt } = watchedBrowser(info.portalUrl);
const LOGO = readFileSync(join(import.meta.dirname, '../fixtures/branding/logo.png'));

/** Sello's API called as an ERP does, with an API key. */
async function callApi(method: string, path: string, body?: unknown) {
  const response = await fetch(`${info.apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${info.apiKey}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

const heading = (page: Page, level: number) => page.getByRole('heading', { level });

describe('changing the settings in the portal', () => {
  it('edits the company address, which the API keeps; a stale form is told so', async () => {
    const before = (await callApi('GET', '/v1/tenant')).json;
    try {
      for (const width of WIDTHS) {
        const { page } = await pageAt(width);
        await signIn(page, info.staffEmail, info.staffPassword, '/settings/company');
        await page.getByRole('heading', { name: 'Cambiar los datos' }).waitFor();
        await checkPage(page, 'settings-company-edit');
      }
      const { page, allowConsoleError } = await pageAt(1280);
      await signIn(page, info.staffEmail, info.staffPassword, '/settings/company');
      const line1 = page.getByRole('textbox', { name: /^Calle y número/ });
      await line1.fill('Calle del Taller 42');
      await page.getByRole('textbox', { name: /^Población/ }).fill('Zaragoza');
      await page.getByRole('textbox', { name: /^Código postal/ }).fill('50001');
      // Typing another tax id warns before anything is sent.
      const taxId = page.getByRole('textbox', { name: /^NIF/ });
      await taxId.fill('B00000000');
      await page.getByText('Vas a cambiar el NIF').waitFor();
      await checkPage(page, 'settings-company-tax-id-warning');
      await taxId.fill(before.taxId);
      await expect.poll(() => page.locator('.settings-warning').textContent()).toBe('');
      await page.getByRole('button', { name: 'Guardar' }).click();
      await page.getByText('Cambios guardados.').waitFor();
      const saved = (await callApi('GET', '/v1/tenant')).json;
      expect(saved.address).toMatchObject({
        line1: 'Calle del Taller 42',
        city: 'Zaragoza',
        postalCode: '50001',
      });
      expect(saved.taxId).toBe(before.taxId);
      await expect
        .poll(() => page.locator('.settings-details').textContent())
        .toContain('Calle del Taller 42');

      // Someone else changes it meanwhile: this form's version is old, and the page says so.
      await callApi('PATCH', '/v1/tenant', { address: before.address });
      await line1.fill('Calle Perdida 1');
      allowConsoleError(/status of 412.*\/v1\/tenant/);
      await page.getByRole('button', { name: 'Guardar' }).click();
      await page.getByText('Alguien lo ha cambiado mientras tanto').waitFor();
      await checkPage(page, 'settings-company-stale');
      expect((await callApi('GET', '/v1/tenant')).json.address.line1).toBe(before.address.line1);
    } finally {
      await callApi('PATCH', '/v1/tenant', { address: before.address });
    }
  });

  it('edits a webhook’s URL and events, and rotates its secret, shown once', async () => {
    const made = await callApi('POST', '/v1/webhooks', {
      url: 'http://127.0.0.1:9/erp',
      events: ['invoice.issued'],
      description: 'ERP',
    });
    expect(made.status).toBe(201);
    try {
      const { page } = await pageAt(1280);
      await signIn(page, info.staffEmail, info.staffPassword, `/settings/webhooks/${made.json.id}`);
      await expect.poll(() => heading(page, 2).textContent()).toBe('http://127.0.0.1:9/erp');
      const edit = page.getByRole('region', { name: 'Cambiar el webhook' });
      await edit.getByRole('textbox', { name: /^URL/ }).fill('http://127.0.0.1:9/erp/v2');
      await edit.locator('label', { hasText: 'Importación terminada' }).click();
      await edit.getByRole('button', { name: 'Guardar' }).click();
      await page.getByText('Webhook guardado.').waitFor();
      await expect.poll(() => heading(page, 2).textContent()).toBe('http://127.0.0.1:9/erp/v2');
      const saved = (await callApi('GET', `/v1/webhooks/${made.json.id}`)).json;
      expect(saved).toMatchObject({
        url: 'http://127.0.0.1:9/erp/v2',
        events: ['invoice.issued', 'import.completed'],
        description: 'ERP',
      });

      await page.getByRole('button', { name: 'Cambiar la clave de firma' }).click();
      await page.getByRole('button', { name: 'Cambiar la clave de firma', exact: true }).click();
      const reveal = page.getByRole('region', { name: 'Nueva clave de firma' });
      await reveal.waitFor();
      const secret = (await reveal.getByRole('status').first().textContent()) ?? '';
      expect(secret).toMatch(/^whsec_/);
      expect(secret).not.toBe(made.json.secret);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 860 });
        await checkPage(page, 'settings-webhook-rotated');
      }
      await reveal.getByRole('button', { name: 'Hecho, ya la he guardado' }).click();
      expect(await page.content()).not.toContain(secret);
    } finally {
      await callApi('DELETE', `/v1/webhooks/${made.json.id}`);
    }
  });

  it('uploads a logo, shows it, refuses what is not an image, and removes it', async () => {
    try {
      const { page, allowConsoleError } = await pageAt(1280);
      await signIn(page, info.staffEmail, info.staffPassword, '/settings/branding');
      await page.getByText('Todavía no has subido ningún logotipo.').waitFor();
      const file = page.getByLabel('Elegir imagen');

      // A wrong file is named at once, before anything is sent.
      let puts = 0;
      page.on('request', (r) => {
        if (r.method() === 'PUT' && r.url().endsWith('/v1/settings/logo')) puts += 1;
      });
      await file.setInputFiles({ name: 'logo.gif', mimeType: 'image/gif', buffer: LOGO });
      await page.getByText('Elige una imagen PNG o JPEG.').waitFor();
      // A PNG in name only: the API reads the bytes and refuses it.
      await file.setInputFiles({
        name: 'falso.png',
        mimeType: 'image/png',
        buffer: Buffer.from('no soy una imagen'),
      });
      allowConsoleError(/status of 400.*\/v1\/settings\/logo/);
      await page.getByRole('button', { name: 'Subir logotipo' }).click();
      await page.getByText('Not a PNG or JPEG image').first().waitFor();
      expect(puts).toBe(1);
      await checkPage(page, 'settings-branding-logo-refused');

      await file.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: LOGO });
      await page.getByRole('button', { name: 'Subir logotipo' }).click();
      await page.getByText('Logotipo guardado.').waitFor();
      const preview = page.getByRole('img', { name: 'Logotipo actual' });
      await preview.waitFor();
      await expect
        .poll(() =>
          preview.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
        )
        .toBe(360);
      expect((await callApi('GET', '/v1/settings')).json.branding.logo).toMatchObject({
        contentType: 'image/png',
        width: 360,
        height: 120,
      });
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 860 });
        await checkPage(page, 'settings-branding-logo');
      }
      await page.setViewportSize({ width: 1280, height: 860 });

      await page.getByRole('button', { name: 'Quitar el logotipo' }).click();
      await page.getByRole('button', { name: 'Quitar el logotipo', exact: true }).click();
      await page.getByText('Logotipo quitado.').waitFor();
      await page.getByText('Todavía no has subido ningún logotipo.').waitFor();
      expect((await callApi('GET', '/v1/settings')).json.branding?.logo).toBeUndefined();
    } finally {
      await callApi('DELETE', '/v1/settings/logo');
    }
  });
});
