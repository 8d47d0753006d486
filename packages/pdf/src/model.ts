/** The domain types the renderer reads. */
export type {
  CorrectionMethod,
  CorrectiveData,
  Invoice,
  PartySnapshot,
  PaymentMeans,
  PaymentTerms,
} from '@sello/core/invoices';
export type { Address, Language } from '@sello/core/parties';
export type {
  ComputedLine,
  ExemptionCode,
  LineTax,
  NotSubjectCode,
  TaxBreakdownRow,
  TaxType,
  Totals,
} from '@sello/core/taxes';
