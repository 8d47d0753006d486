import type { Invoice, InvoiceExporter, InvoiceRenderer } from '@sello/core/invoices';
import {
  FORMAT_IDS,
  type FormatId,
  formats,
  type OnRequestFormat,
  STORED_FORMATS,
  type StoredFormat,
} from './facts.ts';
import type { InvoiceFormat } from './format.ts';

// biome-ignore lint/suspicious/noExplicitAny: any format's ports, narrowed by PortsOf below.
type AnyPorts = any;
type AnyFormat = InvoiceFormat<FormatId, AnyPorts>;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (
  i: infer I,
) => void
  ? I
  : never;

/** The stored formats' builders, each under its id: the compiler names an id without one. */
export type StoredFormatTable = { readonly [F in StoredFormat]: InvoiceFormat<F, AnyPorts> };
/** The on-request formats' builders, each under its id. */
export type OnRequestFormatTable = { readonly [F in OnRequestFormat]: InvoiceFormat<F, AnyPorts> };

/** What the builders of a table need, all of them. */
export type PortsOf<T> = UnionToIntersection<
  { [K in keyof T]: T[K] extends InvoiceFormat<FormatId, infer P> ? P : never }[keyof T]
>;

type Build = (invoice: Invoice, options: { draft: boolean }) => Promise<Uint8Array>;
/** The domain's `InvoiceRenderer`, with a builder under every stored id. */
export type StoredRenderer = InvoiceRenderer & { readonly [F in StoredFormat]: Build };
/** The domain's `InvoiceExporter`, with a builder under every on-request id. */
export type OnRequestExporter = InvoiceExporter & {
  readonly [F in OnRequestFormat]: (invoice: Invoice) => Promise<Uint8Array>;
};

/** The domain's port for stored documents over a table of builders and their ports. */
export function rendererOf<T extends StoredFormatTable>(
  table: T,
  ports: PortsOf<T>,
): StoredRenderer {
  return Object.fromEntries(
    STORED_FORMATS.map((id) => [
      id,
      (invoice: Invoice, options: { draft: boolean }) =>
        (table[id] as AnyFormat).build(invoice, ports, options),
    ]),
  ) as unknown as StoredRenderer;
}

/** The domain's port for the formats built on request, over a table of builders and their ports. */
export function exporterOf<T extends OnRequestFormatTable>(
  table: T,
  ports: PortsOf<T>,
): OnRequestExporter {
  return Object.fromEntries(
    (Object.values(table) as AnyFormat[]).map((f) => [
      f.id,
      (invoice: Invoice) => f.build(invoice, ports, { draft: false }),
    ]),
  ) as unknown as OnRequestExporter;
}

/**
 * The formats' registry over the two tables: lookup by id, the formats an invoice has, and the
 * domain's two ports (`InvoiceRenderer` for stored documents, `InvoiceExporter` for those built
 * on request), each given only the ports its formats need.
 */
export function formatRegistry<S extends StoredFormatTable, O extends OnRequestFormatTable>(
  stored: S,
  onRequest: O,
) {
  const table = { ...stored, ...onRequest } as unknown as Record<FormatId, AnyFormat>;
  const all: AnyFormat[] = FORMAT_IDS.map((id) => table[id]);
  return {
    /** Every format, in the facts' order. */
    list: (): AnyFormat[] => all,
    /** A format by id; an unknown id is a 400 naming `format`. */
    get(id: string): AnyFormat {
      return table[formats.facts(id).id as FormatId];
    },
    /**
     * The formats an invoice has, in the facts' order: for a draft those it can be previewed in,
     * else those that apply to it (`appliesTo`).
     */
    applicableTo(invoice: Invoice): AnyFormat[] {
      return all.filter((f) =>
        invoice.status === 'draft' ? f.preview === true : formats.appliesTo(f.id, invoice),
      );
    },
    /** Makes the stored documents (signed where the format signs). */
    renderer: (ports: PortsOf<S>): StoredRenderer => rendererOf(stored, ports),
    /** Builds the formats made on request from the frozen invoice. */
    exporter: (ports: PortsOf<O>): OnRequestExporter => exporterOf(onRequest, ports),
  };
}
