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
} from '@sello/core/documents';
import type { FormatReading } from './ubl.ts';
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

export const CII_NS = 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100';
const RAM = 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100';
const UDT = 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100';
const QDT = 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100';
const rsm = (name: string): Step => [CII_NS, name];
const ram = (name: string): Step => [RAM, name];

/** UN/CEFACT CII D16B (EN 16931 profile) into the model, BT by BT, amounts as written. */
export function readCii(root: XmlElement): FormatReading {
  const document = child(root, rsm('ExchangedDocument'));
  const transaction = child(root, rsm('SupplyChainTradeTransaction'));
  const agreement = child(transaction, ram('ApplicableHeaderTradeAgreement'));
  const settlement = child(transaction, ram('ApplicableHeaderTradeSettlement'));
  const currency = textAt(settlement, ram('InvoiceCurrencyCode')) ?? '';
  const typeCode = textAt(document, ram('TypeCode'));
  const seller = party(child(agreement, ram('SellerTradeParty')));
  const buyer = party(child(agreement, ram('BuyerTradeParty')));
  const taxType = (category: string | undefined): ParsedTax['type'] =>
    category === 'L' ? 'IGIC' : seller.countryCode === 'ES' ? 'IVA' : 'VAT';

  const summation = child(settlement, ram('SpecifiedTradeSettlementHeaderMonetarySummation'));
  // BT-110 is the TaxTotalAmount in the invoice currency; another one (BT-111) may follow.
  const taxTotals = children(summation, ram('TaxTotalAmount'));
  const taxTotal = taxTotals.find((t) => attr(t, 'currencyID') === currency) ?? taxTotals[0];
  const means = child(settlement, ram('SpecifiedTradeSettlementPaymentMeans'));
  const terms = child(settlement, ram('SpecifiedTradePaymentTerms'));
  const reference = child(settlement, ram('InvoiceReferencedDocument'));
  const precedingNumber = textAt(reference, ram('IssuerAssignedID'));
  const notes = children(document, ram('IncludedNote'))
    .map((n) => textAt(n, ram('Content')))
    .filter((n): n is string => n !== undefined);

  const invoice: ParsedInvoice = compact({
    kind: typeCode === '381' ? 'creditNote' : typeCode === '384' ? 'corrective' : 'invoice',
    number: textAt(document, ram('ID')) ?? '',
    issueDate: dateOf(at(document, ram('IssueDateTime'), [UDT, 'DateTimeString'])) ?? '',
    dueDate: dateOf(at(terms, ram('DueDateDateTime'), [UDT, 'DateTimeString'])),
    currency,
    typeCode,
    specification: textAt(
      root,
      rsm('ExchangedDocumentContext'),
      ram('GuidelineSpecifiedDocumentContextParameter'),
      ram('ID'),
    ),
    seller,
    buyer,
    lines: children(transaction, ram('IncludedSupplyChainTradeLineItem')).map((l) =>
      line(l, taxType),
    ),
    breakdown: children(settlement, ram('ApplicableTradeTax')).map((t) => ({
      ...tradeTax(t, taxType),
      ...compact({
        base: textAt(t, ram('BasisAmount')),
        amount: textAt(t, ram('CalculatedAmount')),
      }),
    })),
    allowanceCharges: children(settlement, ram('SpecifiedTradeAllowanceCharge')).map(
      allowanceCharge,
    ),
    totals: compact({
      lineNet: textAt(summation, ram('LineTotalAmount')) ?? '',
      net: textAt(summation, ram('TaxBasisTotalAmount')) ?? '',
      // BT-110 is optional: an invoice without VAT (category O) may leave it out.
      tax: textOf(taxTotal) ?? '0.00',
      withheld: '0.00',
      total: textAt(summation, ram('GrandTotalAmount')) ?? '',
      payable: textAt(summation, ram('DuePayableAmount')) ?? '',
      allowances: textAt(summation, ram('AllowanceTotalAmount')),
      charges: textAt(summation, ram('ChargeTotalAmount')),
      prepaid: textAt(summation, ram('TotalPrepaidAmount')),
      rounding: textAt(summation, ram('RoundingAmount')),
    }),
    notes: notes.length ? notes.join('\n') : undefined,
    preceding: precedingNumber
      ? compact({
          number: precedingNumber,
          issueDate: dateOf(at(reference, ram('FormattedIssueDateTime'), [QDT, 'DateTimeString'])),
        })
      : undefined,
    payment: means
      ? compact({
          means: textAt(means, ram('TypeCode')),
          iban:
            textAt(means, ram('PayeePartyCreditorFinancialAccount'), ram('IBANID')) ??
            textAt(means, ram('PayerPartyDebtorFinancialAccount'), ram('IBANID')),
          dueDate: dateOf(at(terms, ram('DueDateDateTime'), [UDT, 'DateTimeString'])),
        })
      : undefined,
  });
  return { version: 'D16B', invoice, issues: checkEn16931(invoice, facts(root)) };
}

const udt = (name: string): Step => [UDT, name];
/** Trimmed text of an element that is there, '' when it is empty: presence is what some rules ask. */
const raw = (el: XmlElement | undefined): string | undefined => el?.text.trim();
const isVat = (tax: XmlElement) => textAt(tax, ram('TypeCode'))?.toUpperCase() === 'VAT';
const registrations = (party: XmlElement | undefined, schemes: string[]) =>
  children(party, ram('SpecifiedTaxRegistration')).some((r) => {
    const id = child(r, ram('ID'));
    return id !== undefined && schemes.includes(id.attrs.get('schemeID') ?? '');
  });
const period = (el: XmlElement | undefined) =>
  el && {
    start: dateOf(at(el, ram('StartDateTime'), udt('DateTimeString'))),
    end: dateOf(at(el, ram('EndDateTime'), udt('DateTimeString'))),
  };

/** What the EN 16931 rules ask beyond the parsed figures (see En16931Facts), read BT by BT. */
function facts(root: XmlElement): En16931Facts {
  const transaction = child(root, rsm('SupplyChainTradeTransaction'));
  const agreement = child(transaction, ram('ApplicableHeaderTradeAgreement'));
  const delivery = child(transaction, ram('ApplicableHeaderTradeDelivery'));
  const settlement = child(transaction, ram('ApplicableHeaderTradeSettlement'));
  const seller = child(agreement, ram('SellerTradeParty'));
  const representative = child(agreement, ram('SellerTaxRepresentativeTradeParty'));
  const payee = child(settlement, ram('PayeeTradeParty'));
  const shipTo = at(delivery, ram('ShipToTradeParty'), ram('PostalTradeAddress'));
  const billing = child(settlement, ram('BillingSpecifiedPeriod'));
  const taxes = children(settlement, ram('ApplicableTradeTax'));
  const taxCurrency = raw(child(settlement, ram('TaxCurrencyCode')));
  const summation = child(settlement, ram('SpecifiedTradeSettlementHeaderMonetarySummation'));
  const same = (a: string | undefined, b: string | undefined) => a !== undefined && a === b;
  const payeeName = raw(child(payee, ram('Name')));
  return {
    syntax: 'cii',
    seller: partyFacts(seller),
    buyer: partyFacts(child(agreement, ram('BuyerTradeParty'))),
    taxRepresentative: representative && {
      name: textAt(representative, ram('Name')),
      vatId: registrations(representative, ['VA']),
      address: child(representative, ram('PostalTradeAddress')) !== undefined,
      countryCode: textAt(representative, ram('PostalTradeAddress'), ram('CountryID')),
    },
    payee: payee && {
      name: payeeName,
      sameAsSeller:
        same(payeeName, raw(child(seller, ram('Name')))) ||
        same(textAt(payee, ram('ID')), textAt(seller, ram('ID'))) ||
        same(
          textAt(payee, ram('SpecifiedLegalOrganization'), ram('ID')),
          textAt(seller, ram('SpecifiedLegalOrganization'), ram('ID')),
        ),
    },
    paymentMeans: children(settlement, ram('SpecifiedTradeSettlementPaymentMeans')).map((m) => ({
      code: raw(child(m, ram('TypeCode'))),
      creditTransfer: children(m, ram('PayeePartyCreditorFinancialAccount')).map((a) =>
        compact({
          accountId: textAt(a, ram('IBANID')) ?? textAt(a, ram('ProprietaryID')),
        }),
      ),
    })),
    deliverTo: shipTo && { address: true, countryCode: textAt(shipTo, ram('CountryID')) },
    deliveryDate: textAt(
      delivery,
      ram('ActualDeliverySupplyChainEvent'),
      ram('OccurrenceDateTime'),
      udt('DateTimeString'),
    ),
    invoicePeriod: period(billing),
    taxPointDate: taxes.map((t) => raw(child(t, ram('TaxPointDate')))).find((d) => d !== undefined),
    taxPointDateCode: taxes
      .map((t) => raw(child(t, ram('DueDateTypeCode'))))
      .find((d) => d !== undefined),
    taxCurrency,
    taxCurrencyTotal:
      taxCurrency !== undefined &&
      children(summation, ram('TaxTotalAmount')).some((t) => attr(t, 'currencyID') === taxCurrency),
    supportingDocuments: children(agreement, ram('AdditionalReferencedDocument')).map((d) =>
      textAt(d, ram('IssuerAssignedID')),
    ),
    precedingInvoices: children(settlement, ram('InvoiceReferencedDocument')).map((d) =>
      textAt(d, ram('IssuerAssignedID')),
    ),
    allowanceCharges: children(settlement, ram('SpecifiedTradeAllowanceCharge')).map(
      allowanceChargeFacts,
    ),
    documentCurrencyTaxTotals: children(summation, ram('TaxTotalAmount')).filter(
      (t) => attr(t, 'currencyID') === raw(child(settlement, ram('InvoiceCurrencyCode'))),
    ).length,
    breakdownCategories: taxes.filter(isVat).flatMap((t) => {
      const id = raw(child(t, ram('CategoryCode')));
      return id === undefined ? [] : [id];
    }),
    lines: children(transaction, ram('IncludedSupplyChainTradeLineItem')).map(lineFacts),
    codes: codeFacts(root),
    decimals: decimalFacts(transaction, settlement),
  };
}

/** The amounts BR-DEC-01…28 look at in the CII binding (BT-92…BT-147), as written. */
function decimalFacts(
  transaction: XmlElement | undefined,
  settlement: XmlElement | undefined,
): En16931Facts['decimals'] {
  const out: En16931Facts['decimals'] = [];
  const add = (rule: string, el: XmlElement | undefined, path: string) => {
    if (el) out.push({ rule, value: el.text.trim(), path });
  };
  const acs = (
    parent: XmlElement | undefined,
    at: string,
    rules: [string, string, string, string],
  ) => {
    children(parent, ram('SpecifiedTradeAllowanceCharge')).forEach((ac, i) => {
      const indicator = textAt(ac, ram('ChargeIndicator'), udt('Indicator'));
      if (indicator !== 'true' && indicator !== 'false') return;
      const charge = indicator === 'true';
      const path = `${at}/SpecifiedTradeAllowanceCharge[${i + 1}]`;
      add(charge ? rules[2] : rules[0], child(ac, ram('ActualAmount')), `${path}/ActualAmount`);
      add(charge ? rules[3] : rules[1], child(ac, ram('BasisAmount')), `${path}/BasisAmount`);
    });
  };
  acs(settlement, '/ApplicableHeaderTradeSettlement', [
    'BR-DEC-01',
    'BR-DEC-02',
    'BR-DEC-05',
    'BR-DEC-06',
  ]);
  const totals = child(settlement, ram('SpecifiedTradeSettlementHeaderMonetarySummation'));
  for (const [rule, name] of [
    ['BR-DEC-09', 'LineTotalAmount'],
    ['BR-DEC-10', 'AllowanceTotalAmount'],
    ['BR-DEC-11', 'ChargeTotalAmount'],
    ['BR-DEC-12', 'TaxBasisTotalAmount'],
    ['BR-DEC-14', 'GrandTotalAmount'],
    ['BR-DEC-16', 'TotalPrepaidAmount'],
    ['BR-DEC-17', 'RoundingAmount'],
    ['BR-DEC-18', 'DuePayableAmount'],
  ] as const) {
    add(rule, child(totals, ram(name)), `/SpecifiedTradeSettlementHeaderMonetarySummation/${name}`);
  }
  children(settlement, ram('ApplicableTradeTax')).forEach((t, i) => {
    const path = `/ApplicableHeaderTradeSettlement/ApplicableTradeTax[${i + 1}]`;
    add('BR-DEC-19', child(t, ram('BasisAmount')), `${path}/BasisAmount`);
    add('BR-DEC-20', child(t, ram('CalculatedAmount')), `${path}/CalculatedAmount`);
  });
  children(transaction, ram('IncludedSupplyChainTradeLineItem')).forEach((l, i) => {
    const path = `/IncludedSupplyChainTradeLineItem[${i + 1}]`;
    const lineSettlement = child(l, ram('SpecifiedLineTradeSettlement'));
    add(
      'BR-DEC-23',
      at(
        lineSettlement,
        ram('SpecifiedTradeSettlementLineMonetarySummation'),
        ram('LineTotalAmount'),
      ),
      `${path}/LineTotalAmount`,
    );
    acs(lineSettlement, path, ['BR-DEC-24', 'BR-DEC-25', 'BR-DEC-27', 'BR-DEC-28']);
  });
  return out;
}

/** Every coded value a BR-CL rule of the CII binding looks at, wherever it is. */
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
    if (el.ns === RAM) {
      const up = parent?.local;
      const name = el.local;
      if (name === 'TypeCode' && up === 'ExchangedDocument') add('BR-CL-01', el.text);
      if (name === 'TaxTotalAmount') add('BR-CL-03', el.attrs.get('currencyID'));
      if (name === 'TaxCurrencyCode') add('BR-CL-05', el.text);
      if (name === 'DueDateTypeCode') add('BR-CL-06', el.text);
      if (name === 'ReferenceTypeCode') add('BR-CL-07', el.text);
      if (
        name === 'GlobalID' &&
        !hasAncestor('SpecifiedTradeProduct') &&
        !hasAncestor('ShipToTradeParty')
      ) {
        add('BR-CL-10', el.attrs.get('schemeID'));
      }
      if (
        name === 'ID' &&
        !hasAncestor('SpecifiedTaxRegistration') &&
        up !== 'SpecifiedTaxRegistration'
      ) {
        add('BR-CL-11', el.attrs.get('schemeID'));
      }
      if (name === 'ClassCode') add('BR-CL-13', el.attrs.get('listID'));
      if (name === 'CountryID') add('BR-CL-14', el.text);
      if (name === 'ID' && up === 'OriginTradeCountry') add('BR-CL-15', el.text);
      if (name === 'TypeCode' && up === 'SpecifiedTradeSettlementPaymentMeans') {
        add('BR-CL-16', el.text);
      }
      if (name === 'CategoryCode' && up === 'CategoryTradeTax') add('BR-CL-17', el.text);
      if (name === 'CategoryCode' && up === 'ApplicableTradeTax') add('BR-CL-18', el.text);
      if (name === 'ReasonCode' && up === 'SpecifiedTradeAllowanceCharge') {
        const charge = textAt(parent, ram('ChargeIndicator'), udt('Indicator')) === 'true';
        add(charge ? 'BR-CL-20' : 'BR-CL-19', el.text);
      }
      if (name === 'GlobalID' && up === 'SpecifiedTradeProduct')
        add('BR-CL-21', el.attrs.get('schemeID'));
      if (name === 'ExemptionReasonCode') add('BR-CL-22', el.text.toUpperCase());
      if (name === 'BasisQuantity' || name === 'BilledQuantity')
        add('BR-CL-23', el.attrs.get('unitCode'));
      if (name === 'AttachmentBinaryObject') add('BR-CL-24', el.attrs.get('mimeCode'));
      if (name === 'URIID' && up === 'URIUniversalCommunication')
        add('BR-CL-25', el.attrs.get('schemeID'));
      if (
        name === 'GlobalID' &&
        up === 'ShipToTradeParty' &&
        hasAncestor('ApplicableHeaderTradeDelivery')
      ) {
        add('BR-CL-26', el.attrs.get('schemeID'));
      }
      if (name === 'ID' && up === 'SpecifiedTaxRegistration' && el.attrs.get('schemeID') === 'VA') {
        add('BR-CO-09', el.text.slice(0, 2));
      }
    }
    for (const c of el.children) walk(c, el);
    stack.pop();
  };
  walk(root, undefined);
  return codes;
}

function partyFacts(party: XmlElement | undefined): PartyFacts {
  const endpoint = child(party, ram('URIUniversalCommunication'));
  return {
    taxRegistration: registrations(party, ['VA', 'FC']),
    vatId: registrations(party, ['VA']),
    legalId: at(party, ram('SpecifiedLegalOrganization'), ram('ID')) !== undefined,
    id: child(party, ram('ID')) !== undefined || child(party, ram('GlobalID')) !== undefined,
    ...(endpoint
      ? { endpoint: compact({ scheme: attr(child(endpoint, ram('URIID')), 'schemeID') }) }
      : {}),
  };
}

function allowanceChargeFacts(el: XmlElement): AllowanceChargeFacts {
  const category = children(el, ram('CategoryTradeTax')).find(isVat);
  return compact({
    charge: textAt(el, ram('ChargeIndicator'), udt('Indicator')) === 'true',
    amount: raw(child(el, ram('ActualAmount'))),
    reason: raw(child(el, ram('Reason'))),
    reasonCode: raw(child(el, ram('ReasonCode'))),
    category: raw(child(category, ram('CategoryCode'))),
    rate: raw(child(category, ram('RateApplicablePercent'))),
  });
}

function lineFacts(el: XmlElement): LineFacts {
  const settlement = child(el, ram('SpecifiedLineTradeSettlement'));
  const product = child(el, ram('SpecifiedTradeProduct'));
  const tax = children(settlement, ram('ApplicableTradeTax')).find(isVat);
  return compact({
    category: raw(child(tax, ram('CategoryCode'))),
    rate: raw(child(tax, ram('RateApplicablePercent'))),
    period: period(child(settlement, ram('BillingSpecifiedPeriod'))),
    allowanceCharges: children(settlement, ram('SpecifiedTradeAllowanceCharge')).map(
      allowanceChargeFacts,
    ),
    attributes: children(product, ram('ApplicableProductCharacteristic')).map((c) =>
      compact({ name: raw(child(c, ram('Description'))), value: raw(child(c, ram('Value'))) }),
    ),
    standardIds: children(product, ram('GlobalID')).map((id) =>
      compact({ scheme: attr(id, 'schemeID') }),
    ),
    classifications: children(product, ram('DesignatedProductClassification')).flatMap((c) =>
      children(c, ram('ClassCode')).map((code) => compact({ scheme: attr(code, 'listID') })),
    ),
    grossPrice: textAt(
      el,
      ram('SpecifiedLineTradeAgreement'),
      ram('GrossPriceProductTradePrice'),
      ram('ChargeAmount'),
    ),
  });
}

/** Format 102 (CCYYMMDD) as an ISO date; anything else as written, for the date check to flag. */
function dateOf(element: XmlElement | undefined): string | undefined {
  const value = textOf(element);
  const m = value && /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : value;
}

function party(el: XmlElement | undefined): ParsedParty {
  const registrations = children(el, ram('SpecifiedTaxRegistration'));
  const vat =
    registrations.find((r) => attr(child(r, ram('ID')), 'schemeID') === 'VA') ?? registrations[0];
  const postal = child(el, ram('PostalTradeAddress'));
  const countryCode = textAt(postal, ram('CountryID'));
  const endpoint = at(el, ram('URIUniversalCommunication'), ram('URIID'));
  const endpointId = textOf(endpoint);
  return compact({
    taxId: normalizeTaxId(
      textAt(vat, ram('ID')) ??
        textAt(el, ram('SpecifiedLegalOrganization'), ram('ID')) ??
        textAt(el, ram('ID')),
    ),
    name: textAt(el, ram('Name')) ?? '',
    countryCode,
    address: postal
      ? compact({
          street: textAt(postal, ram('LineOne')),
          city: textAt(postal, ram('CityName')),
          postalCode: textAt(postal, ram('PostcodeCode')),
          province: textAt(postal, ram('CountrySubDivisionName')),
          countryCode,
        })
      : undefined,
    email: textAt(
      el,
      ram('DefinedTradeContact'),
      ram('EmailURIUniversalCommunication'),
      ram('URIID'),
    ),
    endpoint: endpointId
      ? compact({ id: endpointId, scheme: attr(endpoint, 'schemeID') })
      : undefined,
  });
}

function tradeTax(el: XmlElement, taxType: (category?: string) => ParsedTax['type']): ParsedTax {
  const category = textAt(el, ram('CategoryCode'));
  const scheme = textAt(el, ram('TypeCode'));
  return compact({
    type: scheme && scheme.toUpperCase() !== 'VAT' ? 'OTHER' : taxType(category),
    rate: textAt(el, ram('RateApplicablePercent')) ?? '',
    category,
    exemptionReason: textAt(el, ram('ExemptionReason')),
    exemptionCode: textAt(el, ram('ExemptionReasonCode')),
  });
}

function line(el: XmlElement, taxType: (category?: string) => ParsedTax['type']): ParsedLine {
  const quantity = at(el, ram('SpecifiedLineTradeDelivery'), ram('BilledQuantity'));
  const price = at(el, ram('SpecifiedLineTradeAgreement'), ram('NetPriceProductTradePrice'));
  const settlement = child(el, ram('SpecifiedLineTradeSettlement'));
  return compact({
    id: textAt(el, ram('AssociatedDocumentLineDocument'), ram('LineID')),
    description: textAt(el, ram('SpecifiedTradeProduct'), ram('Name')) ?? '',
    quantity: textOf(quantity) ?? '',
    unitCode: attr(quantity, 'unitCode'),
    unitPrice: textAt(price, ram('ChargeAmount')) ?? '',
    baseQuantity: textAt(price, ram('BasisQuantity')),
    net:
      textAt(
        settlement,
        ram('SpecifiedTradeSettlementLineMonetarySummation'),
        ram('LineTotalAmount'),
      ) ?? '',
    taxes: children(settlement, ram('ApplicableTradeTax')).map((t) => tradeTax(t, taxType)),
  });
}

function allowanceCharge(el: XmlElement): ParsedAllowanceCharge {
  const category = child(el, ram('CategoryTradeTax'));
  return compact({
    charge: textAt(el, ram('ChargeIndicator'), [UDT, 'Indicator']) === 'true',
    amount: textAt(el, ram('ActualAmount')) ?? '',
    reason: textAt(el, ram('Reason')),
    tax: category
      ? compact({
          category: textAt(category, ram('CategoryCode')),
          rate: textAt(category, ram('RateApplicablePercent')),
        })
      : undefined,
  });
}
