import { describe, expect, it } from 'vitest';
import { sampleInvoice } from '../../testing/index.ts';
import { buildPaymentDetails, PAYMENT_MEANS_CODES } from './payment.ts';

describe('buildPaymentDetails', () => {
  it('writes one installment by transfer to the issuer account', () => {
    expect(buildPaymentDetails(sampleInvoice())).toBe(
      '<PaymentDetails><Installment><InstallmentDueDate>2026-04-14</InstallmentDueDate>' +
        '<InstallmentAmount>409.34</InstallmentAmount><PaymentMeans>04</PaymentMeans>' +
        '<AccountToBeCredited><IBAN>ES9121000418450200051332</IBAN></AccountToBeCredited>' +
        '<CollectionAdditionalInformation>30 días fecha factura</CollectionAdditionalInformation>' +
        '</Installment></PaymentDetails>',
    );
  });

  it('debits the customer account for a direct debit, and defaults the due date to the issue date', () => {
    const xml = buildPaymentDetails(
      sampleInvoice({ payment: { means: 'directDebit', iban: 'ES7921000813610123456789' } }),
    );
    expect(xml).toContain('<InstallmentDueDate>2026-03-15</InstallmentDueDate>');
    expect(xml).toContain(
      '<PaymentMeans>02</PaymentMeans><AccountToBeDebited><IBAN>ES7921000813610123456789</IBAN>',
    );
  });

  it('maps every payment means to its Facturae code', () => {
    expect(PAYMENT_MEANS_CODES).toEqual({
      cash: '01',
      directDebit: '02',
      transfer: '04',
      card: '19',
      other: '13',
    });
    expect(buildPaymentDetails(sampleInvoice({ payment: { means: 'card' } }))).toContain(
      '<PaymentMeans>19</PaymentMeans></Installment>',
    );
  });

  it('writes nothing without terms or with nothing to collect', () => {
    expect(buildPaymentDetails(sampleInvoice({ payment: undefined }))).toBe('');
    const credit = sampleInvoice({
      totals: { net: '-100.00', tax: '-21.00', withheld: '0.00', total: '-121.00' },
    });
    expect(buildPaymentDetails(credit)).toBe('');
  });

  it('refuses an IBAN that is not one', () => {
    expect(() =>
      buildPaymentDetails(sampleInvoice({ payment: { means: 'transfer', iban: '1234' } })),
    ).toThrow(/payment.iban/);
  });
});
