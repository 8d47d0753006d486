import { describe, expect, it } from 'vitest';
import type { Customer } from '../customers/customer.ts';
import { NotFoundError } from '../errors.ts';
import type { Page } from '../shared/page.ts';
import type { Tenant } from '../tenants/tenant.ts';
import { customerAt } from './customer-at.ts';

const tenant = { id: 'ten_1', name: 'Demo' } as Tenant;
const customer = (id: string, taxId = '12345678Z') =>
  ({ id, tenantId: 'ten_1', taxId }) as Customer;
const caller = { kind: 'recipient' as const, recipientId: 'rcp_1', taxId: '12345678Z' };

/** Pages as the repository answers them: deleted customers filtered after the read. */
function deps(pages: Page<Customer>[], known: Tenant | null = tenant) {
  const asked: (string | undefined)[] = [];
  return {
    asked,
    deps: {
      tenants: { get: async () => known ?? undefined },
      customers: {
        list: async (_tenantId: string, request: { cursor?: string }) => {
          asked.push(request.cursor);
          return pages[request.cursor ? Number(request.cursor) : 0] ?? { items: [] };
        },
      },
    },
  };
}

describe('customerAt', () => {
  it('is the oldest live customer with the tax id, past pages the filter emptied', async () => {
    const { deps: d, asked } = deps([
      { items: [], nextCursor: '1' },
      { items: [customer('cus_2'), customer('cus_3')], nextCursor: '2' },
    ]);
    const at = await customerAt(d)(caller, 'ten_1');
    expect(at.customer.id).toBe('cus_2');
    expect(asked).toEqual([undefined, '1']);
  });

  it('is not found for a tenant the recipient is no customer of, or that does not exist', async () => {
    await expect(customerAt(deps([{ items: [] }]).deps)(caller, 'ten_1')).rejects.toThrow(
      NotFoundError,
    );
    await expect(
      customerAt(deps([{ items: [customer('cus_1')] }], null).deps)(caller, 'ten_x'),
    ).rejects.toThrow(NotFoundError);
  });
});
