/** The domain types the renderer reads. */
export type {
  Address,
  ComputedLine,
  CorrectionMethod,
  CorrectiveData,
  ExemptionCode,
  Invoice,
  Language,
  LineTax,
  NotSubjectCode,
  PartySnapshot,
  PaymentMeans,
  PaymentTerms,
  TaxBreakdownRow,
  TaxType,
  Totals,
} from '@sello/core';
