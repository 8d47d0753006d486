import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { ProductInput } from './catalog.ts';
import { CustomerInput } from './customers.ts';
import { CancelInput, InvoiceInput, RectifyInput } from './invoices.ts';
import { SettingsPatch } from './settings.ts';
import { TaskTemplate } from './tasks.ts';
import { ProvisionTenantInput } from './tenants.ts';
import { RemedyInput } from './verifactu.ts';

/** Every free-text input that ends up in an XML document refuses what XML 1.0 cannot carry. */
const address = { line1: 'Calle Mayor 1', city: 'Zaragoza', postalCode: '50001', country: 'ES' };
const line = { description: 'Revisión', quantity: '1', unitPrice: '10.00' };
const BAD = 'a\u000bb';

const cases: Array<[string, z.ZodType, unknown, string]> = [
  ['customer name', CustomerInput, { taxId: 'B12345674', name: BAD, address }, 'name'],
  [
    'customer line2',
    CustomerInput,
    { taxId: 'B12345674', name: 'A', address: { ...address, line2: BAD } },
    'address.line2',
  ],
  [
    'customer city',
    CustomerInput,
    { taxId: 'B12345674', name: 'A', address: { ...address, city: BAD } },
    'address.city',
  ],
  [
    'customer postal code',
    CustomerInput,
    { taxId: 'B12345674', name: 'A', address: { ...address, postalCode: BAD } },
    'address.postalCode',
  ],
  [
    'customer province',
    CustomerInput,
    { taxId: 'B12345674', name: 'A', address: { ...address, province: BAD } },
    'address.province',
  ],
  [
    'tenant name',
    ProvisionTenantInput,
    { name: BAD, taxId: 'B12345674', email: 'a@b.es', address },
    'name',
  ],
  [
    'tenant address',
    ProvisionTenantInput,
    { name: 'A', taxId: 'B12345674', email: 'a@b.es', address: { ...address, line1: BAD } },
    'address.line1',
  ],
  [
    'line description',
    InvoiceInput,
    { customerId: 'c', lines: [{ ...line, description: BAD }] },
    'lines.0.description',
  ],
  ['invoice notes', InvoiceInput, { customerId: 'c', lines: [line], notes: BAD }, 'notes'],
  [
    'corrective reason',
    RectifyInput,
    { reasonCode: '01', method: 'differences', lines: [line], reasonDescription: BAD },
    'reasonDescription',
  ],
  ['cancel reason', CancelInput, { reasonDescription: BAD }, 'reasonDescription'],
  [
    'product description',
    ProductInput,
    { code: 'P1', description: BAD, unitPrice: '1.00', taxes: [{ type: 'IVA', rate: '21' }] },
    'description',
  ],
  [
    'product unit',
    ProductInput,
    {
      code: 'P1',
      description: 'P',
      unit: BAD,
      unitPrice: '1.00',
      taxes: [{ type: 'IVA', rate: '21' }],
    },
    'unit',
  ],
  ['task template notes', TaskTemplate, { lines: [line], notes: BAD }, 'notes'],
  [
    'task payment terms',
    TaskTemplate,
    { lines: [line], paymentMethod: { means: 'transfer', terms: BAD } },
    'paymentMethod.terms',
  ],
  ['default payment terms', SettingsPatch, { payment: { terms: BAD } }, 'payment.terms'],
  ['remedy description', RemedyInput, { description: BAD }, 'description'],
];

describe('XML-safe text', () => {
  it.each(cases)('%s', (_what, schema, input, path) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      [path, 'Holds U+000B, a control character XML documents cannot carry'],
    ]);
    // The same input without the character is fine.
    expect(
      schema.safeParse(JSON.parse(JSON.stringify(input).replaceAll('\\u000b', ''))).success,
    ).toBe(true);
  });
});
