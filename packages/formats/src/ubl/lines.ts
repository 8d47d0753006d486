import { DISCOUNT_REASON_CODE } from '../en16931/codes.ts';
import type { En16931Line } from '../en16931/document.ts';
import { leafWith } from '../en16931/xml.ts';
import { leaf, node, optionalLeaf } from '../xml/canonical.ts';
import { amount, taxScheme } from './format.ts';

/**
 * One InvoiceLine or CreditNoteLine (BG-25). A line discount is a line allowance (BG-27) with
 * its rate and base, so the net amount is quantity × price − allowance (PEPPOL-EN16931-R120) and
 * the price stays the one the customer agreed to.
 */
export function buildLine(line: En16931Line, creditNote: boolean, currency: string): string {
  const [element, quantity] = creditNote
    ? ['cac:CreditNoteLine', 'cbc:CreditedQuantity']
    : ['cac:InvoiceLine', 'cbc:InvoicedQuantity'];
  const allowance = line.allowance
    ? node(
        'cac:AllowanceCharge',
        leaf('cbc:ChargeIndicator', 'false') +
          leaf('cbc:AllowanceChargeReasonCode', DISCOUNT_REASON_CODE) +
          leaf('cbc:AllowanceChargeReason', line.allowance.reason) +
          leaf('cbc:MultiplierFactorNumeric', line.allowance.rate) +
          amount('cbc:Amount', line.allowance.amount, currency) +
          amount('cbc:BaseAmount', line.allowance.base, currency),
      )
    : '';
  const category = line.category;
  return node(
    element,
    leaf('cbc:ID', line.id) +
      leafWith(quantity, 'unitCode', line.unitCode, line.quantity) +
      amount('cbc:LineExtensionAmount', line.net, currency) +
      allowance +
      node(
        'cac:Item',
        leaf('cbc:Name', line.name) +
          (line.sellerItemId
            ? node('cac:SellersItemIdentification', leaf('cbc:ID', line.sellerItemId))
            : '') +
          node(
            'cac:ClassifiedTaxCategory',
            leaf('cbc:ID', category.code) +
              optionalLeaf('cbc:Percent', category.rate) +
              taxScheme('VAT'),
          ) +
          line.properties
            .map((p) =>
              node(
                'cac:AdditionalItemProperty',
                leaf('cbc:Name', p.name) + leaf('cbc:Value', p.value),
              ),
            )
            .join(''),
      ) +
      node('cac:Price', amount('cbc:PriceAmount', line.price, currency)),
  );
}
