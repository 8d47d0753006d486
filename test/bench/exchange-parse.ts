import { parseDocument } from '@sello/formats/parse';
import { median } from './stats.ts';

/** A 20-line Peppol BIS 3 invoice of a Spanish seller, compact as generators write it. */
export function twentyLineUbl(): string {
  const lines: string[] = [];
  let net = 0;
  for (let i = 1; i <= 20; i++) {
    const quantity = i;
    const price = 10 + i;
    const amount = quantity * price;
    net += amount;
    lines.push(
      `<cac:InvoiceLine><cbc:ID>${i}</cbc:ID><cbc:InvoicedQuantity unitCode="C62">${quantity}</cbc:InvoicedQuantity><cbc:LineExtensionAmount currencyID="EUR">${amount.toFixed(2)}</cbc:LineExtensionAmount><cac:Item><cbc:Name>Artículo de prueba número ${i}</cbc:Name><cac:SellersItemIdentification><cbc:ID>SKU-${i}</cbc:ID></cac:SellersItemIdentification><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item><cac:Price><cbc:PriceAmount currencyID="EUR">${price.toFixed(2)}</cbc:PriceAmount></cac:Price></cac:InvoiceLine>`,
    );
  }
  const tax = (net * 21) / 100;
  const party = (id: string, name: string, city: string) =>
    `<cac:Party><cbc:EndpointID schemeID="9920">${id}</cbc:EndpointID><cac:PostalAddress><cbc:StreetName>Calle Mayor 1</cbc:StreetName><cbc:CityName>${city}</cbc:CityName><cbc:PostalZone>28013</cbc:PostalZone><cac:Country><cbc:IdentificationCode>ES</cbc:IdentificationCode></cac:Country></cac:PostalAddress><cac:PartyTaxScheme><cbc:CompanyID>${id}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyLegalEntity><cbc:RegistrationName>${name}</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party>`;
  return `<?xml version="1.0" encoding="UTF-8"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID><cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID><cbc:ID>A2026-000123</cbc:ID><cbc:IssueDate>2026-03-16</cbc:IssueDate><cbc:DueDate>2026-04-15</cbc:DueDate><cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode><cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode><cbc:BuyerReference>PO-77</cbc:BuyerReference><cac:AccountingSupplierParty>${party('ESB12345674', 'Sello Demo Servicios S.L.', 'Madrid')}</cac:AccountingSupplierParty><cac:AccountingCustomerParty>${party('ESA58818501', 'Distribuciones Mediterráneo S.A.', 'Barcelona')}</cac:AccountingCustomerParty><cac:PaymentMeans><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode><cac:PayeeFinancialAccount><cbc:ID>ES9121000418450200051332</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans><cac:TaxTotal><cbc:TaxAmount currencyID="EUR">${tax.toFixed(2)}</cbc:TaxAmount><cac:TaxSubtotal><cbc:TaxableAmount currencyID="EUR">${net.toFixed(2)}</cbc:TaxableAmount><cbc:TaxAmount currencyID="EUR">${tax.toFixed(2)}</cbc:TaxAmount><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal><cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="EUR">${net.toFixed(2)}</cbc:LineExtensionAmount><cbc:TaxExclusiveAmount currencyID="EUR">${net.toFixed(2)}</cbc:TaxExclusiveAmount><cbc:TaxInclusiveAmount currencyID="EUR">${(net + tax).toFixed(2)}</cbc:TaxInclusiveAmount><cbc:PayableAmount currencyID="EUR">${(net + tax).toFixed(2)}</cbc:PayableAmount></cac:LegalMonetaryTotal>${lines.join('')}</Invoice>`;
}

/**
 * Parse + validate throughput of one 20-line UBL invoice in this process (one core): three runs
 * of about a second each after a warm-up, the median run reported.
 */
export async function benchParse(): Promise<{ parsePerSecond: number }> {
  const xml = twentyLineUbl();
  const check = parseDocument(xml);
  if (!check.valid) throw new Error(`bench invoice is not valid: ${JSON.stringify(check.errors)}`);
  for (let i = 0; i < 200; i++) parseDocument(xml);
  const rates: number[] = [];
  for (let run = 0; run < 3; run++) {
    let count = 0;
    const started = performance.now();
    let elapsed = 0;
    while (elapsed < 1000) {
      parseDocument(xml);
      count++;
      elapsed = performance.now() - started;
    }
    rates.push((count * 1000) / elapsed);
  }
  return { parsePerSecond: Math.round(median(rates)) };
}
