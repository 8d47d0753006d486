import { describe, expect, it } from 'vitest';
import type { StaffRole } from '../../auth/index.ts';
import { SECTIONS, sectionsFor } from './sections.ts';

const staff = (role: StaffRole) =>
  sectionsFor({
    status: 'staff',
    accessToken: 't',
    expiresAt: 0,
    user: { kind: 'staff', id: 'u1', email: 'a@example.com', tenantId: 'ten_1', role },
  }).map((s) => s.path);

describe('the settings sections a role sees', () => {
  it('shows every section to the owner and the admin', () => {
    expect(staff('owner')).toEqual(SECTIONS.map((s) => s.path));
    expect(staff('admin')).toEqual(SECTIONS.map((s) => s.path));
  });

  it('keeps the API keys from the roles the API refuses them to, and the rest in order', () => {
    for (const role of ['accountant', 'technician', 'readOnly'] as const) {
      expect(staff(role)).not.toContain('api-keys');
      expect(staff(role)).toContain('company');
      expect(staff(role)).toContain('webhooks');
    }
  });

  it('shows nothing signed out', () => {
    expect(sectionsFor({ status: 'signedOut' })).toEqual([]);
  });
});

describe('the settings sections of a country', () => {
  const owner = (country: string | undefined) =>
    sectionsFor(
      {
        status: 'staff',
        accessToken: 't',
        expiresAt: 0,
        user: { kind: 'staff', id: 'u1', email: 'a@example.com', tenantId: 'ten_1', role: 'owner' },
      },
      { country },
    ).map((s) => s.path);

  it('shows the CSD to a Mexican tenant only, in its place', () => {
    expect(owner('MX')).toContain('csd');
    expect(owner('MX').indexOf('csd')).toBe(owner('MX').indexOf('signing-certificate') + 1);
    expect(owner('ES')).not.toContain('csd');
    expect(owner('ES')).toContain('self-invoicing');
  });

  it('leaves the country sections out while the tenant is loading', () => {
    expect(owner(undefined)).not.toContain('csd');
    expect(owner(undefined)).toContain('company');
  });
});
