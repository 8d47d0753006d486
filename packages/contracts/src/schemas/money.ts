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

export const Amount = decimalString(
  4,
  "Amount in the invoice currency, with that currency's decimals (EUR 2, JPY 0, KWD 3)",
);
export const UnitPrice = decimalString(6, 'Unit price without taxes, up to 6 decimals');
export const Quantity = decimalString(6, 'Quantity, up to 6 decimals');
export const Percent = decimalString(2, 'Percentage, e.g. "21" or "5.2"');

export const TaxInput = z
  .object({
    type: z
      .enum(['IVA', 'IGIC', 'RE', 'IRPF', 'IEPS', 'ISR'])
      .describe(
        'Spain: IVA, IGIC, RE (goes with an IVA rate), IRPF (withheld). Mexico: IVA (16, 8 in ' +
          'the border regions, 0), IEPS (at a rate), ISR (withheld)',
      ),
    rate: decimalString(4, 'Percentage, e.g. "21", "5.2" or "10.6667" (Spain: 2 decimals)'),
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
    withheld: z
      .boolean()
      .optional()
      .describe('Mexico: an IVA withheld by the buyer (retención), e.g. rate "10.6667"'),
    exempt: z.boolean().optional().describe('Mexico: IVA exento (rate 0)'),
  })
  .strict()
  .meta({ id: 'TaxInput' });

/** SAT's keys on a Mexican tenant's products and invoice lines. */
export const SatKeysInput = {
  satProductKey: z
    .string()
    .regex(/^\d{8}$/, "SAT's ClaveProdServ: 8 digits")
    .optional()
    .describe("Mexico: SAT's c_ClaveProdServ, e.g. 01010101"),
  satUnitKey: z
    .string()
    .regex(/^[A-Z0-9]{1,3}$/, "SAT's ClaveUnidad, e.g. H87")
    .optional()
    .describe("Mexico: SAT's c_ClaveUnidad, e.g. H87 (pieza) or E48 (unidad de servicio)"),
  taxObject: z
    .enum(['01', '02', '03', '04'])
    .optional()
    .describe(
      'Mexico: c_ObjetoImp. 01 not subject, 02 subject (taxes broken down), 03 subject, not ' +
        'obliged to break down, 04 subject, no tax caused; default 02 with taxes, 01 without',
    ),
};
