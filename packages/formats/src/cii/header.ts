import { EN16931_CUSTOMIZATION_ID } from '../en16931/codes.ts';
import type { En16931Invoice } from '../en16931/document.ts';
import { leaf, node } from '../xml/canonical.ts';
import { udtDate } from './format.ts';

/** UNCL 1001: credit note 381, corrected invoice 384, commercial invoice 380. */
export const CII_TYPE_CODES = { invoice: '380', corrected: '384', creditNote: '381' } as const;

/** ExchangedDocumentContext (BT-24) and ExchangedDocument (number, type, date, notes). */
export function buildHeader(doc: En16931Invoice): string {
  return (
    node(
      'rsm:ExchangedDocumentContext',
      node(
        'ram:GuidelineSpecifiedDocumentContextParameter',
        leaf('ram:ID', EN16931_CUSTOMIZATION_ID),
      ),
    ) +
    node(
      'rsm:ExchangedDocument',
      leaf('ram:ID', doc.number) +
        leaf('ram:TypeCode', CII_TYPE_CODES[doc.kind]) +
        node('ram:IssueDateTime', udtDate(doc.issueDate)) +
        doc.notes.map((note) => node('ram:IncludedNote', leaf('ram:Content', note))).join(''),
    )
  );
}
