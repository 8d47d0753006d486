import * as z from 'zod';

/** A decimal amount as a string, e.g. "12.50"; never a JSON number (binary floats lose cents). */
export const decimalString = (decimals: number, description: string) =>
  z
    .string()
    .regex(
      new RegExp(`^-?\\d{1,15}(\\.\\d{1,${decimals}})?$`),
      `A decimal string with up to ${decimals} decimals, e.g. "12.50"`,
    )
    .describe(description);

export const Amount = decimalString(2, 'Amount in the invoice currency, 2 decimals');
export const UnitPrice = decimalString(6, 'Unit price without taxes, up to 6 decimals');
export const Quantity = decimalString(6, 'Quantity, up to 6 decimals');
export const Percent = decimalString(2, 'Percentage, e.g. "21" or "5.2"');

export const TaxInput = z
  .object({
    type: z
      .enum(['IVA', 'IGIC', 'RE', 'IRPF'])
      .describe('IRPF is withheld; RE goes with an IVA rate'),
    rate: Percent,
    exemption: z
      .enum(['E1', 'E2', 'E3', 'E4', 'E5', 'E6'])
      .optional()
      .describe(
        'Exempt operation (rate 0): E1 art. 20 LIVA, E2 art. 21, E3 art. 22, E4 art. 23–24, E5 art. 25, E6 other',
      ),
    notSubject: z
      .enum(['N1', 'N2'])
      .optional()
      .describe('Not subject (rate 0): N1 art. 7, 14 and others; N2 by location rules'),
  })
  .strict()
  .meta({ id: 'TaxInput' });
