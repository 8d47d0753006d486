import type { En16931Invoice } from '../en16931/document.ts';
import { node } from '../xml/canonical.ts';
import { udtDate } from './format.ts';
import { buildAddress } from './parties.ts';

/**
 * ApplicableHeaderTradeDelivery, which the schema requires even when empty: the date of the
 * operation (BT-72) and, for an intra-community supply, where the goods went (BG-15).
 */
export function buildDelivery(doc: En16931Invoice): string {
  return node(
    'ram:ApplicableHeaderTradeDelivery',
    (doc.deliverTo
      ? node('ram:ShipToTradeParty', node('ram:PostalTradeAddress', buildAddress(doc.deliverTo)))
      : '') +
      (doc.deliveryDate
        ? node(
            'ram:ActualDeliverySupplyChainEvent',
            node('ram:OccurrenceDateTime', udtDate(doc.deliveryDate)),
          )
        : ''),
  );
}
