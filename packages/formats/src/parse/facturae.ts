import {
  decimalOf,
  type ParsedAllowanceCharge,
  type ParsedInvoice,
  type ParsedLine,
  type ParsedParty,
  type ParsedTax,
  type ValidationIssue,
} from '@sello/core/documents';
import { Dec } from '@sello/core/money';
import { facturaeCountry, knownAlpha2 } from '../facturae/countries.ts';
import {
  at,
  child,
  children,
  compact,
  normalizeTaxId,
  type Step,
  textAt,
  type XmlElement,
} from './xml.ts';

/** Root namespaces of the Facturae versions we read, and the version each one is. */
export const FACTURAE_NAMESPACES: ReadonlyMap<string, string> = new Map([
  ['http://www.facturae.es/Facturae/2009/v3.2/Facturae', '3.2'],
  ['http://www.facturae.es/Facturae/2014/v3.2.1/Facturae', '3.2.1'],
  ['http://www.facturae.gob.es/formato/Versiones/Facturaev3_2_2.xml', '3.2.2'],
]);

export interface FacturaeReading {
  version: string;
  /** Every invoice of the file, in order (a batch holds several). */
  invoices: ParsedInvoice[];
  issues: ValidationIssue[];
}

/** Facturae's elements below the root are unqualified. */
const f = (name: string): Step => ['', name];

/** TaxTypeCode → the model's tax kinds (01 IVA, 03 IGIC, 04 IRPF; the other 26 are OTHER). */
const TAX_TYPES: ReadonlyMap<string, ParsedTax['type']> = new Map([
  ['01', 'IVA'],
  ['03', 'IGIC'],
  ['04', 'IRPF'],
]);

let alpha3: Map<string, string> | undefined;

/**
 * alpha-3 → alpha-2, the inverse of the builder's table. Where the builder writes a substitute
 * (UM as USA), the country whose own code it is wins: its letters appear in the alpha-3 code.
 */
function alpha3Table(): Map<string, string> {
  const table = new Map<string, string>();
  const own = (a2: string, a3: string) => a3[0] === a2[0] && a3.includes(a2[1]!, 1);
  for (const a2 of knownAlpha2()) {
    let a3: string;
    try {
      a3 = facturaeCountry(a2, 'country');
    } catch {
      continue; // no Facturae code at all (e.g. Antarctica)
    }
    const taken = table.get(a3);
    if (!taken || (!own(taken, a3) && own(a2, a3))) table.set(a3, a2);
  }
  return table;
}

/** Facturae writes ISO 3166 alpha-3; the model speaks alpha-2 (undefined for an unknown code). */
function alpha2Of(code: string | undefined): string | undefined {
  if (!code) return undefined;
  alpha3 ??= alpha3Table();
  return alpha3.get(code);
}

const cents = (value: Dec) => value.toDecimalPlaces(2, Dec.ROUND_HALF_CEIL);
/** The sum, or undefined when a value is missing or malformed (the model checks report it). */
function sumOf(values: (Dec | undefined)[]): Dec | undefined {
  let sum = new Dec(0);
  for (const v of values) {
    if (!v) return undefined;
    sum = sum.plus(v);
  }
  return sum;
}

/** Facturae 3.2, 3.2.1 or 3.2.2 into the model; the file header and batch totals are checked. */
export function readFacturae(root: XmlElement, version: string): FacturaeReading {
  const issues: ValidationIssue[] = [];
  const report = (rule: string, path: string, message: string) =>
    issues.push({ severity: 'error', rule, path, message });

  const header = child(root, f('FileHeader'));
  const stated = textAt(header, f('SchemaVersion'));
  if (stated !== version) {
    report(
      'FACTURAE-VERSION',
      '/FileHeader/SchemaVersion',
      `SchemaVersion is ${stated ?? 'missing'} but the namespace is Facturae ${version}`,
    );
  }
  const parties = child(root, f('Parties'));
  const seller = party(child(parties, f('SellerParty')));
  const buyer = party(child(parties, f('BuyerParty')));
  if (!parties) report('REQUIRED', '/Parties', 'Parties is missing');

  const invoiceElements = children(child(root, f('Invoices')), f('Invoice'));
  if (!invoiceElements.length) report('REQUIRED', '/Invoices/Invoice', 'The file has no invoice');
  const invoices = invoiceElements.map((el, i) =>
    invoice(el, `/Invoices/Invoice[${i + 1}]`, seller, buyer, report),
  );
  checkBatch(header, invoiceElements, report);
  return { version, invoices, issues };
}

type Report = (rule: string, path: string, message: string) => void;

function party(el: XmlElement | undefined): ParsedParty {
  const id = child(el, f('TaxIdentification'));
  const legal = child(el, f('LegalEntity'));
  const individual = child(el, f('Individual'));
  const entity = legal ?? individual;
  const spain = child(entity, f('AddressInSpain'));
  const overseas = child(entity, f('OverseasAddress'));
  const name = legal
    ? textAt(legal, f('CorporateName'))
    : [
        textAt(individual, f('Name')),
        textAt(individual, f('FirstSurname')),
        textAt(individual, f('SecondSurname')),
      ]
        .filter(Boolean)
        .join(' ');
  const addressCountry = alpha2Of(textAt(spain ?? overseas, f('CountryCode')));
  const residence = textAt(id, f('ResidenceTypeCode'));
  return compact({
    taxId: normalizeTaxId(textAt(id, f('TaxIdentificationNumber'))),
    name: name ?? '',
    countryCode: addressCountry ?? (residence === 'R' ? 'ES' : undefined),
    address: spain
      ? compact({
          street: textAt(spain, f('Address')),
          postalCode: textAt(spain, f('PostCode')),
          city: textAt(spain, f('Town')),
          province: textAt(spain, f('Province')),
          countryCode: addressCountry,
        })
      : overseas
        ? compact({
            street: textAt(overseas, f('Address')),
            city: textAt(overseas, f('PostCodeAndTown')),
            province: textAt(overseas, f('Province')),
            countryCode: addressCountry,
          })
        : undefined,
    email: textAt(entity, f('ContactDetails'), f('ElectronicMail')),
  });
}

const amountOf = (el: XmlElement | undefined, name: string) =>
  textAt(el, f(name), f('TotalAmount'));

/** One row per tax; a recargo de equivalencia becomes an RE row of its own on the same base. */
function taxes(container: XmlElement | undefined, withheld: boolean): ParsedTax[] {
  return children(container, f('Tax')).flatMap((tax) => {
    const code = textAt(tax, f('TaxTypeCode')) ?? '';
    const base = amountOf(tax, 'TaxableBase');
    const row: ParsedTax = compact({
      type: TAX_TYPES.get(code) ?? 'OTHER',
      rate: textAt(tax, f('TaxRate')) ?? '',
      base,
      amount: amountOf(tax, 'TaxAmount'),
      withheld: withheld || undefined,
    });
    const surcharge = textAt(tax, f('EquivalenceSurcharge'));
    if (!surcharge) return [row];
    return [
      row,
      compact({
        type: 'RE' as const,
        rate: surcharge,
        base,
        amount: amountOf(tax, 'EquivalenceSurchargeAmount'),
      }),
    ];
  });
}

function invoice(
  el: XmlElement,
  path: string,
  seller: ParsedParty,
  buyer: ParsedParty,
  report: Report,
): ParsedInvoice {
  const header = child(el, f('InvoiceHeader'));
  const issue = child(el, f('InvoiceIssueData'));
  const totals = child(el, f('InvoiceTotals'));
  const corrective = child(header, f('Corrective'));
  const invoiceClass = textAt(header, f('InvoiceClass'));
  const installment = at(el, f('PaymentDetails'), f('Installment'));
  const lines = children(child(el, f('Items')), f('InvoiceLine')).map((line, i) =>
    readLine(line, `${path}/Items/InvoiceLine[${i + 1}]`, report),
  );
  checkAmountDue(totals, `${path}/InvoiceTotals`, report);
  const precedingNumber = textAt(corrective, f('InvoiceNumber'));
  return compact({
    kind: invoiceClass === 'OR' || invoiceClass === 'CR' ? 'corrective' : 'invoice',
    number: textAt(header, f('InvoiceNumber')) ?? '',
    series: textAt(header, f('InvoiceSeriesCode')),
    typeCode: [textAt(header, f('InvoiceDocumentType')), invoiceClass].filter(Boolean).join('/'),
    issueDate: textAt(issue, f('IssueDate')) ?? '',
    dueDate: textAt(installment, f('InstallmentDueDate')),
    currency: textAt(issue, f('InvoiceCurrencyCode')) ?? '',
    seller,
    buyer,
    lines,
    breakdown: [
      ...taxes(child(el, f('TaxesOutputs')), false),
      ...taxes(child(el, f('TaxesWithheld')), true),
    ],
    allowanceCharges: [
      ...children(child(totals, f('GeneralDiscounts')), f('Discount')).map(
        (d): ParsedAllowanceCharge =>
          compact({
            charge: false,
            amount: textAt(d, f('DiscountAmount')) ?? '',
            reason: textAt(d, f('DiscountReason')),
          }),
      ),
      ...children(child(totals, f('GeneralSurcharges')), f('Charge')).map(
        (c): ParsedAllowanceCharge =>
          compact({
            charge: true,
            amount: textAt(c, f('ChargeAmount')) ?? '',
            reason: textAt(c, f('ChargeReason')),
          }),
      ),
    ],
    totals: compact({
      lineNet: textAt(totals, f('TotalGrossAmount')) ?? '',
      net: textAt(totals, f('TotalGrossAmountBeforeTaxes')) ?? '',
      tax: textAt(totals, f('TotalTaxOutputs')) ?? '',
      withheld: textAt(totals, f('TotalTaxesWithheld')) ?? '',
      total: textAt(totals, f('InvoiceTotal')) ?? '',
      payable: textAt(totals, f('TotalExecutableAmount')) ?? '',
      allowances: textAt(totals, f('TotalGeneralDiscounts')),
      charges: textAt(totals, f('TotalGeneralSurcharges')),
      prepaid: textAt(totals, f('TotalPaymentsOnAccount')),
    }),
    notes: textAt(el, f('AdditionalData'), f('InvoiceAdditionalInformation')),
    preceding: precedingNumber
      ? compact({
          number: precedingNumber,
          series: textAt(corrective, f('InvoiceSeriesCode')),
          issueDate: textAt(corrective, f('InvoiceIssueDate')),
          reason: textAt(corrective, f('ReasonCode')),
        })
      : undefined,
    payment: installment
      ? compact({
          means: textAt(installment, f('PaymentMeans')),
          iban:
            textAt(installment, f('AccountToBeCredited'), f('IBAN')) ??
            textAt(installment, f('AccountToBeDebited'), f('IBAN')),
          dueDate: textAt(installment, f('InstallmentDueDate')),
        })
      : undefined,
  });
}

/**
 * A line: GrossAmount is its taxable base (TotalCost less discounts plus charges), TotalCost is
 * quantity × unit price. Both are checked to the cent, as Facturae's XSD documentation defines them.
 */
function readLine(el: XmlElement, path: string, report: Report): ParsedLine {
  const event = child(el, f('SpecialTaxableEvent'));
  const reason = textAt(event, f('SpecialTaxableEventReason'));
  const eventCode = textAt(event, f('SpecialTaxableEventCode'));
  const outputs = taxes(child(el, f('TaxesOutputs')), false).map((t) =>
    event && decimalOf(t.rate)?.isZero()
      ? compact({ ...t, exemptionReason: reason, exemptionCode: eventCode })
      : t,
  );
  const line: ParsedLine = compact({
    id: textAt(el, f('SequenceNumber')),
    description: textAt(el, f('ItemDescription')) ?? '',
    quantity: textAt(el, f('Quantity')) ?? '',
    unitCode: textAt(el, f('UnitOfMeasure')),
    unitPrice: textAt(el, f('UnitPriceWithoutTax')) ?? '',
    net: textAt(el, f('GrossAmount')) ?? '',
    taxes: [...outputs, ...taxes(child(el, f('TaxesWithheld')), true)],
  });

  const quantity = decimalOf(line.quantity);
  const price = decimalOf(line.unitPrice);
  const costText = textAt(el, f('TotalCost'));
  const cost = decimalOf(costText);
  if (quantity && price && cost && !cents(cost).eq(cents(quantity.times(price)))) {
    report(
      'FACTURAE-LINE',
      `${path}/TotalCost`,
      `TotalCost should be Quantity × UnitPriceWithoutTax = ${cents(quantity.times(price)).toFixed(2)}; the document says ${costText}`,
    );
  }
  const discounts = sumOf(
    children(child(el, f('DiscountsAndRebates')), f('Discount')).map((d) =>
      decimalOf(textAt(d, f('DiscountAmount'))),
    ),
  );
  const charges = sumOf(
    children(child(el, f('Charges')), f('Charge')).map((c) =>
      decimalOf(textAt(c, f('ChargeAmount'))),
    ),
  );
  const gross = decimalOf(line.net);
  if (cost && gross && discounts && charges) {
    const expected = cost.minus(discounts).plus(charges);
    if (!cents(gross).eq(cents(expected))) {
      report(
        'FACTURAE-LINE',
        `${path}/GrossAmount`,
        `GrossAmount should be TotalCost − discounts + charges = ${cents(expected).toFixed(2)}; the document says ${line.net}`,
      );
    }
  }
  return line;
}

/**
 * TotalOutstandingAmount = InvoiceTotal − subsidies − payments on account, and
 * TotalExecutableAmount = outstanding − amounts withheld − payment in kind + reimbursable
 * expenses + financial expenses (the XSD's own definitions).
 */
function checkAmountDue(totals: XmlElement | undefined, path: string, report: Report): void {
  const num = (name: string) => {
    const text = textAt(totals, f(name));
    return text === undefined ? new Dec(0) : decimalOf(text);
  };
  const sumUnder = (container: string, item: string, amount: string) =>
    sumOf(
      children(child(totals, f(container)), f(item)).map((e) => decimalOf(textAt(e, f(amount)))),
    );
  const invoiceTotal = decimalOf(textAt(totals, f('InvoiceTotal')));
  const subsidies = sumUnder('Subsidies', 'Subsidy', 'SubsidyAmount');
  const payments = textAt(totals, f('TotalPaymentsOnAccount'))
    ? num('TotalPaymentsOnAccount')
    : sumUnder('PaymentsOnAccount', 'PaymentOnAccount', 'PaymentOnAccountAmount');
  const outstandingText = textAt(totals, f('TotalOutstandingAmount'));
  const outstanding = decimalOf(outstandingText);
  if (invoiceTotal && subsidies && payments && outstanding) {
    const expected = invoiceTotal.minus(subsidies).minus(payments);
    if (!cents(outstanding).eq(cents(expected))) {
      report(
        'FACTURAE-OUTSTANDING',
        `${path}/TotalOutstandingAmount`,
        `TotalOutstandingAmount should be InvoiceTotal − subsidies − payments on account = ${cents(expected).toFixed(2)}; the document says ${outstandingText}`,
      );
    }
  }
  const withheld = decimalOf(textAt(totals, f('AmountsWithheld'), f('WithholdingAmount')) ?? '0');
  const executableText = textAt(totals, f('TotalExecutableAmount'));
  const executable = decimalOf(executableText);
  const inKind = decimalOf(textAt(totals, f('PaymentInKind'), f('PaymentInKindAmount')) ?? '0');
  const reimbursable = num('TotalReimbursableExpenses');
  const financial = num('TotalFinancialExpenses');
  if (outstanding && withheld && executable && inKind && reimbursable && financial) {
    const expected = outstanding.minus(withheld).minus(inKind).plus(reimbursable).plus(financial);
    if (!cents(executable).eq(cents(expected))) {
      report(
        'FACTURAE-EXECUTABLE',
        `${path}/TotalExecutableAmount`,
        `TotalExecutableAmount should be outstanding − withheld − in kind + reimbursable + financial expenses = ${cents(expected).toFixed(2)}; the document says ${executableText}`,
      );
    }
  }
}

/** The file header repeats the count and totals of its invoices: they must agree. */
function checkBatch(header: XmlElement | undefined, invoices: XmlElement[], report: Report): void {
  const batch = child(header, f('Batch'));
  if (!batch) {
    report('REQUIRED', '/FileHeader/Batch', 'The file header has no Batch');
    return;
  }
  const modality = textAt(header, f('Modality'));
  if (modality === 'I' && invoices.length !== 1) {
    report(
      'FACTURAE-BATCH',
      '/FileHeader/Modality',
      `Modality I (individual) needs exactly one invoice; the file has ${invoices.length}`,
    );
  }
  const count = textAt(batch, f('InvoicesCount'));
  if (count !== String(invoices.length)) {
    report(
      'FACTURAE-BATCH',
      '/FileHeader/Batch/InvoicesCount',
      `InvoicesCount is ${count ?? 'missing'}; the file has ${invoices.length} invoices`,
    );
  }
  const pairs = [
    ['TotalInvoicesAmount', 'InvoiceTotal'],
    ['TotalOutstandingAmount', 'TotalOutstandingAmount'],
    ['TotalExecutableAmount', 'TotalExecutableAmount'],
  ] as const;
  for (const [batchName, invoiceName] of pairs) {
    const stated = amountOf(batch, batchName);
    const sum = sumOf(
      invoices.map((i) => decimalOf(textAt(i, f('InvoiceTotals'), f(invoiceName)))),
    );
    const s = decimalOf(stated);
    if (!s || !sum) continue;
    if (!cents(s).eq(cents(sum))) {
      report(
        'FACTURAE-BATCH',
        `/FileHeader/Batch/${batchName}/TotalAmount`,
        `${batchName} is ${stated}; the invoices' ${invoiceName} add up to ${cents(sum).toFixed(2)}`,
      );
    }
  }
  const currency = textAt(batch, f('InvoiceCurrencyCode'));
  invoices.forEach((inv, i) => {
    const own = textAt(inv, f('InvoiceIssueData'), f('InvoiceCurrencyCode'));
    if (currency && own && own !== currency) {
      report(
        'FACTURAE-BATCH',
        `/Invoices/Invoice[${i + 1}]/InvoiceIssueData/InvoiceCurrencyCode`,
        `The invoice is in ${own}, the batch in ${currency}`,
      );
    }
  });
}
