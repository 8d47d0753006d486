import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem.ts';
import { onProductField, PricesByProduct, toEntries } from './prices.ts';

describe('prices edited per product', () => {
  it("checks each price with the API's rule, naming the product's field", () => {
    const result = PricesByProduct.safeParse({ prd_a: '10.5', prd_b: '8O' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['prd_b']);
    expect(PricesByProduct.parse(undefined)).toEqual({});
  });

  it('sends them as the API array, and puts its errors back on the product sent', () => {
    const sent = toEntries({ prd_a: '10', prd_b: '20' });
    expect(sent).toEqual([
      { productId: 'prd_a', unitPrice: '10' },
      { productId: 'prd_b', unitPrice: '20' },
    ]);
    const error = onProductField(
      new ApiError(400, {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        errors: [
          { path: 'prices.1.productId', message: 'No product prd_b' },
          { path: 'name', message: 'Required' },
        ],
      }),
      sent,
    ) as ApiError;
    expect(error.problem?.errors?.map((e) => e.path)).toEqual(['prices.prd_b', 'name']);
  });
});
