import { Dec } from '../money/decimal.ts';
import { decimalOf, isCalendarDate, taxAmountAgrees, taxAmountMessage } from './checks.ts';
import { CODE_LISTS, MIME_CODES } from './en16931-codes.ts';
import type { ParsedInvoice, ParsedTax, ValidationIssue } from './parsed.ts';

/**
 * What the EN 16931 business rules ask of a UBL or CII document beyond the figures of
 * `ParsedInvoice`: which optional groups are present and what they hold. The readers fill it from
 * the XML (presence matters: an empty element is not an absent one), and `checkEn16931` judges it
 * with the rules of the official CEN/TC 434 schematron (validation artefacts 1.3.16), each named by
 * its id. It is not part of the parsed invoice the API answers with.
 */
export interface En16931Facts {
  /**
   * The syntax, for the few rules whose UBL and CII bindings differ in the official artefacts
   * (BR-61: UBL wants an account for a credit transfer, CII only an id in each account given;
   * BR-CO-19: UBL accepts a period with only its description code).
   */
  syntax: 'ubl' | 'cii';
  seller: PartyFacts;
  buyer: PartyFacts;
  /** BG-11. */
  taxRepresentative?: { name?: string; vatId: boolean; address: boolean; countryCode?: string };
  /** BG-10: its name (BT-59) and whether it only repeats the seller. */
  payee?: { name?: string; sameAsSeller: boolean };
  /** BG-16, one per payment instruction. */
  paymentMeans: { code?: string; creditTransfer: { accountId?: string }[] }[];
  /** BG-13/BG-15: the deliver-to address when present (with its country, BT-80). */
  deliverTo?: { address: boolean; countryCode?: string };
  /** BT-72. */
  deliveryDate?: string;
  /** BG-14 and BT-8. */
  invoicePeriod?: { start?: string; end?: string; descriptionCode?: string };
  /** BT-7 and BT-8 (UBL InvoicePeriod/DescriptionCode, CII DueDateTypeCode). */
  taxPointDate?: string;
  taxPointDateCode?: string;
  /** BT-6, and whether a total VAT amount in it (BT-111) is given. */
  taxCurrency?: string;
  taxCurrencyTotal: boolean;
  /** BG-24 references (BT-122), as written. */
  supportingDocuments: (string | undefined)[];
  /** BG-3 references (BT-25), as written. */
  precedingInvoices: (string | undefined)[];
  /** BG-20/BG-21, in document order. */
  allowanceCharges: AllowanceChargeFacts[];
  /** How many invoice total VAT amounts (BT-110) are stated in the invoice currency. */
  documentCurrencyTaxTotals: number;
  /**
   * The VAT category of every VAT breakdown row in the document, including rows of a second UBL
   * TaxTotal that the parsed invoice leaves out (the -01 rules count them all).
   */
  breakdownCategories: string[];
  /** BG-25, in document order (the same lines as the parsed invoice's). */
  lines: LineFacts[];
  /**
   * Every coded value a BR-CL rule looks at, wherever it is in the document, with the list it
   * must come from (a key of CODE_LISTS, or "BR-CL-24" for MIME codes) and where it was found.
   */
  codes: { list: string; value: string; path: string }[];
  /** Every amount a BR-DEC rule limits to two decimals, with that rule's id, as written. */
  decimals: { rule: string; value: string; path: string }[];
}

export interface PartyFacts {
  /** Any tax registration of the party (UBL PartyTaxScheme CompanyID, CII SpecifiedTaxRegistration). */
  taxRegistration: boolean;
  /** A VAT identifier (BT-31/BT-48/BT-63). */
  vatId: boolean;
  /** A legal registration identifier (BT-30/BT-47). */
  legalId: boolean;
  /** A party identifier (BT-29/BT-46), other than a SEPA creditor id. */
  id: boolean;
  /** The electronic address (BT-34/BT-49) and its scheme, when there is one. */
  endpoint?: { scheme?: string };
}

export interface AllowanceChargeFacts {
  charge: boolean;
  amount?: string;
  reason?: string;
  reasonCode?: string;
  /** The VAT category (BT-95/BT-102) and rate (BT-96/BT-103), absent when not given. */
  category?: string;
  rate?: string;
}

export interface LineFacts {
  /** BT-151/BT-152 of the line's VAT-scheme category. */
  category?: string;
  rate?: string;
  period?: { start?: string; end?: string };
  allowanceCharges: AllowanceChargeFacts[];
  attributes: { name?: string; value?: string }[];
  /** BT-157 scheme ids, one per standard identifier. */
  standardIds: { scheme?: string }[];
  /** BT-158 list ids, one per classification. */
  classifications: { scheme?: string }[];
  /** BT-148, the item gross price. */
  grossPrice?: string;
}

type Report = (rule: string, path: string, message: string) => void;

/**
 * The EN 16931 rules that need more than the figures `checkParsedInvoice` compares: optional
 * groups that must be complete once present (BR-17…BR-65), conditions between terms (BR-CO-…),
 * code lists kept small enough to hold here (BR-CL-16/17/18) and the per-VAT-category rules
 * (BR-S/Z/E/AE/IC/G/O/AF/AG-01…-10 and BR-IC-11/12, BR-O-11…14). `checkParsedInvoice` already
 * reports BR-01…BR-16, BR-21…BR-27, BR-CO-10…BR-CO-18 and the -08 base rules.
 */
export function checkEn16931(invoice: ParsedInvoice, facts: En16931Facts): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const report: Report = (rule, path, message) =>
    issues.push({ severity: 'error', rule, path, message });
  for (const rule of RULES) rule(invoice, facts, report);
  return issues;
}

type Rule = (invoice: ParsedInvoice, facts: En16931Facts, report: Report) => void;

const present = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

// ---------------------------------------------------------------------------------------------
// Optional groups that must be complete

const payee: Rule = (_inv, f, report) => {
  if (f.payee && (f.payee.name === undefined || f.payee.sameAsSeller)) {
    report(
      'BR-17',
      'payee.name',
      'The Payee name (BT-59) shall be provided when the Payee (BG-10) is different from the Seller',
    );
  }
};

const taxRepresentative: Rule = (_inv, f, report) => {
  const rep = f.taxRepresentative;
  if (!rep) return;
  if (!present(rep.name)) {
    report(
      'BR-18',
      'taxRepresentative.name',
      "The Seller tax representative's name (BT-62) is missing",
    );
  }
  if (!rep.address) {
    report(
      'BR-19',
      'taxRepresentative.address',
      "The Seller tax representative's postal address (BG-12) is missing",
    );
  } else if (!present(rep.countryCode)) {
    report(
      'BR-20',
      'taxRepresentative.address.countryCode',
      "The Seller tax representative's country code (BT-69) is missing",
    );
  }
  if (!rep.vatId) {
    report(
      'BR-56',
      'taxRepresentative.vatId',
      "The Seller tax representative's VAT identifier (BT-63) is missing",
    );
  }
};

const periods: Rule = (_inv, f, report) => {
  const check = (
    period: { start?: string; end?: string } | undefined,
    path: string,
    order: string,
    some: string,
    allowCodeOnly: boolean,
    descriptionCode?: string,
  ) => {
    if (!period) return;
    const { start, end } = period;
    if (
      start !== undefined &&
      end !== undefined &&
      isCalendarDate(start) &&
      isCalendarDate(end) &&
      end < start
    ) {
      report(order, path, `The period ends (${end}) before it starts (${start})`);
    }
    if (
      start === undefined &&
      end === undefined &&
      !(allowCodeOnly && descriptionCode !== undefined)
    ) {
      report(some, path, 'A period shall have a start date, an end date, or both');
    }
  };
  check(
    f.invoicePeriod,
    'invoicePeriod',
    'BR-29',
    'BR-CO-19',
    true,
    f.invoicePeriod?.descriptionCode,
  );
  f.lines.forEach((l, i) => {
    check(l.period, `lines[${i}].period`, 'BR-30', 'BR-CO-20', false);
  });
  if (f.taxPointDate !== undefined && f.taxPointDateCode !== undefined) {
    report(
      'BR-CO-03',
      'taxPointDate',
      'The VAT point date (BT-7) and the VAT point date code (BT-8) are mutually exclusive',
    );
  }
};

/** BR-31…BR-33 / BR-36…BR-38 / BR-CO-21/22 and, for lines, BR-41…BR-44 / BR-CO-23/24. */
const allowanceCharges: Rule = (_inv, f, report) => {
  const check = (ac: AllowanceChargeFacts, path: string, line: boolean) => {
    const what = `${line ? 'Invoice line' : 'Document level'} ${ac.charge ? 'charge' : 'allowance'}`;
    const [amountRule, categoryRule, reasonRule, coRule] = line
      ? ac.charge
        ? ['BR-43', undefined, 'BR-44', 'BR-CO-24']
        : ['BR-41', undefined, 'BR-42', 'BR-CO-23']
      : ac.charge
        ? ['BR-36', 'BR-37', 'BR-38', 'BR-CO-22']
        : ['BR-31', 'BR-32', 'BR-33', 'BR-CO-21'];
    if (ac.amount === undefined)
      report(amountRule, `${path}.amount`, `${what}: the amount is missing`);
    if (categoryRule && ac.category === undefined) {
      report(categoryRule, `${path}.tax.category`, `${what}: the VAT category code is missing`);
    }
    if (ac.reason === undefined && ac.reasonCode === undefined) {
      report(reasonRule, `${path}.reason`, `${what}: a reason or a reason code is required`);
      report(coRule, `${path}.reason`, `${what}: a reason or a reason code is required`);
    }
  };
  f.allowanceCharges.forEach((ac, i) => {
    check(ac, `allowanceCharges[${i}]`, false);
  });
  f.lines.forEach((l, i) => {
    l.allowanceCharges.forEach((ac, j) => {
      check(ac, `lines[${i}].allowanceCharges[${j}]`, true);
    });
  });
};

const payment: Rule = (_inv, f, report) => {
  f.paymentMeans.forEach((m, i) => {
    const path = `payment.means[${i}]`;
    if (m.code === undefined) {
      report(
        'BR-49',
        `${path}.code`,
        'A payment instruction (BG-16) shall specify the payment means type code (BT-81)',
      );
      return;
    }
    const code = m.code.trim();
    if (code === '30' || code === '58') {
      const noAccount = !m.creditTransfer.some((t) => t.accountId !== undefined);
      const accountWithoutId = m.creditTransfer.some((t) => t.accountId === undefined);
      if (f.syntax === 'ubl' ? noAccount : accountWithoutId) {
        report(
          'BR-61',
          `${path}.account`,
          'A credit transfer (code 30 or 58) shall name the payment account (BT-84)',
        );
      }
      m.creditTransfer.forEach((t, j) => {
        if (!present(t.accountId)) {
          report(
            'BR-50',
            `${path}.account[${j}]`,
            'The payment account identifier (BT-84) is missing',
          );
        }
      });
    }
  });
};

const references: Rule = (_inv, f, report) => {
  f.supportingDocuments.forEach((id, i) => {
    if (!present(id)) {
      report(
        'BR-52',
        `supportingDocuments[${i}].id`,
        'An additional supporting document (BG-24) shall have its reference (BT-122)',
      );
    }
  });
  f.precedingInvoices.forEach((id, i) => {
    if (id === undefined) {
      report(
        'BR-55',
        `preceding[${i}].number`,
        'A preceding invoice reference (BG-3) shall contain the invoice number (BT-25)',
      );
    }
  });
  if (f.taxCurrency !== undefined && !f.taxCurrencyTotal) {
    report(
      'BR-53',
      'totals.taxInTaxCurrency',
      `The VAT accounting currency is ${f.taxCurrency}, but no total VAT amount in it (BT-111) is given`,
    );
  }
  if (f.deliverTo?.address && f.deliverTo.countryCode === undefined) {
    report(
      'BR-57',
      'delivery.address.countryCode',
      'The deliver-to address (BG-15) shall contain its country code (BT-80)',
    );
  }
  if (f.seller.endpoint && f.seller.endpoint.scheme === undefined) {
    report(
      'BR-62',
      'seller.endpoint.scheme',
      'The Seller electronic address (BT-34) shall have a scheme identifier',
    );
  }
  if (f.buyer.endpoint && f.buyer.endpoint.scheme === undefined) {
    report(
      'BR-63',
      'buyer.endpoint.scheme',
      'The Buyer electronic address (BT-49) shall have a scheme identifier',
    );
  }
  if (!f.seller.vatId && !f.seller.legalId && !f.seller.id) {
    report(
      'BR-CO-26',
      'seller',
      'The Seller shall be identified by an identifier (BT-29), a legal registration identifier (BT-30) or a VAT identifier (BT-31)',
    );
  }
};

const lines: Rule = (inv, f, report) => {
  f.lines.forEach((l, i) => {
    const path = `lines[${i}]`;
    l.attributes.forEach((a, j) => {
      if (a.name === undefined || a.value === undefined) {
        report(
          'BR-54',
          `${path}.attributes[${j}]`,
          'An item attribute (BG-32) shall have a name (BT-160) and a value (BT-161)',
        );
      }
    });
    l.standardIds.forEach((s, j) => {
      if (s.scheme === undefined) {
        report(
          'BR-64',
          `${path}.standardIds[${j}]`,
          'The item standard identifier (BT-157) shall have a scheme identifier',
        );
      }
    });
    l.classifications.forEach((c, j) => {
      if (c.scheme === undefined) {
        report(
          'BR-65',
          `${path}.classifications[${j}]`,
          'The item classification identifier (BT-158) shall have a scheme identifier',
        );
      }
    });
    if (decimalOf(l.grossPrice)?.isNegative()) {
      report(
        'BR-28',
        `${path}.grossPrice`,
        `Line ${i + 1}'s gross price (BT-148) must not be negative`,
      );
    }
    if (l.category === undefined && inv.lines[i]) {
      report(
        'BR-CO-04',
        `${path}.taxes`,
        `Line ${i + 1} shall be categorised with a VAT category code (BT-151)`,
      );
    }
  });
};

// ---------------------------------------------------------------------------------------------
// VAT categories

interface CategoryRules {
  /** Rule-id prefix: BR-S, BR-IC… */
  prefix: string;
  name: string;
  /** -01: how many breakdown rows the category needs once used. */
  rows: 'atLeastOne' | 'exactlyOne';
  /** -02/-03/-04: which ids the parties must (or must not) have. */
  ids: 'sellerTax' | 'sellerVat' | 'sellerAndBuyerVat' | 'sellerVatBuyerVatOrLegal' | 'none';
  /** -05/-06/-07: the rate lines, allowances and charges may carry. */
  rate: 'positive' | 'zero' | 'absent' | 'nonNegative';
  /** -09: the breakdown's tax amount. */
  amount: 'rate' | 'zero';
  /** -10: an exemption reason is required, or forbidden. */
  exemption: 'required' | 'forbidden';
}

const CATEGORY_RULES: ReadonlyMap<string, CategoryRules> = new Map(
  (
    [
      ['S', 'BR-S', 'Standard rated', 'atLeastOne', 'sellerTax', 'positive', 'rate', 'forbidden'],
      ['Z', 'BR-Z', 'Zero rated', 'exactlyOne', 'sellerTax', 'zero', 'zero', 'forbidden'],
      ['E', 'BR-E', 'Exempt from VAT', 'exactlyOne', 'sellerTax', 'zero', 'zero', 'required'],
      [
        'AE',
        'BR-AE',
        'Reverse charge',
        'exactlyOne',
        'sellerVatBuyerVatOrLegal',
        'zero',
        'zero',
        'required',
      ],
      [
        'K',
        'BR-IC',
        'Intra-community supply',
        'exactlyOne',
        'sellerAndBuyerVat',
        'zero',
        'zero',
        'required',
      ],
      ['G', 'BR-G', 'Export outside the EU', 'exactlyOne', 'sellerVat', 'zero', 'zero', 'required'],
      ['O', 'BR-O', 'Not subject to VAT', 'exactlyOne', 'none', 'absent', 'zero', 'required'],
      ['L', 'BR-AF', 'IGIC', 'atLeastOne', 'sellerTax', 'nonNegative', 'rate', 'forbidden'],
      ['M', 'BR-AG', 'IPSI', 'atLeastOne', 'sellerTax', 'nonNegative', 'rate', 'forbidden'],
    ] as const
  ).map(([code, prefix, name, rows, ids, rate, amount, exemption]) => [
    code,
    { prefix, name, rows, ids, rate, amount, exemption },
  ]),
);

const vatRows = (inv: ParsedInvoice): ParsedTax[] =>
  inv.breakdown.filter((r) => !r.withheld && r.type !== 'OTHER');

/**
 * BR-CL-01…26 (but -04, checked with the figures, and -08): each code from its list; and BR-CO-09,
 * a VAT identifier's prefix from the country list.
 */
const codeLists: Rule = (_inv, f, report) => {
  const lists = CODE_LISTS[f.syntax];
  for (const { list, value, path } of f.codes) {
    const allowed = list === 'BR-CL-24' ? MIME_CODES : lists.get(list);
    const rule = list.split(' ')[0]!;
    if (allowed && (/\s/.test(value) || !allowed.has(value))) {
      report(rule, path, `"${value}" is not in the code list ${rule} requires`);
    }
  }
};

const categories: Rule = (inv, f, report) => {
  const rows = vatRows(inv);
  const lineCats = f.lines.map((l) => l.category?.trim());
  const acs = f.allowanceCharges.map((ac) => ({ ...ac, category: ac.category?.trim() }));
  for (const [code, c] of CATEGORY_RULES) {
    const rule = (n: string) => `${c.prefix}-${n}`;
    const inLines = lineCats.some((x) => x === code);
    const allowances = acs.filter((ac) => !ac.charge && ac.category === code);
    const charges = acs.filter((ac) => ac.charge && ac.category === code);
    const rowCount = f.breakdownCategories.filter((x) => x === code).length;
    const used = inLines || allowances.length > 0 || charges.length > 0;
    // A category the document never names has nothing to check.
    if (!used && rowCount === 0) continue;

    // -01: the breakdown states the category (exactly once, for all but S, L and M).
    if (
      c.rows === 'atLeastOne' ? used && rowCount === 0 : (used || rowCount > 0) && rowCount !== 1
    ) {
      report(
        rule('01'),
        'breakdown',
        `${c.name} (${code}) is used, so the VAT breakdown shall state it ${c.rows === 'atLeastOne' ? 'at least once' : 'exactly once'}; it does ${rowCount} times`,
      );
    }

    // -02/-03/-04: the identifiers this category needs (or, for O, forbids).
    const sellerSide =
      c.ids === 'sellerTax'
        ? f.seller.taxRegistration || f.taxRepresentative?.vatId === true
        : f.seller.vatId || f.taxRepresentative?.vatId === true;
    const ok =
      c.ids === 'none'
        ? !f.seller.vatId && !f.taxRepresentative?.vatId && !f.buyer.vatId
        : c.ids === 'sellerAndBuyerVat'
          ? sellerSide && f.buyer.vatId
          : c.ids === 'sellerVatBuyerVatOrLegal'
            ? (f.seller.taxRegistration || f.taxRepresentative?.vatId === true) &&
              (f.buyer.vatId || f.buyer.legalId)
            : sellerSide;
    const idsMessage =
      c.ids === 'none'
        ? `${c.name} (${code}) shall not carry the Seller's, the tax representative's or the Buyer's VAT identifier`
        : `${c.name} (${code}) needs the Seller's VAT identifier (or tax registration, or tax representative's)${c.ids === 'sellerAndBuyerVat' || c.ids === 'sellerVatBuyerVatOrLegal' ? " and the Buyer's" : ''}`;
    if (!ok) {
      if (inLines) report(rule('02'), 'lines', idsMessage);
      if (allowances.length) report(rule('03'), 'allowanceCharges', idsMessage);
      if (charges.length) report(rule('04'), 'allowanceCharges', idsMessage);
    }

    // -05/-06/-07: the rate of lines, allowances and charges of the category.
    const rateOk = (rate: string | undefined) => {
      if (c.rate === 'absent') return rate === undefined;
      const r = decimalOf(rate);
      if (!r) return false;
      return c.rate === 'positive' ? r.gt(0) : c.rate === 'zero' ? r.isZero() : !r.isNegative();
    };
    const rateMessage = `the VAT rate of ${c.name} (${code}) shall be ${{ positive: 'greater than zero', zero: 'zero', absent: 'absent', nonNegative: 'zero or more' }[c.rate]}`;
    f.lines.forEach((l, i) => {
      if (l.category?.trim() === code && !rateOk(l.rate))
        report(rule('05'), `lines[${i}].taxes`, `Line ${i + 1}: ${rateMessage}`);
    });
    acs.forEach((ac, i) => {
      if (ac.category === code && !rateOk(ac.rate)) {
        report(
          rule(ac.charge ? '07' : '06'),
          `allowanceCharges[${i}].tax.rate`,
          `Document level ${ac.charge ? 'charge' : 'allowance'}: ${rateMessage}`,
        );
      }
    });

    // -09/-10 on each breakdown row of the category.
    inv.breakdown.forEach((r, i) => {
      if (r.withheld || r.type === 'OTHER' || r.category?.trim() !== code) return;
      const amount = decimalOf(r.amount ?? '');
      if (c.amount === 'zero') {
        if (!amount?.isZero()) {
          report(
            rule('09'),
            `breakdown[${i}].amount`,
            `The VAT amount of ${c.name} (${code}) shall be 0; the document says ${r.amount}`,
          );
        }
      } else {
        const base = decimalOf(r.base);
        const rate = decimalOf(r.rate);
        if (amount && base && rate) {
          const expected = base
            .abs()
            .times(rate)
            .dividedBy(100)
            .toDecimalPlaces(2, Dec.ROUND_HALF_CEIL);
          if (!(amount.abs().minus(1).lt(expected) && amount.abs().plus(1).gt(expected))) {
            report(
              rule('09'),
              `breakdown[${i}].amount`,
              `The VAT amount of ${c.name} (${code}) at ${r.rate} % of ${r.base} should be about ${expected.toFixed(2)}; the document says ${r.amount}`,
            );
          }
        }
      }
      const exempt = r.exemptionReason !== undefined || r.exemptionCode !== undefined;
      if (c.exemption === 'required' ? !exempt : exempt) {
        report(
          rule('10'),
          `breakdown[${i}].exemptionReason`,
          c.exemption === 'required'
            ? `${c.name} (${code}) in the VAT breakdown needs an exemption reason (BT-120) or code (BT-121)`
            : `${c.name} (${code}) in the VAT breakdown shall not have an exemption reason or code`,
        );
      }
    });
  }

  // Intra-community supply: when and where the goods went.
  if (rows.some((r) => r.category?.trim() === 'K')) {
    const period = f.invoicePeriod;
    if (!present(f.deliveryDate) && !present(period?.start) && !present(period?.end)) {
      report(
        'BR-IC-11',
        'deliveryDate',
        'An intra-community supply (K) needs the actual delivery date (BT-72) or the invoicing period (BG-14)',
      );
    }
    if (!present(f.deliverTo?.countryCode)) {
      report(
        'BR-IC-12',
        'delivery.address.countryCode',
        'An intra-community supply (K) needs the deliver-to country code (BT-80)',
      );
    }
  }
  // Not subject to VAT excludes every other category.
  if (rows.some((r) => r.category?.trim() === 'O')) {
    const other = (x: string | undefined) => x !== undefined && x !== 'O';
    if (rows.some((r) => other(r.category?.trim())))
      report(
        'BR-O-11',
        'breakdown',
        'An invoice with category O shall have no other category in its VAT breakdown',
      );
    if (lineCats.some(other))
      report(
        'BR-O-12',
        'lines',
        'An invoice with category O shall have no line of another category',
      );
    if (acs.some((ac) => !ac.charge && other(ac.category)))
      report(
        'BR-O-13',
        'allowanceCharges',
        'An invoice with category O shall have no allowance of another category',
      );
    if (acs.some((ac) => ac.charge && other(ac.category)))
      report(
        'BR-O-14',
        'allowanceCharges',
        'An invoice with category O shall have no charge of another category',
      );
  }
};

/** BR-45…BR-48: each VAT breakdown row is complete. */
const breakdownRows: Rule = (inv, _f, report) => {
  inv.breakdown.forEach((r, i) => {
    if (r.withheld) return;
    const path = `breakdown[${i}]`;
    if (r.base === undefined)
      report('BR-45', `${path}.base`, 'A VAT breakdown row shall have its taxable amount (BT-116)');
    if (r.amount === undefined)
      report('BR-46', `${path}.amount`, 'A VAT breakdown row shall have its tax amount (BT-117)');
    if (r.category === undefined || r.type === 'OTHER') {
      report(
        'BR-47',
        `${path}.category`,
        'A VAT breakdown row shall have a VAT category code (BT-118)',
      );
    }
    if (!present(r.rate) && r.category?.trim() !== 'O') {
      report(
        'BR-48',
        `${path}.rate`,
        'A VAT breakdown row shall have a VAT rate (BT-119), unless it is not subject to VAT (O)',
      );
    }
  });
};

/** BR-CO-17 on each VAT row: the UBL binding excludes the ±1 bounds, the CII one includes them. */
const breakdownAmounts: Rule = (inv, f, report) => {
  inv.breakdown.forEach((row, i) => {
    if (row.withheld) return;
    if (taxAmountAgrees(row, f.syntax === 'cii') === false) {
      report('BR-CO-17', `breakdown[${i}].amount`, taxAmountMessage(row));
    }
  });
};

/**
 * BR-CO-15's first half: exactly one total VAT amount in the invoice currency. (UBL without one is
 * reported by the reader; CII may leave it out when there is no VAT, total = total without VAT.)
 */
const oneTaxTotal: Rule = (inv, f, report) => {
  const n = f.documentCurrencyTaxTotals;
  const untaxed =
    decimalOf(inv.totals.total) !== undefined &&
    decimalOf(inv.totals.total)?.eq(decimalOf(inv.totals.net) ?? Number.NaN) === true;
  const wrong = f.syntax === 'ubl' ? n > 1 : n !== 1 && !untaxed;
  if (wrong) {
    report(
      'BR-CO-15',
      'totals.tax',
      `The invoice shall state its total VAT (BT-110) once in the invoice currency ${inv.currency}; it does ${n} times`,
    );
  }
};

/** BR-DEC-01…28 (but -13 and -15, which the official bindings do not enforce as written). */
const decimals: Rule = (_inv, f, report) => {
  for (const { rule, value, path } of f.decimals) {
    const fraction = value.split('.')[1];
    if (fraction !== undefined && fraction.length > 2) {
      report(rule, path, `${value} has more than two decimals`);
    }
  }
};

/** BR-B-01/02: Italian split payment (B) is domestic to Italy and excludes standard rate (S). */
const splitPayment: Rule = (_inv, f, report) => {
  const used = [
    ...f.breakdownCategories,
    ...f.allowanceCharges.map((ac) => ac.category),
    ...f.lines.map((l) => l.category),
  ].map((c) => c?.trim());
  if (!used.includes('B')) return;
  const countryLists = f.syntax === 'ubl' ? ['BR-CL-14', 'BR-CL-15'] : ['BR-CL-14'];
  if (f.codes.some((c) => countryLists.includes(c.list) && c.value !== 'IT')) {
    report(
      'BR-B-01',
      'breakdown',
      'Split payment (B) is for domestic Italian invoices: every country shall be IT',
    );
  }
  if (used.includes('S')) {
    report(
      'BR-B-02',
      'breakdown',
      'An invoice with split payment (B) shall have nothing at the standard rate (S)',
    );
  }
};

const RULES: readonly Rule[] = [
  splitPayment,
  decimals,
  oneTaxTotal,
  breakdownRows,
  breakdownAmounts,
  payee,
  taxRepresentative,
  periods,
  allowanceCharges,
  payment,
  references,
  lines,
  codeLists,
  categories,
];
