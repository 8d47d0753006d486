import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { checkPage, WIDTHS, watchedBrowser } from './support/browser.ts';
import { signIn } from './support/session.ts';

const info = inject('platform');
const { pageAt } = watchedBrowser(info.portalUrl);

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const unique = (who: string) => `${who}.${randomBytes(4).toString('hex')}@signup.example`;
/** The demo tenant's owner's password is not ours to change: the people here are made here. */
const PASSWORD = 'una frase de paso bien larga';
const NEW_PASSWORD = 'otra frase de paso distinta';

interface Mail {
  subject: string;
  destination: { to: string[] };
  body: { text?: string };
}

/** The link to `page` in the last mail to `to` in the local mail viewer, waiting for it. */
async function linkMailed(to: string, page: string): Promise<URL> {
  const pattern = new RegExp(`(\\S+/${page}\\?token=[\\w%-]+)`);
  for (let tries = 0; tries < 50; tries++) {
    const store = (await (await fetch(new URL('/store', info.mailUrl))).json()) as {
      emails: Mail[];
    };
    const text = store.emails
      .filter((m) => m.destination.to.some((t) => t.includes(to)))
      .map((m) => m.body.text ?? '')
      .reverse()
      .find((t) => pattern.test(t));
    if (text) return new URL(pattern.exec(text)![1]!);
    await sleep(200);
  }
  throw new Error(`No ${page} link was mailed to ${to}`);
}

/** Opens a mailed link in the portal: it must point at the portal itself. */
async function follow(page: Page, link: URL) {
  expect(link.origin).toBe(new URL(info.portalUrl).origin);
  await page.goto(`${link.pathname}${link.search}`);
}

/** Fills the sign-up form of a business whose owner is `email`. */
async function fillSignUp(page: Page, email: string, taxId: string) {
  await page.getByRole('textbox', { name: /^Razón social/ }).fill('Reformas Levante, S.L.');
  await page.getByRole('textbox', { name: /^NIF \/ CIF/ }).fill(taxId);
  await page.getByRole('textbox', { name: /^Calle y número/ }).fill('Avinguda del Port 25');
  await page.getByRole('textbox', { name: /^Código postal/ }).fill('46023');
  await page.getByRole('textbox', { name: /^Población/ }).fill('València');
  await page.getByRole('textbox', { name: /^Tu nombre/ }).fill('Marta Ferrer');
  await page.getByRole('textbox', { name: /^Tu correo electrónico/ }).fill(email);
  await page.getByLabel(/^Contraseña/).fill(PASSWORD);
}

describe('accounts in a browser', () => {
  const owners = new Map(WIDTHS.map((w) => [w, unique(`owner${w}`)]));
  /** The owner the reset journey uses: the one signed up on a desktop. */
  const owner = owners.get(1280)!;

  it.each(WIDTHS)(
    'signs up a new business from the sign-in page and lands on home, signed in (%ipx)',
    async (width) => {
      const owner = owners.get(width)!;
      const { page, allowConsoleError } = await pageAt(width);
      await page.goto('/sign-in');
      await page.getByRole('link', { name: 'Dar de alta una empresa' }).click();
      await page.waitForURL('**/sign-up');
      await expect.poll(() => heading(page).textContent()).toBe('Alta de empresa');
      await checkPage(page, 'sign-up');

      // The check digit is the API's to check: its 400 lands beside the tax id.
      await fillSignUp(page, owner, 'B65410012');
      allowConsoleError(/status of 400/);
      await page.getByRole('button', { name: 'Dar de alta' }).click();
      const taxId = page.getByRole('textbox', { name: /^NIF \/ CIF/ });
      await expect.poll(() => taxId.getAttribute('aria-invalid')).toBe('true');
      expect(
        await page.locator('.field', { has: taxId }).locator('.field-error').textContent(),
      ).toBeTruthy();
      await checkPage(page, 'sign-up-error');

      await taxId.fill('B65410011');
      await page.getByRole('button', { name: 'Dar de alta' }).click();
      await page.waitForURL((url) => url.pathname === '/');
      await expect.poll(() => heading(page).textContent()).toBe('Inicio');
      await expect.poll(() => page.getByText('Reformas Levante, S.L.').count()).toBe(1);
      expect(await page.getByText(`Hola, ${owner}`).count()).toBe(1);
      await checkPage(page, 'home-after-sign-up');
    },
  );

  it('mails a reset link that sets a new password, which then signs in (on a phone)', async () => {
    const { page } = await pageAt(375);
    await page.goto('/sign-in');
    await page.getByRole('link', { name: '¿Has olvidado la contraseña?' }).click();
    await page.waitForURL('**/forgot-password');
    await expect.poll(() => heading(page).textContent()).toBe('Recuperar la contraseña');
    await checkPage(page, 'forgot-password');
    await page.getByRole('textbox', { name: /^Correo electrónico/ }).fill(owner);
    await page.getByRole('button', { name: 'Enviar el enlace' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain(owner);
    await checkPage(page, 'forgot-password-sent');

    await follow(page, await linkMailed(owner, 'reset-password'));
    await expect.poll(() => heading(page).textContent()).toBe('Nueva contraseña');
    await checkPage(page, 'reset-password');
    // Two different passwords are refused in the browser, before anything is sent.
    await page.getByLabel(/^Nueva contraseña/).fill(NEW_PASSWORD);
    await page.getByLabel(/^Repite la contraseña/).fill(`${NEW_PASSWORD}!`);
    await page.getByRole('button', { name: 'Cambiar la contraseña' }).click();
    const confirm = page.getByLabel(/^Repite la contraseña/);
    await expect.poll(() => confirm.getAttribute('aria-invalid')).toBe('true');
    await confirm.fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Cambiar la contraseña' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Contraseña cambiada/);
    await checkPage(page, 'reset-password-done');
    await page.locator('main').getByRole('link', { name: 'Entrar', exact: true }).click();
    await page.waitForURL('**/sign-in');

    await signIn(page, owner, NEW_PASSWORD);
    await expect.poll(() => heading(page).textContent()).toBe('Inicio');
  });

  it('accepts an invitation from its mail: a password, then home, signed in (on a phone)', async () => {
    const invited = unique('invited');
    const res = await fetch(new URL('/v1/users', info.apiUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${info.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: invited, role: 'accountant' }),
    });
    expect(res.status).toBe(201);
    const { page } = await pageAt(375);
    await follow(page, await linkMailed(invited, 'accept-invitation'));
    await expect.poll(() => heading(page).textContent()).toBe('Aceptar la invitación');
    await checkPage(page, 'accept-invitation');
    await page.getByLabel(/^Nueva contraseña/).fill(PASSWORD);
    await page.getByLabel(/^Repite la contraseña/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Aceptar y entrar' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => page.getByText(`Hola, ${invited}`).count()).toBe(1);
  });

  it('shows every account page whole on a phone and on a desktop, in any language', async () => {
    for (const width of WIDTHS) {
      const { page } = await pageAt(width);
      for (const [path, name, title] of [
        ['/sign-up', 'sign-up', 'Alta de empresa'],
        ['/forgot-password', 'forgot-password', 'Recuperar la contraseña'],
        ['/reset-password?token=spwr_example', 'reset-password', 'Nueva contraseña'],
        ['/accept-invitation?token=sinv_example', 'accept-invitation', 'Aceptar la invitación'],
        ['/reset-password', 'reset-password-no-token', 'Nueva contraseña'],
      ] as const) {
        await page.goto(path);
        await expect.poll(() => heading(page).textContent()).toBe(title);
        await checkPage(page, `account-${name}`);
      }
      await page.goto('/sign-up?lang=en');
      await expect.poll(() => heading(page).textContent()).toBe('Sign up your business');
      await checkPage(page, 'account-sign-up-en');
      await page.goto('/forgot-password?lang=ca');
      await expect.poll(() => heading(page).textContent()).toBe('Recuperar la contrasenya');
      await checkPage(page, 'account-forgot-password-ca');
      await page.goto('/sign-in?lang=es');
      await expect.poll(() => heading(page).textContent()).toBe('Entrar en Sello');
      await checkPage(page, 'account-sign-in');
    }
  });
});
