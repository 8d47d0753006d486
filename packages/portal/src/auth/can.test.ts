import { describe, expect, it } from 'vitest';
import { can } from './can.ts';
import type { Session } from './store.ts';

const staff = (role: 'owner' | 'technician' | 'readOnly'): Session => ({
  status: 'staff',
  accessToken: 't',
  expiresAt: 0,
  user: { kind: 'staff', id: 'u1', email: 'a@example.com', tenantId: 'ten_1', role },
});

describe('can', () => {
  it('follows the route table: a technician reads invoices and does work orders, but does not issue', () => {
    expect(can(staff('technician'), 'GET /v1/invoices')).toBe(true);
    expect(can(staff('technician'), 'POST /v1/invoices/{id}/issue')).toBe(false);
    expect(can(staff('owner'), 'POST /v1/invoices/{id}/issue')).toBe(true);
    expect(can(staff('readOnly'), 'POST /v1/customers')).toBe(false);
  });

  it('lets a registered recipient use its inbox and nothing of a tenant', () => {
    const recipient: Session = {
      status: 'recipient',
      accessToken: 't',
      expiresAt: 0,
      user: { kind: 'recipient', id: 'rcp_1', email: 'a@example.com', taxId: 'B12345674' },
    };
    expect(can(recipient, 'GET /v1/inbox')).toBe(true);
    expect(can(recipient, 'POST /v1/inbox/{id}/status')).toBe(true);
    expect(can(recipient, 'GET /v1/inbox/{id}/documents/{format}')).toBe(true);
    expect(can(recipient, 'GET /v1/invoices')).toBe(false);
    expect(can(recipient, 'GET /v1/me')).toBe(false);
  });

  it('lets nobody signed out, and an API key everywhere (the API still decides)', () => {
    expect(can({ status: 'signedOut' }, 'GET /v1/invoices')).toBe(false);
    expect(can({ status: 'apiKey', key: 'k' }, 'DELETE /v1/users/{id}')).toBe(true);
  });
});
