import * as z from 'zod';
import { SatKeysInput, TaxInput } from './money.ts';

// Apart from ./deposits.ts, which reads the deposits' domain: customers and settings carry a
// treatment, and the portal's bundles of their forms should not carry the deposits' code.

export const DepositTreatment = z
  .object({
    concept: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .describe('The concept printed on the invoice, e.g. "Recarga de saldo"'),
    taxes: z
      .array(TaxInput)
      .min(1)
      .max(4)
      .describe("The concept's taxes; a deposit's amount includes them"),
    lines: z
      .enum(['perDeposit', 'grouped'])
      .describe('One line per deposit (with its day and reference), or one line for them all'),
    satProductKey: SatKeysInput.satProductKey.describe(
      'Mexico: c_ClaveProdServ; 84111506 (advances, per SAT) by default',
    ),
    satUnitKey: SatKeysInput.satUnitKey.describe('Mexico: c_ClaveUnidad; ACT by default'),
  })
  .strict()
  .describe(
    'How deposits are invoiced. Without one: Spain "Anticipo" at IVA 21 %; Mexico SAT\'s ' +
      'advance "Anticipo del bien o servicio", 84111506 / ACT, IVA 16 %; one line per deposit',
  )
  .meta({ id: 'DepositTreatment' });
