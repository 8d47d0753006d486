import * as z from 'zod';
import { xmlText } from './common.ts';

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
    alreadyRegistered: z
      .object({
        idPeticion: z.string().optional(),
        estado: z.enum(['Correcta', 'AceptadaConErrores', 'Anulada']),
      })
      .optional()
      .describe(
        "Settled from AEAT's duplicate answer: an earlier request whose answer was lost had registered the record (AEAT's request id and the state it holds)",
      ),
    notSent: z
      .literal(true)
      .optional()
      .describe(
        'Sello could not write the record for AEAT (e.g. text holding a character XML cannot carry): it is rejected without being sent, `errors` say why (code SELLO-UNSENDABLE), and POST …/verifactu/remedy corrects it while the other records go on',
      ),
  })
  .meta({ id: 'VerifactuSubmission' });

export const VerifactuEntry = z
  .object({
    seq: z.number().int().describe('Position in the tenant chain, from 1'),
    invoiceId: z.string(),
    kind: z.enum(['alta', 'anulacion']),
    record: RecordFields,
    submission: Submission,
    remedyOf: z
      .number()
      .int()
      .optional()
      .describe('Seq of the record this one corrects (Subsanacion = S)'),
    remediedBy: z.number().int().optional().describe('Seq of the record that corrects this one'),
  })
  .meta({ id: 'VerifactuEntry' });

export const InvoiceVerifactu = z
  .object({
    record: RecordFields,
    xml: z.string().describe('The RegistroAlta / RegistroAnulacion element'),
    qrUrl: z.string().describe('The AEAT verification URL printed as QR'),
    submission: Submission,
    history: z.array(VerifactuEntry).describe('Every record of this invoice, oldest first'),
    remediable: z
      .boolean()
      .describe(
        'Whether POST …/verifactu/remedy can correct the latest record now (AEAT rejected it or accepted it with errors)',
      ),
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

export const RemedyInput = z
  .object({
    description: xmlText(z.string().trim().min(1).max(500))
      .optional()
      .describe('A new DescripcionOperacion; by default the corrected record’s'),
    recipientIdType: z
      .enum(['02', '03', '04', '05', '06'])
      .optional()
      .describe(
        'How AEAT should read a recipient without a Spanish NIF (IDOtro/IDType): 02 NIF-IVA, 03 passport, 04 id of the country of residence, 05 residence certificate, 06 other document',
      ),
  })
  .strict()
  .describe(
    'What the correction changes, if anything; amounts, parties and dates need a corrective invoice instead',
  )
  .meta({ id: 'VerifactuRemedyInput' });

export const SubmitterCertificateInput = z
  .object({
    pkcs12: z
      .string()
      .min(100)
      .max(200_000)
      .regex(/^[A-Za-z0-9+/=\s]+$/, 'Base64 of the .p12 / .pfx file')
      .describe('The PKCS#12 file (.p12/.pfx) in base64: its key is kept sealed, never returned'),
    password: z.string().max(200).describe('Password of the PKCS#12 file; never stored'),
  })
  .strict()
  .meta({ id: 'VerifactuSubmitterCertificateInput' });

export const SubmitterCertificate = z
  .object({
    state: z
      .enum(['none', 'valid', 'expired', 'notYetValid'])
      .describe('none: records wait, pending, until a certificate is uploaded'),
    certificate: z
      .object({
        subject: z.string(),
        issuer: z.string(),
        serialNumber: z.string().describe('Decimal'),
        notBefore: z.string(),
        notAfter: z.string(),
        uploadedAt: z.string(),
      })
      .optional(),
  })
  .meta({ id: 'VerifactuSubmitterCertificate' });
