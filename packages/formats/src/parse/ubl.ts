import {
  type AllowanceChargeFacts,
  checkEn16931,
  type En16931Facts,
  type LineFacts,
  type ParsedAllowanceCharge,
  type ParsedInvoice,
  type ParsedLine,
  type ParsedParty,
  type ParsedTax,
  type PartyFacts,
  type ValidationIssue,
} from '@sello/core/documents';
import {
  at,
  attr,
  child,
  children,
  compact,
  normalizeTaxId,
  type Step,
  textAt,
  textOf,
  type XmlElement,
} from './xml.ts';

export const UBL_INVOICE_NS = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';
export const UBL_CREDIT_NOTE_NS = 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2';
const CAC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2';
const CBC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';
const cac = (name: string): Step => [CAC, name];
const cbc = (name: string): Step => [CBC, name];

export interface FormatReading {
  version?: string;
  invoice: ParsedInvoice;
  /** Findings only the XML shows (paths are XML paths); the model checks come on top. */
  issues: ValidationIssue[];
}

/** UBL 2.1 Invoice or CreditNote into the model, BT by BT, amounts as written. */
export function readUbl(root: XmlElement): FormatReading {
  const credit = root.local === 'CreditNote';
  const issues: ValidationIssue[] = [];
  const currency = textAt(root, cbc('DocumentCurrencyCode')) ?? '';
  const typeCode = textAt(root, cbc(credit ? 'CreditNoteTypeCode' : 'InvoiceTypeCode'));
  const seller = party(at(root, cac('AccountingSupplierParty'), cac('Party')));
  const buyer = party(at(root, cac('AccountingCustomerParty'), cac('Party')));
  const taxType = taxTypeFor(seller);

  // BT-110 is the TaxTotal in the document currency; a second one (BT-111) is in the tax currency.
  const taxTotals = children(root, cac('TaxTotal'));
  const taxTotal =
    taxTotals.find((t) => attr(child(t, cbc('TaxAmount')), 'currencyID') === currency) ??
    taxTotals[0];
  // Spanish IRPF, where UBL 2.1 puts withholding; EN 16931 itself has no such term.
  const withholding = child(root, cac('WithholdingTaxTotal'));
  const monetary = child(root, cac('LegalMonetaryTotal'));
  if (!taxTotal || attr(child(taxTotal, cbc('TaxAmount')), 'currencyID') !== currency) {
    issues.push({
      severity: 'error',
      rule: 'BR-CO-15',
      path: '/TaxTotal',
      message: 'There is no TaxTotal with a TaxAmount in the document currency (BT-110)',
    });
  }
  for (const amount of monetary?.children ?? []) {
    const given = attr(amount, 'currencyID');
    if (currency && given && given !== currency) {
      issues.push({
        severity: 'error',
        rule: 'CURRENCY',
        path: `/LegalMonetaryTotal/${amount.local}`,
        message: `${amount.local} is in ${given}, the document in ${currency}`,
      });
    }
  }

  const means = child(root, cac('PaymentMeans'));
  const reference = at(root, cac('BillingReference'), cac('InvoiceDocumentReference'));
  const notes = children(root, cbc('Note'))
    .map(textOf)
    .filter((n): n is string => n !== undefined);
  const precedingNumber = textAt(reference, cbc('ID'));

  const invoice: ParsedInvoice = compact({
    kind:
      credit || typeCode === '381' ? 'creditNote' : typeCode === '384' ? 'corrective' : 'invoice',
    number: textAt(root, cbc('ID')) ?? '',
    issueDate: textAt(root, cbc('IssueDate')) ?? '',
    dueDate: textAt(root, cbc('DueDate')) ?? textAt(means, cbc('PaymentDueDate')),
    currency,
    typeCode,
    specification: textAt(root, cbc('CustomizationID')),
    seller,
    buyer,
    lines: children(root, cac(credit ? 'CreditNoteLine' : 'InvoiceLine')).map((l) =>
      line(l, credit, taxType),
    ),
    breakdown: [
      ...children(taxTotal, cac('TaxSubtotal')).map((s) => subtotal(s, taxType)),
      ...children(withholding, cac('TaxSubtotal')).map((s) => ({
        ...subtotal(s, withheldType),
        withheld: true,
      })),
    ],
    allowanceCharges: children(root, cac('AllowanceCharge')).map(allowanceCharge),
    totals: compact({
      lineNet: textAt(monetary, cbc('LineExtensionAmount')) ?? '',
      net: textAt(monetary, cbc('TaxExclusiveAmount')) ?? '',
      tax: textAt(taxTotal, cbc('TaxAmount')) ?? '',
      withheld: textAt(withholding, cbc('TaxAmount')) ?? '0.00',
      total: textAt(monetary, cbc('TaxInclusiveAmount')) ?? '',
      payable: textAt(monetary, cbc('PayableAmount')) ?? '',
      allowances: textAt(monetary, cbc('AllowanceTotalAmount')),
      charges: textAt(monetary, cbc('ChargeTotalAmount')),
      prepaid: textAt(monetary, cbc('PrepaidAmount')),
      rounding: textAt(monetary, cbc('PayableRoundingAmount')),
    }),
    notes: notes.length ? notes.join('\n') : undefined,
    preceding: precedingNumber
      ? compact({ number: precedingNumber, issueDate: textAt(reference, cbc('IssueDate')) })
      : undefined,
    payment: means
      ? compact({
          means: textAt(means, cbc('PaymentMeansCode')),
          iban:
            textAt(means, cac('PayeeFinancialAccount'), cbc('ID')) ??
            textAt(means, cac('PaymentMandate'), cac('PayerFinancialAccount'), cbc('ID')),
          dueDate: textAt(means, cbc('PaymentDueDate')),
        })
      : undefined,
  });
  issues.push(...checkEn16931(invoice, facts(root, credit)));
  return { version: textAt(root, cbc('UBLVersionID')) ?? '2.1', invoice, issues };
}

/** Trimmed text of an element that is there, '' when it is empty: presence is what some rules ask. */
const raw = (el: XmlElement | undefined): string | undefined => el?.text.trim();
const isVat = (scheme: XmlElement) =>
  textAt(scheme, cac('TaxScheme'), cbc('ID'))?.toUpperCase() === 'VAT';

/** What the EN 16931 rules ask beyond the parsed figures (see En16931Facts), read BT by BT. */
function facts(root: XmlElement, credit: boolean): En16931Facts {
  const supplier = at(root, cac('AccountingSupplierParty'), cac('Party'));
  const customer = at(root, cac('AccountingCustomerParty'), cac('Party'));
  const representative = child(root, cac('TaxRepresentativeParty'));
  const payee = child(root, cac('PayeeParty'));
  const delivery = child(root, cac('Delivery'));
  const deliverTo = at(delivery, cac('DeliveryLocation'), cac('Address'));
  const period = child(root, cac('InvoicePeriod'));
  const taxCurrency = raw(child(root, cbc('TaxCurrencyCode')));
  const sellerName = textAt(supplier, cac('PartyName'), cbc('Name'));
  const sellerId = textAt(supplier, cac('PartyIdentification'), cbc('ID'));
  const payeeName = raw(at(payee, cac('PartyName'), cbc('Name')));
  const payeeId = textAt(payee, cac('PartyIdentification'), cbc('ID'));
  return {
    syntax: 'ubl',
    seller: partyFacts(supplier),
    buyer: partyFacts(customer),
    taxRepresentative: representative && {
      name: textAt(representative, cac('PartyName'), cbc('Name')),
      vatId: children(representative, cac('PartyTaxScheme')).some(
        (s) => isVat(s) && child(s, cbc('CompanyID')) !== undefined,
      ),
      address: child(representative, cac('PostalAddress')) !== undefined,
      countryCode: textAt(
        representative,
        cac('PostalAddress'),
        cac('Country'),
        cbc('IdentificationCode'),
      ),
    },
    payee: payee && {
      name: payeeName,
      sameAsSeller:
        (payeeName !== undefined && payeeName === sellerName) ||
        (payeeId !== undefined && payeeId === sellerId),
    },
    paymentMeans: children(root, cac('PaymentMeans')).map((m) => ({
      code: raw(child(m, cbc('PaymentMeansCode'))),
      creditTransfer: children(m, cac('PayeeFinancialAccount')).map((a) => ({
        accountId: raw(child(a, cbc('ID'))),
      })),
    })),
    deliverTo: deliverTo && {
      address: true,
      countryCode: raw(at(deliverTo, cac('Country'), cbc('IdentificationCode'))),
    },
    deliveryDate: textAt(delivery, cbc('ActualDeliveryDate')),
    invoicePeriod: period && {
      start: raw(child(period, cbc('StartDate'))),
      end: raw(child(period, cbc('EndDate'))),
      descriptionCode: raw(child(period, cbc('DescriptionCode'))),
    },
    taxPointDate: raw(child(root, cbc('TaxPointDate'))),
    taxPointDateCode: raw(child(period, cbc('DescriptionCode'))),
    taxCurrency,
    taxCurrencyTotal:
      taxCurrency !== undefined &&
      children(root, cac('TaxTotal')).some(
        (t) => attr(child(t, cbc('TaxAmount')), 'currencyID') === taxCurrency,
      ),
    supportingDocuments: children(root, cac('AdditionalDocumentReference')).map((d) =>
      textAt(d, cbc('ID')),
    ),
    precedingInvoices: children(root, cac('BillingReference')).map((b) =>
      raw(at(b, cac('InvoiceDocumentReference'), cbc('ID'))),
    ),
    allowanceCharges: children(root, cac('AllowanceCharge')).map(allowanceChargeFacts),
    documentCurrencyTaxTotals: children(root, cac('TaxTotal')).filter(
      (t) =>
        attr(child(t, cbc('TaxAmount')), 'currencyID') ===
        textAt(root, cbc('DocumentCurrencyCode')),
    ).length,
    breakdownCategories: children(root, cac('TaxTotal')).flatMap((t) =>
      children(t, cac('TaxSubtotal')).flatMap((s) => {
        const category = children(s, cac('TaxCategory')).find(isVat);
        const id = raw(child(category, cbc('ID')));
        return id === undefined ? [] : [id];
      }),
    ),
    lines: children(root, cac(credit ? 'CreditNoteLine' : 'InvoiceLine')).map(lineFacts),
    codes: codeFacts(root),
    decimals: decimalFacts(root, credit),
  };
}

/** The amounts BR-DEC-01…28 look at in the UBL binding (BT-92…BT-147), as written. */
function decimalFacts(root: XmlElement, credit: boolean): En16931Facts['decimals'] {
  const out: En16931Facts['decimals'] = [];
  const add = (rule: string, el: XmlElement | undefined, path: string) => {
    if (el) out.push({ rule, value: el.text.trim(), path });
  };
  const acs = (parent: XmlElement, at: string, rules: [string, string, string, string]) => {
    children(parent, cac('AllowanceCharge')).forEach((ac, i) => {
      const charge = textAt(ac, cbc('ChargeIndicator')) === 'true';
      const path = `${at}/AllowanceCharge[${i + 1}]`;
      add(charge ? rules[2] : rules[0], child(ac, cbc('Amount')), `${path}/Amount`);
      add(charge ? rules[3] : rules[1], child(ac, cbc('BaseAmount')), `${path}/BaseAmount`);
    });
  };
  acs(root, '', ['BR-DEC-01', 'BR-DEC-02', 'BR-DEC-05', 'BR-DEC-06']);
  const totals = child(root, cac('LegalMonetaryTotal'));
  for (const [rule, name] of [
    ['BR-DEC-09', 'LineExtensionAmount'],
    ['BR-DEC-10', 'AllowanceTotalAmount'],
    ['BR-DEC-11', 'ChargeTotalAmount'],
    ['BR-DEC-12', 'TaxExclusiveAmount'],
    ['BR-DEC-14', 'TaxInclusiveAmount'],
    ['BR-DEC-16', 'PrepaidAmount'],
    ['BR-DEC-17', 'PayableRoundingAmount'],
    ['BR-DEC-18', 'PayableAmount'],
  ] as const) {
    add(rule, child(totals, cbc(name)), `/LegalMonetaryTotal/${name}`);
  }
  children(root, cac('TaxTotal')).forEach((t, i) => {
    children(t, cac('TaxSubtotal')).forEach((s, j) => {
      const path = `/TaxTotal[${i + 1}]/TaxSubtotal[${j + 1}]`;
      add('BR-DEC-19', child(s, cbc('TaxableAmount')), `${path}/TaxableAmount`);
      add('BR-DEC-20', child(s, cbc('TaxAmount')), `${path}/TaxAmount`);
    });
  });
  const name = credit ? 'CreditNoteLine' : 'InvoiceLine';
  children(root, cac(name)).forEach((l, i) => {
    const path = `/${name}[${i + 1}]`;
    add('BR-DEC-23', child(l, cbc('LineExtensionAmount')), `${path}/LineExtensionAmount`);
    acs(l, path, ['BR-DEC-24', 'BR-DEC-25', 'BR-DEC-27', 'BR-DEC-28']);
  });
  return out;
}

const AMOUNTS = new Set(
  'Amount BaseAmount PriceAmount TaxAmount TaxableAmount LineExtensionAmount TaxExclusiveAmount TaxInclusiveAmount AllowanceTotalAmount ChargeTotalAmount PrepaidAmount PayableRoundingAmount PayableAmount'.split(
    ' ',
  ),
);

/** Every coded value a BR-CL rule of the UBL binding looks at, wherever it is. */
function codeFacts(root: XmlElement): En16931Facts['codes'] {
  const codes: En16931Facts['codes'] = [];
  // The elements from the root to the one being read. Its path (with sibling indices) is only
  // worked out for a value found, and no closure is made per element: the walk visits every
  // element of every document validated.
  const stack: XmlElement[] = [];
  const pathOf = () =>
    `/${stack
      .map((e, i) => {
        if (i === 0) return e.local;
        let n = 0;
        for (const s of stack[i - 1]!.children) {
          if (s.local === e.local) n++;
          if (s === e) break;
        }
        return `${e.local}[${n}]`;
      })
      .join('/')}`;
  const add = (list: string, value: string | undefined) => {
    if (value !== undefined) codes.push({ list, value: value.trim(), path: pathOf() });
  };
  const hasAncestor = (name: string) => stack.some((e) => e.local === name);
  const walk = (el: XmlElement, parent: XmlElement | undefined) => {
    stack.push(el);
    if (el.ns === CBC) {
      const up = parent?.local;
      const name = el.local;
      if (name === 'InvoiceTypeCode') add('BR-CL-01', el.text);
      if (name === 'CreditNoteTypeCode') add('BR-CL-01 credit note', el.text);
      if (AMOUNTS.has(name)) add('BR-CL-03', el.attrs.get('currencyID') ?? '');
      if (name === 'TaxCurrencyCode') add('BR-CL-05', el.text);
      if (name === 'DescriptionCode' && up === 'InvoicePeriod') add('BR-CL-06', el.text);
      if (
        name === 'ID' &&
        (up === 'AdditionalDocumentReference' || up === 'DocumentReference') &&
        textAt(parent, cbc('DocumentTypeCode')) === '130'
      ) {
        add('BR-CL-07', el.attrs.get('schemeID'));
      }
      if (name === 'ID' && up === 'PartyIdentification') {
        const scheme = el.attrs.get('schemeID');
        const sepaAllowed = hasAncestor('AccountingSupplierParty') || hasAncestor('PayeeParty');
        if (!(scheme?.trim() === 'SEPA' && sepaAllowed)) add('BR-CL-10', scheme);
      }
      if (name === 'CompanyID' && up === 'PartyLegalEntity')
        add('BR-CL-11', el.attrs.get('schemeID'));
      if (name === 'ItemClassificationCode' && up === 'CommodityClassification') {
        add('BR-CL-13', el.attrs.get('listID'));
      }
      if (name === 'IdentificationCode' && up === 'Country') add('BR-CL-14', el.text);
      if (name === 'IdentificationCode' && up === 'OriginCountry') add('BR-CL-15', el.text);
      if (name === 'PaymentMeansCode' && up === 'PaymentMeans') add('BR-CL-16', el.text);
      if (name === 'ID' && up === 'TaxCategory') add('BR-CL-17', el.text);
      if (name === 'ID' && up === 'ClassifiedTaxCategory') add('BR-CL-18', el.text);
      if (name === 'AllowanceChargeReasonCode' && up === 'AllowanceCharge') {
        add(textAt(parent, cbc('ChargeIndicator')) === 'true' ? 'BR-CL-20' : 'BR-CL-19', el.text);
      }
      if (name === 'ID' && up === 'StandardItemIdentification')
        add('BR-CL-21', el.attrs.get('schemeID'));
      if (name === 'TaxExemptionReasonCode') add('BR-CL-22', el.text.toUpperCase());
      if (name === 'InvoicedQuantity' || name === 'BaseQuantity' || name === 'CreditedQuantity') {
        add('BR-CL-23', el.attrs.get('unitCode'));
      }
      if (name === 'EmbeddedDocumentBinaryObject') add('BR-CL-24', el.attrs.get('mimeCode'));
      if (name === 'EndpointID') add('BR-CL-25', el.attrs.get('schemeID'));
      if (name === 'ID' && up === 'DeliveryLocation') add('BR-CL-26', el.attrs.get('schemeID'));
      if (name === 'CompanyID' && up === 'PartyTaxScheme' && parent && isVat(parent)) {
        add('BR-CO-09', el.text.trim().slice(0, 2));
      }
    }
    for (const c of el.children) walk(c, el);
    stack.pop();
  };
  walk(root, undefined);
  return codes;
}

function partyFacts(party: XmlElement | undefined): PartyFacts {
  const schemes = children(party, cac('PartyTaxScheme'));
  const endpoint = child(party, cbc('EndpointID'));
  return {
    taxRegistration: schemes.some((s) => child(s, cbc('CompanyID')) !== undefined),
    vatId: schemes.some((s) => isVat(s) && child(s, cbc('CompanyID')) !== undefined),
    legalId: at(party, cac('PartyLegalEntity'), cbc('CompanyID')) !== undefined,
    id: children(party, cac('PartyIdentification')).some((p) => {
      const id = child(p, cbc('ID'));
      return id !== undefined && attr(id, 'schemeID') !== 'SEPA';
    }),
    ...(endpoint ? { endpoint: compact({ scheme: endpoint.attrs.get('schemeID') }) } : {}),
  };
}

function allowanceChargeFacts(el: XmlElement): AllowanceChargeFacts {
  const category = children(el, cac('TaxCategory')).find(isVat);
  return compact({
    charge: textAt(el, cbc('ChargeIndicator')) === 'true',
    amount: raw(child(el, cbc('Amount'))),
    reason: raw(child(el, cbc('AllowanceChargeReason'))),
    reasonCode: raw(child(el, cbc('AllowanceChargeReasonCode'))),
    category: raw(child(category, cbc('ID'))),
    rate: raw(child(category, cbc('Percent'))),
  });
}

function lineFacts(el: XmlElement): LineFacts {
  const item = child(el, cac('Item'));
  const category = children(item, cac('ClassifiedTaxCategory')).find(isVat);
  const period = child(el, cac('InvoicePeriod'));
  return compact({
    category: raw(child(category, cbc('ID'))),
    rate: raw(child(category, cbc('Percent'))),
    period: period && {
      start: raw(child(period, cbc('StartDate'))),
      end: raw(child(period, cbc('EndDate'))),
    },
    allowanceCharges: children(el, cac('AllowanceCharge')).map(allowanceChargeFacts),
    attributes: children(item, cac('AdditionalItemProperty')).map((p) =>
      compact({ name: raw(child(p, cbc('Name'))), value: raw(child(p, cbc('Value'))) }),
    ),
    standardIds: children(item, cac('StandardItemIdentification')).flatMap((s) =>
      children(s, cbc('ID')).map((id) => compact({ scheme: id.attrs.get('schemeID') })),
    ),
    classifications: children(item, cac('CommodityClassification')).flatMap((c) =>
      children(c, cbc('ItemClassificationCode')).map((code) =>
        compact({ scheme: code.attrs.get('listID') }),
      ),
    ),
    grossPrice: textAt(el, cac('Price'), cac('AllowanceCharge'), cbc('BaseAmount')),
  });
}

/**
 * A VAT of a Spanish seller is IVA (IGIC in the Canary Islands, category L); anyone else's VAT is
 * VAT; other tax schemes are OTHER.
 */
type TaxTypeOf = (scheme: string | undefined, category: string | undefined) => ParsedTax['type'];
const taxTypeFor =
  (seller: ParsedParty): TaxTypeOf =>
  (scheme, category) => {
    if (scheme !== undefined && scheme.toUpperCase() !== 'VAT') return 'OTHER';
    if (category === 'L') return 'IGIC';
    return seller.countryCode === 'ES' ? 'IVA' : 'VAT';
  };

const withheldType: TaxTypeOf = (scheme) => (scheme?.toUpperCase() === 'IRPF' ? 'IRPF' : 'OTHER');

function party(el: XmlElement | undefined): ParsedParty {
  const schemes = children(el, cac('PartyTaxScheme'));
  const vat =
    schemes.find((s) => textAt(s, cac('TaxScheme'), cbc('ID'))?.toUpperCase() === 'VAT') ??
    schemes[0];
  const legal = child(el, cac('PartyLegalEntity'));
  const postal = child(el, cac('PostalAddress'));
  const countryCode = textAt(postal, cac('Country'), cbc('IdentificationCode'));
  const endpoint = child(el, cbc('EndpointID'));
  const endpointId = textOf(endpoint);
  return compact({
    taxId: normalizeTaxId(
      textAt(vat, cbc('CompanyID')) ??
        textAt(legal, cbc('CompanyID')) ??
        textAt(el, cac('PartyIdentification'), cbc('ID')),
    ),
    name: textAt(legal, cbc('RegistrationName')) ?? textAt(el, cac('PartyName'), cbc('Name')) ?? '',
    countryCode,
    address: postal
      ? compact({
          street:
            textAt(postal, cbc('StreetName')) ?? textAt(postal, cac('AddressLine'), cbc('Line')),
          city: textAt(postal, cbc('CityName')),
          postalCode: textAt(postal, cbc('PostalZone')),
          province: textAt(postal, cbc('CountrySubentity')),
          countryCode,
        })
      : undefined,
    email: textAt(el, cac('Contact'), cbc('ElectronicMail')),
    endpoint: endpointId
      ? compact({ id: endpointId, scheme: attr(endpoint, 'schemeID') })
      : undefined,
  });
}

function taxCategory(category: XmlElement | undefined, taxType: TaxTypeOf): ParsedTax {
  const code = textAt(category, cbc('ID'));
  return compact({
    type: taxType(textAt(category, cac('TaxScheme'), cbc('ID')), code),
    rate: textAt(category, cbc('Percent')) ?? '',
    category: code,
    exemptionReason: textAt(category, cbc('TaxExemptionReason')),
    exemptionCode: textAt(category, cbc('TaxExemptionReasonCode')),
  });
}

function subtotal(el: XmlElement, taxType: TaxTypeOf): ParsedTax {
  return compact({
    ...taxCategory(child(el, cac('TaxCategory')), taxType),
    base: textAt(el, cbc('TaxableAmount')),
    amount: textAt(el, cbc('TaxAmount')),
  });
}

function line(el: XmlElement, credit: boolean, taxType: TaxTypeOf): ParsedLine {
  const quantity = child(el, cbc(credit ? 'CreditedQuantity' : 'InvoicedQuantity'));
  const item = child(el, cac('Item'));
  const price = child(el, cac('Price'));
  return compact({
    id: textAt(el, cbc('ID')),
    description: textAt(item, cbc('Name')) ?? '',
    quantity: textOf(quantity) ?? '',
    unitCode: attr(quantity, 'unitCode'),
    unitPrice: textAt(price, cbc('PriceAmount')) ?? '',
    baseQuantity: textAt(price, cbc('BaseQuantity')),
    net: textAt(el, cbc('LineExtensionAmount')) ?? '',
    taxes: children(item, cac('ClassifiedTaxCategory')).map((c) => taxCategory(c, taxType)),
  });
}

function allowanceCharge(el: XmlElement): ParsedAllowanceCharge {
  const category = child(el, cac('TaxCategory'));
  return compact({
    charge: textAt(el, cbc('ChargeIndicator')) === 'true',
    amount: textAt(el, cbc('Amount')) ?? '',
    reason: textAt(el, cbc('AllowanceChargeReason')),
    tax: category
      ? compact({ category: textAt(category, cbc('ID')), rate: textAt(category, cbc('Percent')) })
      : undefined,
  });
}
