import {
  FORMAT_IDS,
  type FormatId,
  formatAppliesTo,
  formatFacts,
  type OnRequestFormat,
  STORED_FORMATS,
  type StoredFormat,
} from '@sello/core/formats';
import type { Invoice, InvoiceExporter, InvoiceRenderer } from '@sello/core/invoices';
import type { InvoiceFormat } from './format.ts';

// biome-ignore lint/suspicious/noExplicitAny: any format's ports, narrowed by PortsOf below.
type AnyPorts = any;
type AnyFormat = InvoiceFormat<FormatId, AnyPorts>;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (
  i: infer I,
) => void
  ? I
  : never;

/** One format per id of the catalog, under its id: the compiler names an id without a builder. */
export type FormatTable = { readonly [F in FormatId]: InvoiceFormat<F, AnyPorts> };

/** What the builders of the formats `F` need, all of them. */
export type PortsOf<T extends FormatTable, F extends FormatId> = UnionToIntersection<
  Parameters<T[F]['build']>[1]
>;

/**
 * The formats' registry: lookup by id, the formats an invoice has, and the two ports the domain
 * reads (`InvoiceRenderer` for stored documents, `InvoiceExporter` for those built on request),
 * each given only the ports its formats need.
 */
export function formatRegistry<T extends FormatTable>(table: T) {
  const all: AnyFormat[] = FORMAT_IDS.map((id) => table[id]);
  return {
    /** Every format, in the catalog's order. */
    list: (): AnyFormat[] => all,
    /** A format by id; an unknown id is a 400 naming `format`. */
    get<F extends FormatId>(id: F | string): T[F] {
      return table[formatFacts(id).id as F];
    },
    /**
     * The formats an invoice has, in catalog order: for a draft those it can be previewed in,
     * else those that apply to it (`appliesTo`).
     */
    applicableTo(invoice: Invoice): AnyFormat[] {
      return all.filter((f) =>
        invoice.status === 'draft' ? f.preview === true : formatAppliesTo(f, invoice),
      );
    },
    /** Makes the stored documents (signed where the format signs). */
    renderer(ports: PortsOf<T, StoredFormat>): InvoiceRenderer {
      return Object.fromEntries(
        STORED_FORMATS.map((id) => [
          id,
          (invoice: Invoice, options: { draft: boolean }) =>
            (table[id] as AnyFormat).build(invoice, ports, options),
        ]),
      ) as unknown as InvoiceRenderer;
    },
    /** Builds the formats made on request from the frozen invoice. */
    exporter(ports: PortsOf<T, OnRequestFormat>): InvoiceExporter {
      const onRequest = all.filter((f) => !f.stored);
      return Object.fromEntries(
        onRequest.map((f) => [
          f.id,
          (invoice: Invoice) => f.build(invoice, ports, { draft: false }),
        ]),
      ) as unknown as InvoiceExporter;
    },
  };
}

export type FormatRegistry<T extends FormatTable = FormatTable> = ReturnType<
  typeof formatRegistry<T>
>;
