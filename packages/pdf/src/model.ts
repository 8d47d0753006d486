/** The domain types the renderer reads. */
export type {
  ComputedLine,
  CorrectionMethod,
  CorrectiveData,
  ExemptionCode,
  Invoice,
  LineTax,
  NotSubjectCode,
  PartySnapshot,
  PaymentMeans,
  PaymentTerms,
  TaxBreakdownRow,
  TaxType,
  Totals,
} from '@sello/core';
export type { Address, Language } from '../../core/src/parties/party.ts';
