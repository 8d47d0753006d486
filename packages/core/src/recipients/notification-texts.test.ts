import { describe, expect, it } from 'vitest';
import type { Invoice } from '../invoices/model.ts';
import type { Language } from '../parties/party.ts';
import { recipientNotificationMail } from './notification-texts.ts';

const invoiceIn = (language: Language) =>
  ({
    id: 'inv_1',
    tenantId: 'ten_1',
    status: 'issued',
    kind: 'standard',
    number: 'F2026-000007',
    language,
    currency: 'EUR',
    issuer: { name: 'Talleres Ejemplo, S.L.' },
    customer: { taxId: 'B12345674', address: { country: 'ES' } },
    totals: { total: '1210.00' },
    payment: { means: 'transfer', dueDate: '2026-12-31' },
  }) as unknown as Invoice;

const register = {
  kind: 'register',
  url: 'https://portal.example/register?k=abc',
  expiresAt: '2026-12-07T10:00:00.000Z',
} as const;

const DUE: Record<Language, string> = {
  es: 'con vencimiento el 31 de diciembre de 2026',
  ca: 'amb venciment el 31 de desembre del 2026',
  en: 'due on 31 December 2026',
};
const EXPIRES: Record<Language, string> = {
  es: 'El enlace caduca el 7 de diciembre de 2026.',
  ca: "L'enllaç caduca el 7 de desembre del 2026.",
  en: 'The link expires on 7 December 2026.',
};

describe('the buyer notification mail', () => {
  for (const language of ['es', 'ca', 'en'] as const) {
    it(`reads as ${language}: dates as people write them, one full stop after "S.L."`, () => {
      const { subject, text } = recipientNotificationMail(invoiceIn(language), register);
      expect(text).toContain(DUE[language]);
      expect(text).toContain(EXPIRES[language]);
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(text).not.toContain('S.L..');
      expect(subject).not.toContain('S.L..');
    });
  }

  it('keeps the full stop after a name that does not end in one', () => {
    const invoice = { ...invoiceIn('es'), issuer: { name: 'Talleres Ejemplo SL' } } as Invoice;
    expect(recipientNotificationMail(invoice, register).text).toContain(
      'la clave que le facilitará Talleres Ejemplo SL. El enlace',
    );
  });
});
