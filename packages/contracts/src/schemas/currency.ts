import { isCurrency } from '@sello/core/money';
import * as z from 'zod';

// Apart from ./money.ts: the ISO list it checks against is a weight a form without a currency
// (a customer's, carrying a deposit treatment's taxes) should not load.

/** A current ISO 4217 alphabetic code (the vendored ISO list), e.g. EUR or MXN. */
export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'An ISO 4217 alphabetic code such as EUR or MXN')
  .refine(isCurrency, 'Not a current ISO 4217 currency')
  .describe('ISO 4217 alphabetic code');
