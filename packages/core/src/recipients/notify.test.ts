import { describe, expect, it } from 'vitest';
import type { Invoice } from '../invoices/model.ts';
import type { Mail } from '../ports/mailer.ts';
import type { OnboardingKey, RecipientNotificationLog } from './model.ts';
import { notifyRecipients } from './notify.ts';

/** The log's contract in memory: a claim held by a sender, then the sent mail. */
function memoryLog(): RecipientNotificationLog {
  const items = new Map<string, { claimedAt: number; sentAt?: string }>();
  return {
    async claim(t, i, at, lease) {
      const item = items.get(`${t}/${i}`);
      if (item && (item.sentAt || item.claimedAt >= at.getTime() - lease * 1000)) return false;
      items.set(`${t}/${i}`, { claimedAt: at.getTime() });
      return true;
    },
    async complete(t, i, d) {
      items.set(`${t}/${i}`, { ...items.get(`${t}/${i}`)!, sentAt: d.at });
    },
    async release(t, i) {
      items.delete(`${t}/${i}`);
    },
  };
}

const invoice = {
  id: 'inv_1',
  tenantId: 'ten_1',
  status: 'issued',
  kind: 'standard',
  number: 'F2026-000007',
  language: 'es',
  currency: 'EUR',
  issuer: { name: 'Emisora SL', email: 'facturas@emisora.example' },
  customer: {
    taxId: '12345678Z',
    email: 'ana@example.es',
    address: { country: 'ES' },
  },
  totals: { total: '1210.00' },
} as unknown as Invoice;

function setup(failures: number) {
  const sent: Mail[] = [];
  const keys: OnboardingKey[] = [];
  let toFail = failures;
  const notify = notifyRecipients({
    settings: {
      get: async (tenantId) => ({
        tenantId,
        notifications: { recipientsOnIssue: true },
        version: 1,
      }),
      save: async () => {},
    },
    recipients: { getByTaxId: async () => undefined },
    onboardingKeys: { create: async (k) => void keys.push(k) },
    notifications: memoryLog(),
    mailer: {
      send: async (mail) => {
        if (toFail-- > 0) throw new Error('SES throttled');
        sent.push(mail);
        return { messageId: `m${sent.length}` };
      },
    },
    clock: { now: () => new Date('2026-11-23T10:00:00Z') },
    ids: { next: (p) => `${p}_${keys.length + 1}` },
    portalUrl: 'https://portal.example/',
  });
  return { notify, sent, keys };
}

describe('notifyRecipients', () => {
  it('lets a failed mail be retried, and sends once after that', async () => {
    const { notify, sent, keys } = setup(1);
    await expect(notify([invoice])).rejects.toThrow('SES throttled');
    expect(sent).toEqual([]);
    await notify([invoice]);
    await notify([invoice]);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toEqual(['ana@example.es']);
    expect(sent[0]?.replyTo).toBe('facturas@emisora.example');
    expect(sent[0]?.subject).toBe('Emisora SL le ha enviado la factura F2026-000007');
    expect(sent[0]?.text).toContain('por un importe de 1210,00\u00a0€.');
    // Each attempt made its own email key; the mail carries the last one, for this invoice.
    expect(keys.map((k) => [k.kind, k.taxId, k.invoiceId, k.expiresAt])).toEqual([
      ['email', '12345678Z', 'inv_1', '2026-12-23T10:00:00.000Z'],
      ['email', '12345678Z', 'inv_1', '2026-12-23T10:00:00.000Z'],
    ]);
    expect(sent[0]?.text).toMatch(
      /\nhttps:\/\/portal\.example\/register\?taxId=12345678Z&key=ekey_[0-9A-Za-z]{32}\n/,
    );
    expect(sent[0]?.text).toContain('El enlace caduca el 23 de diciembre de 2026.');
  });

  it('skips drafts, voided invoices and generic RFCs get no key', async () => {
    const { notify, sent, keys } = setup(0);
    await notify([
      { ...invoice, id: 'inv_d', status: 'draft' },
      { ...invoice, id: 'inv_v', status: 'void' },
      {
        ...invoice,
        id: 'inv_mx',
        customer: { ...invoice.customer, taxId: 'XAXX010101000', address: { country: 'MX' } },
      } as Invoice,
    ]);
    expect(sent).toHaveLength(1);
    expect(keys).toEqual([]);
    expect(sent[0]?.text).toContain('Emisora SL se la enviará por correo electrónico.');
  });
});
