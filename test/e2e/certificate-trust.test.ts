import { randomBytes } from 'node:crypto';
import { buildPkcs12, testSelfSigned } from '@sello/signing/testing';
import { describe, expect, inject, it } from 'vitest';
import { checkPage, WIDTHS, watchedBrowser } from './support/browser.ts';
import { signIn } from './support/session.ts';

const info = inject('platform');
const { pageAt } = watchedBrowser(info.portalUrl);

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

describe('the signing certificate page and the tax id', () => {
  it('says a self-signed certificate naming the tax id does not prove it, and why, in each language', async () => {
    // A second business signing up with the demo company's tax id: it has to prove it.
    const { taxId } = (await call('GET', '/v1/tenant', info.apiKey)).json;
    const email = `cert.${randomBytes(4).toString('hex')}@staff.example`;
    const password = 'una frase de paso larga';
    const made = await call('POST', '/v1/auth/sign-up', undefined, {
      company: {
        name: 'Talleres Autofirmados, S.L.',
        taxId,
        address: { line1: 'Calle Mayor 3', city: 'Madrid', postalCode: '28013', country: 'ES' },
      },
      owner: { name: 'Quien Sea', email, password },
    });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    const { accessToken } = (await call('POST', '/v1/auth/sign-in', undefined, { email, password }))
      .json;
    const self = testSelfSigned({
      commonName: 'TALLERES AUTOFIRMADOS SL',
      subject: [
        { shortName: 'C', value: 'ES' },
        { type: '2.5.4.97', value: `VATES-${taxId}` },
        { shortName: 'CN', value: 'TALLERES AUTOFIRMADOS SL' },
      ],
    });
    const pkcs12 = buildPkcs12({
      keys: [self.keyDer],
      certificates: [self.der],
      password: 'p',
      profile: 'aes',
    });
    const uploaded = await call('PUT', '/v1/signing-certificate', accessToken, {
      pkcs12,
      password: 'p',
    });
    expect(uploaded.json.taxIdCheck).toEqual({ proves: false, reason: 'untrusted-issuer' });

    const expected = {
      es: ['No lo acredita', 'autofirmado', 'Sigue firmando tus facturas'],
      ca: ["No l'acredita", 'autosignat', 'Continua signant les teves factures'],
      en: ['It does not prove it', 'self-signed', 'It still signs your invoices'],
    };
    for (const width of WIDTHS) {
      const { page } = await pageAt(width);
      await signIn(page, email, password, '/settings/signing-certificate');
      for (const [language, texts] of Object.entries(expected)) {
        await page.goto(`/settings/signing-certificate?lang=${language}`);
        const current = page.getByRole('region', {
          name: { es: 'Certificado actual', ca: 'Certificat actual', en: 'Current certificate' }[
            language
          ],
        });
        await expect.poll(() => current.textContent()).toContain(texts[0]);
        for (const text of texts) expect(await current.textContent()).toContain(text);
      }
      await page.goto('/settings/signing-certificate?lang=es');
      await page.getByText('No lo acredita').waitFor();
      await checkPage(page, `settings-signing-tax-id-refused`);
    }
  });
});
