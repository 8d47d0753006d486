import * as z from 'zod';

export const RecordFields = z
  .record(z.string(), z.string())
  .describe(
    'The record as written in its XML: IDEmisorFactura, NumSerieFactura, FechaExpedicionFactura, TipoFactura, CuotaTotal, ImporteTotal, Huella, previousHuella, FechaHoraHusoGenRegistro (…Anulada names for cancellations)',
  )
  .meta({ id: 'VerifactuRecordFields' });

export const Submission = z
  .object({
    state: z.enum(['pending', 'accepted', 'acceptedWithErrors', 'rejected']),
    csv: z.string().optional(),
    errors: z.array(z.object({ code: z.string(), description: z.string() })).optional(),
    at: z.string().optional(),
  })
  .meta({ id: 'VerifactuSubmission' });

export const VerifactuEntry = z
  .object({
    seq: z.number().int().describe('Position in the tenant chain, from 1'),
    invoiceId: z.string(),
    kind: z.enum(['alta', 'anulacion']),
    record: RecordFields,
    submission: Submission,
  })
  .meta({ id: 'VerifactuEntry' });

export const InvoiceVerifactu = z
  .object({
    record: RecordFields,
    xml: z.string().describe('The RegistroAlta / RegistroAnulacion element'),
    qrUrl: z.string().describe('The AEAT verification URL printed as QR'),
    submission: Submission,
    history: z.array(VerifactuEntry).describe('Every record of this invoice, oldest first'),
  })
  .meta({ id: 'InvoiceVerifactu' });

export const ChainVerification = z
  .object({
    valid: z.boolean(),
    checked: z.number().int(),
    firstBroken: z
      .object({ seq: z.number().int(), invoiceId: z.string(), reason: z.string() })
      .optional(),
  })
  .meta({ id: 'ChainVerification' });

export const VoidInput = z
  .object({
    reason: z.string().trim().min(1).max(500).describe('Why the invoice was issued in error'),
  })
  .strict()
  .meta({ id: 'VoidInput' });

export const SubmissionBatch = z
  .object({
    id: z.string(),
    sentAt: z.string(),
    records: z.number().int().describe('How many records the batch carried (at most 1,000)'),
    firstSeq: z.number().int(),
    lastSeq: z.number().int(),
    estadoEnvio: z.enum(['Correcto', 'ParcialmenteCorrecto', 'Incorrecto']),
    csv: z.string().optional().describe('AEAT receipt code; only given once, so stored at once'),
    tiempoEsperaEnvio: z
      .number()
      .int()
      .describe('Seconds AEAT asked to wait before the next batch'),
    accepted: z.number().int(),
    acceptedWithErrors: z.number().int(),
    rejected: z.number().int(),
  })
  .meta({ id: 'VerifactuSubmissionBatch' });
