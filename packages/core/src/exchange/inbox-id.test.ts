import { describe, expect, it } from 'vitest';
import { inboxId, parseInboxId } from './inbox-id.ts';

describe('inbox ids', () => {
  it('name the issuer and the invoice, and read back', () => {
    const id = inboxId({ tenantId: 'ten_01KA0AAAA', invoiceId: 'inv_01KA0BBBB' });
    expect(id).toMatch(/^inb_[A-Za-z0-9_-]+$/);
    expect(id).not.toContain('ten_');
    expect(parseInboxId(id)).toEqual({ tenantId: 'ten_01KA0AAAA', invoiceId: 'inv_01KA0BBBB' });
  });

  it.each([
    ['another prefix', 'inv_01KA0BBBB'],
    ['no body', 'inb_'],
    ['characters outside base64url', 'inb_abc+/='],
    ['one part only', `inb_${Buffer.from('ten_1').toString('base64url')}`],
    ['three parts', `inb_${Buffer.from('ten_1~inv_1~x').toString('base64url')}`],
    ['a part with a key separator', `inb_${Buffer.from('ten_1#x~inv_1').toString('base64url')}`],
    ['an empty part', `inb_${Buffer.from('~inv_1').toString('base64url')}`],
  ])('refuse %s', (_why, id) => {
    expect(parseInboxId(id)).toBeUndefined();
  });
});
