import type { Page } from 'playwright-core';

/**
 * Follows a main-navigation entry as a person does: on a narrow screen the entries sit behind
 * the menu button, which is opened first.
 */
export async function followNav(page: Page, name: string | RegExp) {
  const toggle = page.getByRole('button', { name: /^(Menú|Menu)$/ });
  if (await toggle.isVisible()) {
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  }
  await page
    .getByRole('navigation', { name: /Navegación principal|Navegació principal|Main navigation/ })
    .getByRole('link', { name, exact: typeof name === 'string' })
    .click();
}
