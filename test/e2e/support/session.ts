import type { Page } from 'playwright-core';

/**
 * Signs in through the portal's own form, as a person does, and waits for the page it leads to.
 * The sign-in page is in Spanish unless the URL or an earlier visit chose another language.
 */
export async function signIn(page: Page, email: string, password: string, next = '/') {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page
    .getByRole('textbox', { name: /Correo electrónico|Correu electrònic|Email/ })
    .fill(email);
  await page.getByLabel(/^(Contraseña|Contrasenya|Password)/).fill(password);
  await page.getByRole('button', { name: /^(Entrar|Entra|Sign in)$/ }).click();
  await page.waitForURL((url) => url.pathname === next);
}
