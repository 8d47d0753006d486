import { DISCOUNT_REASON_CODE } from '../en16931/codes.ts';
import type { En16931Line } from '../en16931/document.ts';
import { leafWith } from '../en16931/xml.ts';
import { leaf, node, optionalLeaf } from '../xml/canonical.ts';
import { VAT_TYPE } from './format.ts';

/**
 * One IncludedSupplyChainTradeLineItem (BG-25): net price, billed quantity, the line's VAT
 * category, its discount as a line allowance (BG-27) and its net amount.
 */
export function buildLine(line: En16931Line): string {
  const allowance = line.allowance
    ? node(
        'ram:SpecifiedTradeAllowanceCharge',
        node('ram:ChargeIndicator', '<udt:Indicator>false</udt:Indicator>') +
          leaf('ram:CalculationPercent', line.allowance.rate) +
          leaf('ram:BasisAmount', line.allowance.base) +
          leaf('ram:ActualAmount', line.allowance.amount) +
          leaf('ram:ReasonCode', DISCOUNT_REASON_CODE) +
          leaf('ram:Reason', line.allowance.reason),
      )
    : '';
  return node(
    'ram:IncludedSupplyChainTradeLineItem',
    node('ram:AssociatedDocumentLineDocument', leaf('ram:LineID', line.id)) +
      node(
        'ram:SpecifiedTradeProduct',
        optionalLeaf('ram:SellerAssignedID', line.sellerItemId) +
          leaf('ram:Name', line.name) +
          line.properties
            .map((p) =>
              node(
                'ram:ApplicableProductCharacteristic',
                leaf('ram:Description', p.name) + leaf('ram:Value', p.value),
              ),
            )
            .join(''),
      ) +
      node(
        'ram:SpecifiedLineTradeAgreement',
        node('ram:NetPriceProductTradePrice', leaf('ram:ChargeAmount', line.price)),
      ) +
      node(
        'ram:SpecifiedLineTradeDelivery',
        leafWith('ram:BilledQuantity', 'unitCode', line.unitCode, line.quantity),
      ) +
      node(
        'ram:SpecifiedLineTradeSettlement',
        node(
          'ram:ApplicableTradeTax',
          VAT_TYPE +
            leaf('ram:CategoryCode', line.category.code) +
            optionalLeaf('ram:RateApplicablePercent', line.category.rate),
        ) +
          allowance +
          node(
            'ram:SpecifiedTradeSettlementLineMonetarySummation',
            leaf('ram:LineTotalAmount', line.net),
          ),
      ),
  );
}
