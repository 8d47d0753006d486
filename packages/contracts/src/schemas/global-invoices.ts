import * as z from 'zod';
import { Instant } from './common.ts';

/** A monthly period of Mexico's factura global, on the tenant's wall clocks. */
export const GlobalPeriodInput = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month as YYYY-MM, e.g. 2026-11')
  .describe('The month closed, YYYY-MM in the tenant’s time zone');

export const CloseGlobalInput = z
  .object({
    period: GlobalPeriodInput.optional().describe(
      'The month to close (YYYY-MM); by default the month before the current one',
    ),
  })
  .strict();

export const GlobalInvoice = z
  .object({
    id: z.string(),
    period: z.string().describe('YYYY-MM'),
    status: z.enum(['pending', 'stamped', 'cancelled']),
    uuid: z.string().optional().describe('The fiscal folio of its stamp'),
    total: z.string().optional(),
    currency: z.string(),
    tickets: z.array(z.string()).describe('The references of the tickets in it'),
    replaces: z
      .object({ id: z.string(), uuid: z.string() })
      .optional()
      .describe('The global it replaces (TipoRelacion 04)'),
    replacedBy: z.string().optional().describe('The global that replaced it'),
    cancellation: z
      .object({
        reason: z.enum(['01', '02']),
        substitute: z.string().optional(),
        at: z.string(),
      })
      .optional(),
    stampedAt: z.string().optional(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'GlobalInvoice' });

export const GlobalInvoiceList = z.object({ items: z.array(GlobalInvoice) });

export const GlobalCloseResult = z.object({
  global: GlobalInvoice.optional().describe('Absent when the period had no open ticket'),
});

export const GlobalDocumentParams = z.object({
  id: z
    .string()
    .regex(/^glb_\d{4}-\d{2}(_r\d+)?$/, 'A global invoice id, e.g. glb_2026-11 or glb_2026-11_r1'),
  format: z
    .enum(['cfdi'])
    .describe('cfdi: the stamped CFDI 4.0, the legal original (a global has no PDF of its own)'),
});
