import { describe, expect, it } from 'vitest';
import type { Language } from '../parties/party.ts';
import { invoiceMail } from './mail-texts.ts';
import type { Invoice } from './model.ts';

const invoiceIn = (language: Language) =>
  ({
    kind: 'standard',
    number: 'F2026-000007',
    language,
    currency: 'EUR',
    issuer: { name: 'Talleres Ejemplo, S.L.' },
    totals: { total: '1210.00' },
    payment: { means: 'transfer', dueDate: '2026-12-31' },
  }) as unknown as Invoice;

const DUE: Record<Language, string> = {
  es: 'con vencimiento el 31 de diciembre de 2026.',
  ca: 'amb venciment el 31 de desembre del 2026.',
  en: 'due on 31 December 2026.',
};

describe('the mail that carries an invoice', () => {
  for (const language of ['es', 'ca', 'en'] as const) {
    it(`writes the due date as people read it in ${language}`, () => {
      const { text } = invoiceMail(invoiceIn(language));
      expect(text).toContain(DUE[language]);
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(text).not.toContain('S.L..');
    });
  }

  it('writes the total in the invoice’s own currency', () => {
    const mxn = { ...invoiceIn('es'), currency: 'MXN', totals: { total: '1160.00' } } as Invoice;
    const { text } = invoiceMail(mxn);
    expect(text).toContain('1160,00\u00a0MXN');
    expect(text).not.toContain('€');
  });
});
