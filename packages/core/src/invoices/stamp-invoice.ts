import { ConflictError, PreconditionFailedError } from '../errors.ts';
import type { FormatCatalog } from '../formats/catalog.ts';
import type { ArtifactStore } from '../ports/artifacts.ts';
import type { Clock } from '../ports/clock.ts';
import { type Pac, PacRejectedError, PacUnavailableError } from '../ports/pac.ts';
import type { CsdIdentityRepository, CsdSealingIdentity } from '../signing/csd-identity.ts';
import type { IssuedInvoicesSubscriber } from './after-issue.ts';
import type { InvoiceDeps } from './deps.ts';
import { getInvoice } from './get-invoice.ts';
import type { InvoiceRepository } from './invoice-repository.ts';
import type { CfdiState, Invoice } from './model.ts';
import { customerSnapshot, issuerSnapshot, loadParties } from './parties.ts';

/** Invoices of a Mexican issuer are CFDI: sealed with its CSD and stamped by a PAC. */
export const issuesCfdi = (invoice: Pick<Invoice, 'issuer'>): boolean =>
  invoice.issuer.address.country === 'MX';

/** Builds and seals an invoice's CFDI 4.0 (the formats package, through the Signer port). */
export interface CfdiSealer {
  /**
   * Deterministic for an invoice and a CSD: sent again, it is the same document to the PAC.
   * `timeZone` is the tenant's: `Fecha` is the local time of issue there.
   */
  seal(invoice: Invoice, csd: CsdSealingIdentity, timeZone: string): Promise<string>;
}

export interface StampDeps extends Pick<InvoiceDeps, 'tenants' | 'customers'> {
  invoices: InvoiceRepository;
  csd: CsdIdentityRepository;
  sealer: CfdiSealer;
  pac: Pac;
  artifacts: ArtifactStore;
  /** Where the stamped document is kept: the stored format that is Mexico's legal original. */
  formats: FormatCatalog;
  clock: Clock;
}

/** The stamped CFDI's object key: that of the stored format that is Mexico's legal original. */
export function cfdiKey(formats: FormatCatalog, invoice: Invoice): string {
  const original = formats.originalIn('MX');
  if (!original) throw new Error('No format is the legal original of Mexican invoices');
  return formats.artifactKey(invoice, original);
}

/**
 * Seals a numbered Mexican invoice with the tenant's CSD and has the PAC stamp it; stores the
 * stamped XML (the stamp cannot be made again: it is the legal original) and records the fiscal
 * folio. Safe to run twice at once or again after a crash: the sealed document is the same, the
 * PAC answers it with its first stamp, and the second writer finds the invoice stamped.
 *
 * After a refusal the parties are taken again from the tenant and the customer as they are now:
 * what a PAC refuses in a well-built CFDI is the receptor's name, postal code or régimen not
 * matching SAT's registry, which is corrected on the customer.
 */
export const stampInvoice =
  (deps: StampDeps) =>
  async (tenantId: string, id: string): Promise<Invoice> => {
    let invoice = await getInvoice(deps)(tenantId, id);
    if (!issuesCfdi(invoice)) {
      throw new ConflictError(
        `Invoice ${id} is not a CFDI: only Mexican issuers' invoices are stamped`,
      );
    }
    if (invoice.status === 'draft' || !invoice.cfdi) {
      throw new ConflictError(`Invoice ${id} is a draft: issue it first`);
    }
    if (invoice.cfdi.status === 'stamped') return invoice;
    const csd = await deps.csd.get(tenantId);
    if (!csd) {
      throw new ConflictError('No CSD to seal with: upload the tenant’s CSD (PUT /v1/csd)', [
        { path: 'csd', message: 'Upload the CSD (.cer, .key and password) first' },
      ]);
    }
    const { tenant, customer } = await loadParties(deps, tenantId, invoice.customerId);
    if (invoice.cfdi.status === 'refused') {
      invoice = {
        ...invoice,
        issuer: issuerSnapshot(tenant),
        customer: customerSnapshot(customer),
      };
    }

    const xml = await deps.sealer.seal(invoice, csd, tenant.timezone);
    const at = deps.clock.now().toISOString();
    let stamped: Awaited<ReturnType<Pac['stamp']>>;
    try {
      stamped = await deps.pac.stamp(xml);
    } catch (error) {
      if (error instanceof PacRejectedError) {
        await save(deps, invoice, {
          status: 'refused',
          refusal: { code: error.pacCode, message: error.message, at },
        }).catch(() => undefined);
      }
      throw error;
    }
    await deps.artifacts.put(
      cfdiKey(deps.formats, invoice),
      new TextEncoder().encode(stamped.xml),
      'application/xml',
    );
    return save(deps, invoice, {
      status: 'stamped',
      uuid: stamped.uuid,
      stampedAt: stamped.stampedAt,
    });
  };

/** Records the new CFDI state; if another stamper got there first, its stamped invoice stands. */
async function save(deps: StampDeps, invoice: Invoice, cfdi: CfdiState): Promise<Invoice> {
  const at = deps.clock.now().toISOString();
  const event =
    cfdi.status === 'stamped'
      ? { at, type: 'stamped', detail: { uuid: cfdi.uuid } }
      : { at, type: 'stamp-refused', detail: { code: cfdi.refusal?.code } };
  const next: Invoice = {
    ...invoice,
    cfdi,
    events: [...invoice.events, event],
    version: invoice.version + 1,
    updatedAt: at,
  };
  try {
    await deps.invoices.update(next);
    return next;
  } catch (error) {
    if (!(error instanceof PreconditionFailedError)) throw error;
    const now = await getInvoice(deps)(invoice.tenantId, invoice.id);
    if (now.cfdi?.status === 'stamped') return now;
    throw error;
  }
}

type Stamp = (tenantId: string, id: string) => Promise<Invoice>;

/**
 * Right after numbering, a CFDI is stamped in the same request, so the answer carries its fiscal
 * folio. An unreachable PAC leaves it pending for the post-issue step (`stampPending`); a refusal
 * is the caller's to see (the invoice keeps its number, refused, and is stamped again once fixed).
 */
export const stampIssued =
  (stamp: Stamp) =>
  async (invoice: Invoice): Promise<Invoice> => {
    if (!issuesCfdi(invoice) || invoice.cfdi?.status === 'stamped') return invoice;
    try {
      return await stamp(invoice.tenantId, invoice.id);
    } catch (error) {
      if (error instanceof PacUnavailableError) return invoice;
      throw error;
    }
  };

/**
 * The post-issue step's first subscriber: stamps the CFDI still pending. An unreachable PAC fails
 * the step, which the platform retries; a refused one is left refused (retrying cannot help).
 */
export const stampPending =
  (stamp: Stamp): IssuedInvoicesSubscriber =>
  async (invoices) => {
    const out: Invoice[] = [];
    const failures: unknown[] = [];
    for (const invoice of invoices) {
      if (!issuesCfdi(invoice) || invoice.cfdi?.status !== 'pending') {
        out.push(invoice);
        continue;
      }
      const stamped = await stamp(invoice.tenantId, invoice.id).catch((error: unknown) => {
        if (!(error instanceof PacRejectedError)) failures.push(error);
        return invoice;
      });
      out.push(stamped);
    }
    if (failures.length) throw failures[0];
    return out;
  };
