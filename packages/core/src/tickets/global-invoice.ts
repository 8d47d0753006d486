import { ConflictError, NotFoundError } from '../errors.ts';
import { SAT_FORMA_PAGO } from '../invoices/model.ts';
import { Dec } from '../money/decimal.ts';
import type { ArtifactStore } from '../ports/artifacts.ts';
import type { Clock } from '../ports/clock.ts';
import { type Pac, PacRejectedError } from '../ports/pac.ts';
import type { CsdIdentity, CsdIdentityRepository } from '../signing/csd-identity.ts';
import type { Tenant, TenantRepository } from '../tenants/tenant.ts';
import type { Ticket, TicketRepository } from './model.ts';

/**
 * The Mexican *factura global* of a period: the tickets no buyer invoiced, in one CFDI to the
 * general public (regla 2.7.1.21 RMF). Core decides which tickets and in what order things
 * happen; the CFDI itself is built and sealed behind `GlobalSealer` (formats' `globalCfdi`).
 *
 * Order, so a global never holds an invoiced ticket: every ticket is first *claimed* for the
 * global (one conditional write: open → `global`, with `claimedAt` as a pending marker), and
 * only the tickets claimed go into the CFDI. A redemption racing the close either claimed the
 * ticket first (the global leaves it out) or finds it `global` (and goes through the reissue
 * flow once the global is stamped). The record of the global is written before anything else
 * under an id fixed by tenant and period, and its references are fixed before stamping, so a
 * retried close resumes the same document (which the PAC answers with its first stamp) and
 * never makes two globals.
 */

/** A calendar month in the tenant's time zone. */
export interface GlobalPeriod {
  year: number;
  month: number;
}

export type GlobalStatus = 'pending' | 'stamped' | 'cancelled';

export interface GlobalInvoiceRecord {
  /** `glb_<YYYY-MM>` for the period's first global; reissues append `_r<n>`. */
  id: string;
  tenantId: string;
  period: GlobalPeriod;
  status: GlobalStatus;
  /** The tickets in it (their references), fixed before it is stamped. */
  references: string[];
  /** `Fecha`, fixed with the record: a retried seal is the same document. */
  fecha: string;
  currency: string;
  total?: string;
  uuid?: string;
  stampedAt?: string;
  /** The artifact key of the stamped XML. */
  xmlKey?: string;
  /** The global this one replaces (TipoRelacion 04 to its UUID). */
  replaces?: { id: string; uuid: string };
  /** Set when this global was cancelled and replaced. */
  replacedBy?: string;
  cancellation?: { reason: '01' | '02'; substitute?: string; at: string };
  /**
   * A reissue in progress (a lock: one at a time per global): the ticket leaving, the id its
   * replacement takes, and whether the attempt failed (then the same ticket resumes it at once).
   */
  reissuing?: { reference: string; at: string; replacementId?: string; failed?: boolean };
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface GlobalInvoiceRepository {
  get(tenantId: string, id: string): Promise<GlobalInvoiceRecord | undefined>;
  /** Writes a new record; false when the id is taken. */
  create(record: GlobalInvoiceRecord): Promise<boolean>;
  /** Writes `record` if the stored one has `record.version - 1`; false otherwise. */
  update(record: GlobalInvoiceRecord): Promise<boolean>;
  list(tenantId: string): Promise<GlobalInvoiceRecord[]>;
}

/** The tickets' side of a global. */
export type GlobalTickets = Pick<
  TicketRepository,
  | 'list'
  | 'get'
  | 'confirm'
  | 'release'
  | 'claimForGlobal'
  | 'confirmGlobal'
  | 'releaseGlobal'
  | 'moveGlobal'
  | 'claimFromGlobal'
>;

/** What the sealer builds: formats' `GlobalInvoice` input, without the CSD's fields. */
export interface GlobalDocument {
  fecha: string;
  emisor: { rfc: string; nombre: string; regimenFiscal: string };
  lugarExpedicion: string;
  moneda: string;
  formaPago: string;
  period: { periodicidad: '04'; meses: string; año: string };
  sales: GlobalSaleLine[];
  replaces?: string[];
}

export interface GlobalSaleLine {
  reference: string;
  subtotal: string;
  taxObject: '01' | '02';
  traslados?: {
    base: string;
    impuesto: string;
    tipoFactor: 'Tasa' | 'Cuota' | 'Exento';
    tasaOCuota?: string;
    importe?: string;
  }[];
}

/** Builds the global CFDI and seals it with the tenant's CSD (KMS): the XML the PAC stamps. */
export interface GlobalSealer {
  seal(document: GlobalDocument, csd: CsdIdentity): Promise<string>;
}

export interface GlobalInvoiceDeps {
  tenants: Pick<TenantRepository, 'get'>;
  tickets: GlobalTickets;
  globals: GlobalInvoiceRepository;
  csd: CsdIdentityRepository;
  sealer: GlobalSealer;
  pac: Pac;
  artifacts: ArtifactStore;
  clock: Clock;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const periodKey = (p: GlobalPeriod) => `${p.year}-${pad(p.month)}`;
export const globalId = (p: GlobalPeriod) => `glb_${periodKey(p)}`;
/** `tenants/<t>/globals/<id>.cfdi.xml`: the stamped global, the legal original. */
export const globalXmlKey = (tenantId: string, id: string) =>
  `tenants/${tenantId}/globals/${id}.cfdi.xml`;

/** The natural month before the one `now` falls in, on the tenant's wall clocks. */
export function previousMonth(timeZone: string, now: Date): GlobalPeriod {
  const [y, m] = localParts(timeZone, now);
  return m === 1 ? { year: y - 1, month: 12 } : { year: y, month: m - 1 };
}

/** True once the period is over on the tenant's wall clocks. */
export function periodIsOver(period: GlobalPeriod, timeZone: string, now: Date): boolean {
  const [y, m] = localParts(timeZone, now);
  return y > period.year || (y === period.year && m > period.month);
}

const partFormats = new Map<string, Intl.DateTimeFormat>();
function localParts(timeZone: string, at: Date): [number, number, number, number, number, number] {
  let f = partFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormats.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return [+parts.year!, +parts.month!, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!];
}

/** `YYYY-MM-DDTHH:MM:SS` on the tenant's wall clocks (SAT's `Fecha` carries no zone). */
function localDateTime(timeZone: string, at: Date): string {
  const [y, m, d, h, mi, s] = localParts(timeZone, at);
  return `${y}-${pad(m)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}`;
}

/** Whether a ticket sold at `soldAt` (UTC) falls in the period on the tenant's wall clocks. */
const inPeriod = (period: GlobalPeriod, timeZone: string, soldAt: string) => {
  const [y, m] = localParts(timeZone, new Date(soldAt));
  return y === period.year && m === period.month;
};

/**
 * One concept per ticket: its tax rows as traslados (IVA 002, IEPS 003; `Tasa` with the rate as
 * a fraction to six decimals, `Exento` for an exempt row); a ticket without taxes is not subject
 * (`ObjetoImp` 01). The concept's value is the ticket's total less its taxes.
 */
export function saleOf(ticket: Ticket): GlobalSaleLine {
  const rows = (ticket.taxes ?? []).filter((t) => t.type === 'IVA' || t.type === 'IEPS');
  const taxes = rows.reduce((s, t) => s.plus(t.exemption ? 0 : t.amount), new Dec(0));
  const subtotal = new Dec(ticket.total).minus(taxes).toFixed(2);
  if (!rows.length) return { reference: ticket.reference, subtotal, taxObject: '01' };
  return {
    reference: ticket.reference,
    subtotal,
    taxObject: '02',
    traslados: rows.map((t) => {
      const impuesto = t.type === 'IVA' ? '002' : '003';
      const base = new Dec(t.base).toFixed(2);
      if (t.exemption) return { base, impuesto, tipoFactor: 'Exento' as const };
      return {
        base,
        impuesto,
        tipoFactor: 'Tasa' as const,
        tasaOCuota: new Dec(t.rate).div(100).toFixed(6),
        importe: new Dec(t.amount).toFixed(2),
      };
    }),
  };
}

/**
 * A global's FormaPago: SAT's guide to the factura global asks for the means of the operation of
 * the largest amount. A ticket that does not say how it was paid counts as cash (sales to the
 * public at a till), and one paid by 'other' means is passed over: the global is paid in one
 * exhibition (PUE), where SAT refuses 99 "por definir".
 */
export function formaPagoOf(tickets: readonly Ticket[]): string {
  let largest: Ticket | undefined;
  for (const t of tickets) {
    if (t.paymentMeans === 'other') continue;
    if (!largest || new Dec(t.total).greaterThan(largest.total)) largest = t;
  }
  return SAT_FORMA_PAGO[largest?.paymentMeans ?? 'cash'];
}

/** All the tenant's open tickets of the period, in no order (every page of the list). */
async function openTicketsOf(
  deps: GlobalInvoiceDeps,
  tenant: Tenant,
  period: GlobalPeriod,
): Promise<Ticket[]> {
  // Sale dates in UTC around the local month: a day of slack on each side, filtered exactly.
  const from = new Date(Date.UTC(period.year, period.month - 1, 0)).toISOString().slice(0, 10);
  const to = new Date(Date.UTC(period.year, period.month, 1)).toISOString().slice(0, 10);
  const out: Ticket[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.tickets.list(tenant.id, {
      limit: 100,
      from,
      to,
      ...(cursor ? { cursor } : {}),
    });
    out.push(
      ...page.items.filter(
        (t) =>
          // Open, or claimed by this global by a close that died before writing its record.
          ((t.status === 'open' && !t.lateRequest) ||
            (t.status === 'global' && t.globalInvoiceId === globalId(period))) &&
          t.currency === 'MXN' &&
          inPeriod(period, tenant.timezone, t.soldAt),
      ),
    );
    cursor = page.nextCursor;
  } while (cursor);
  return out.sort(
    (a, b) => a.soldAt.localeCompare(b.soldAt) || a.reference.localeCompare(b.reference),
  );
}

async function mexicanTenant(deps: GlobalInvoiceDeps, tenantId: string) {
  const tenant = await deps.tenants.get(tenantId);
  if (!tenant) throw new NotFoundError('Tenant', tenantId);
  if (tenant.address.country !== 'MX') {
    throw new ConflictError('Global invoices are for Mexican tenants only');
  }
  const csd = await deps.csd.get(tenantId);
  if (!csd) {
    throw new ConflictError('No CSD to seal with: upload the tenant’s CSD (PUT /v1/csd)', [
      { path: 'csd', message: 'Upload the CSD (.cer, .key and password) first' },
    ]);
  }
  return { tenant, csd };
}

/**
 * Closes a period: the global of the tenant's open tickets sold in it (none when there are none:
 * `undefined`). Idempotent: a second close answers the first global; a close that died midway
 * resumes it.
 */
export const closeGlobalPeriod =
  (deps: GlobalInvoiceDeps) =>
  async (tenantId: string, period?: GlobalPeriod): Promise<GlobalInvoiceRecord | undefined> => {
    const { tenant, csd } = await mexicanTenant(deps, tenantId);
    const now = deps.clock.now();
    const p = period ?? previousMonth(tenant.timezone, now);
    if (!periodIsOver(p, tenant.timezone, now)) {
      throw new ConflictError(`Period ${periodKey(p)} is not over yet`, [
        { path: 'period', message: 'Only a period that is over can be closed' },
      ]);
    }
    const id = globalId(p);
    let record = await deps.globals.get(tenantId, id);
    if (!record) {
      const tickets = await openTicketsOf(deps, tenant, p);
      if (!tickets.length) return undefined;
      const at = now.toISOString();
      const claimed: string[] = [];
      for (const t of tickets) {
        if (await deps.tickets.claimForGlobal(tenantId, t.reference, id, at)) {
          claimed.push(t.reference);
        }
      }
      if (!claimed.length) return undefined;
      const fresh: GlobalInvoiceRecord = {
        id,
        tenantId,
        period: p,
        status: 'pending',
        references: claimed,
        fecha: localDateTime(tenant.timezone, now),
        currency: 'MXN',
        version: 1,
        createdAt: at,
        updatedAt: at,
      };
      if (!(await deps.globals.create(fresh))) {
        // Another close of the same period wrote first: its references stand; ours go back.
        const other = await deps.globals.get(tenantId, id);
        const theirs = new Set(other?.references ?? []);
        for (const r of claimed) {
          if (!theirs.has(r)) await deps.tickets.releaseGlobal(tenantId, r, id);
        }
        record = other;
      } else record = fresh;
    }
    if (!record) return undefined;
    return stampGlobal(deps, tenant, csd, record);
  };

/** Stamps a pending global (its references fixed), stores it, and confirms its tickets. */
async function stampGlobal(
  deps: GlobalInvoiceDeps,
  tenant: Tenant,
  csd: CsdIdentity,
  record: GlobalInvoiceRecord,
): Promise<GlobalInvoiceRecord> {
  if (record.status !== 'pending') return record;
  const tickets = await Promise.all(record.references.map((r) => deps.tickets.get(tenant.id, r)));
  const held = tickets.map((t, i) => {
    if (t?.status !== 'global' || t.globalInvoiceId !== record.id) {
      throw new Error(`Ticket ${record.references[i]} is not held by global ${record.id}`);
    }
    return t;
  });
  const sales = held.map(saleOf);
  const document: GlobalDocument = {
    fecha: record.fecha,
    emisor: { rfc: tenant.taxId, nombre: tenant.name, regimenFiscal: tenant.taxRegime ?? '' },
    lugarExpedicion: tenant.expeditionPostalCode ?? tenant.address.postalCode,
    moneda: record.currency,
    formaPago: formaPagoOf(held),
    period: {
      periodicidad: '04',
      meses: pad(record.period.month),
      año: String(record.period.year),
    },
    sales,
    ...(record.replaces ? { replaces: [record.replaces.uuid] } : {}),
  };
  const xml = await deps.sealer.seal(document, csd);
  const stamped = await deps.pac.stamp(xml);
  const xmlKey = globalXmlKey(tenant.id, record.id);
  await deps.artifacts.put(xmlKey, new TextEncoder().encode(stamped.xml), 'application/xml');
  const total = sales
    .reduce(
      (s, l) =>
        s
          .plus(l.subtotal)
          .plus((l.traslados ?? []).reduce((a, t) => a.plus(t.importe ?? 0), new Dec(0))),
      new Dec(0),
    )
    .toFixed(2);
  const at = deps.clock.now().toISOString();
  const next: GlobalInvoiceRecord = {
    ...record,
    status: 'stamped',
    uuid: stamped.uuid,
    stampedAt: stamped.stampedAt,
    xmlKey,
    total,
    version: record.version + 1,
    updatedAt: at,
  };
  if (!(await deps.globals.update(next))) {
    const now = await deps.globals.get(tenant.id, record.id);
    if (now?.status !== 'stamped') throw new ConflictError(`Global ${record.id} changed meanwhile`);
    return now;
  }
  for (const r of record.references) await deps.tickets.confirmGlobal(tenant.id, r, record.id);
  return next;
}

/**
 * A buyer's invoice for a ticket already in a stamped global, in SAT's order: the global is
 * reissued without the ticket (TipoRelacion 04 to the old UUID) and stamped first; the old one is
 * then cancelled with reason 01 naming the new UUID (`FolioSustitucion`); then the ticket leaves
 * the old global and `issue` makes the buyer's own invoice. A global that held only this ticket
 * is cancelled with reason 02 (no substitute). The records point to each other (`replaces` /
 * `replacedBy`), and the ticket ends `invoiced`.
 *
 * One reissue at a time per global: `reissuing` on the old record is a lock (a conditional
 * write) naming the ticket and the replacement's id, so a concurrent reissue for another ticket
 * answers 409 and is tried again. Until the ticket is claimed every step can be taken again: a
 * PAC that fails or a process that dies leaves the lock, and the next approval of the same
 * ticket (at once after a failure, after two minutes when the process died) resumes it with
 * the same replacement — its record fixes its document, so the PAC answers its first stamp —
 * and takes an earlier cancellation (SAT's 202) as done. If the buyer's invoice then fails, the
 * ticket is open again (it is in no global), and the tenant approves its late request again.
 */
export const invoiceFromGlobal =
  (deps: GlobalInvoiceDeps) =>
  async <T>(
    tenantId: string,
    reference: string,
    invoiceId: string,
    issue: () => Promise<T>,
    /** An approval's late request: the ticket leaves the global only while it still awaits. */
    lateRequestAt?: string,
  ): Promise<{ invoice: T; replacement?: GlobalInvoiceRecord; cancelled: GlobalInvoiceRecord }> => {
    const { tenant, csd } = await mexicanTenant(deps, tenantId);
    const ticket = await deps.tickets.get(tenantId, reference);
    if (!ticket) throw new NotFoundError('Ticket', reference);
    const old =
      ticket.globalInvoiceId && (await deps.globals.get(tenantId, ticket.globalInvoiceId));
    if (ticket.status !== 'global' || !old) {
      throw new ConflictError(`Ticket ${reference} is not in a global invoice`);
    }
    if (!old.uuid || ticket.claimedAt) {
      throw new ConflictError(
        `The global invoice of ticket ${reference} is being issued; try again shortly`,
      );
    }
    let lock = await lockForReissue(deps, tenant, old, reference);
    const { replacementId } = lock.reissuing!;
    try {
      let replacement: GlobalInvoiceRecord | undefined;
      if (replacementId) {
        const draft = await replacementDraft(deps, tenant, lock, replacementId);
        for (const r of draft.references) {
          // False once moved: a resumed reissue moves what the first one did not.
          await deps.tickets.moveGlobal(tenantId, r, old.id, draft.id, draft.createdAt);
        }
        replacement = await stampGlobal(deps, tenant, csd, draft);
      }
      if (lock.status !== 'cancelled') lock = await cancelReplaced(deps, tenant, lock, replacement);
      const at = deps.clock.now().toISOString();
      const claimed = await deps.tickets.claimFromGlobal(
        tenantId,
        reference,
        old.id,
        invoiceId,
        at,
        lateRequestAt,
      );
      if (!claimed) {
        throw new ConflictError(
          `Ticket ${reference} left the global invoice, or its late request was declined, meanwhile`,
        );
      }
      const cancelled = await updateOrThrow(deps, unlock(lock));
      lock = cancelled;
      let invoice: T;
      try {
        invoice = await issue();
      } catch (e) {
        await deps.tickets.release(tenantId, reference, invoiceId);
        throw e;
      }
      await deps.tickets.confirm(tenantId, reference, invoiceId);
      return { invoice, ...(replacement ? { replacement } : {}), cancelled };
    } catch (e) {
      // The lock stays, marked failed: the next approval of this ticket resumes at once (once
      // unlocked, the ticket is open again or invoiced: nothing to resume).
      if (lock.reissuing) {
        await deps.globals.update({
          ...lock,
          reissuing: { ...lock.reissuing, failed: true },
          version: lock.version + 1,
        });
      }
      throw e;
    }
  };

/** A global's reissue may be taken over when it failed, or when its process died long ago. */
const STALE_REISSUE_MS = 2 * 60_000;

/**
 * Takes the old global's lock for a reissue without `reference`, or resumes the lock of an
 * earlier attempt for the same ticket that failed or died.
 */
async function lockForReissue(
  deps: GlobalInvoiceDeps,
  tenant: Tenant,
  old: GlobalInvoiceRecord,
  reference: string,
): Promise<GlobalInvoiceRecord> {
  const now = deps.clock.now();
  const held = old.reissuing;
  const busy = () =>
    new ConflictError(`The global invoice ${old.id} is being reissued; try again shortly`);
  if (held) {
    const stale = Date.parse(held.at) < now.getTime() - STALE_REISSUE_MS;
    if (held.reference !== reference || !(held.failed || stale)) throw busy();
  } else if (old.status !== 'stamped') throw busy();
  const rest = old.references.filter((r) => r !== reference);
  let replacementId = held?.replacementId;
  if (!held && rest.length) {
    const reissues = (await deps.globals.list(tenant.id)).filter((g) =>
      g.id.startsWith(`${globalId(old.period)}_r`),
    ).length;
    replacementId = `${globalId(old.period)}_r${reissues + 1}`;
  }
  const at = now.toISOString();
  const locked: GlobalInvoiceRecord = {
    ...old,
    reissuing: { reference, at, ...(replacementId ? { replacementId } : {}) },
    version: old.version + 1,
    updatedAt: at,
  };
  if (!(await deps.globals.update(locked))) throw busy();
  return locked;
}

/** The replacement's record: the one an earlier attempt wrote, or a new one. */
async function replacementDraft(
  deps: GlobalInvoiceDeps,
  tenant: Tenant,
  old: GlobalInvoiceRecord,
  id: string,
): Promise<GlobalInvoiceRecord> {
  const written = await deps.globals.get(tenant.id, id);
  if (written) return written;
  const now = deps.clock.now();
  const at = now.toISOString();
  const draft: GlobalInvoiceRecord = {
    id,
    tenantId: tenant.id,
    period: old.period,
    status: 'pending',
    references: old.references.filter((r) => r !== old.reissuing?.reference),
    fecha: localDateTime(tenant.timezone, now),
    currency: old.currency,
    replaces: { id: old.id, uuid: old.uuid! },
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  if (await deps.globals.create(draft)) return draft;
  const other = await deps.globals.get(tenant.id, id);
  if (!other) throw new ConflictError(`Global ${id} exists already; try again`);
  return other;
}

/** Cancels the replaced global at SAT (01 naming its replacement, or 02) and records it. */
async function cancelReplaced(
  deps: GlobalInvoiceDeps,
  tenant: Tenant,
  lock: GlobalInvoiceRecord,
  replacement: GlobalInvoiceRecord | undefined,
): Promise<GlobalInvoiceRecord> {
  const reason = replacement ? '01' : '02';
  const substitute = replacement?.uuid;
  let at: string;
  try {
    const request = { issuerRfc: tenant.taxId, uuid: lock.uuid!, reason } as const;
    at = (await deps.pac.cancel({ ...request, ...(substitute ? { substitute } : {}) })).at;
  } catch (e) {
    // 202: cancelled already, by an attempt that died before recording it.
    if (!(e instanceof PacRejectedError && e.pacCode === '202')) throw e;
    at = deps.clock.now().toISOString();
  }
  return updateOrThrow(deps, {
    ...lock,
    status: 'cancelled',
    ...(replacement ? { replacedBy: replacement.id } : {}),
    cancellation: { reason, ...(substitute ? { substitute } : {}), at },
  });
}

/** Writes the next version of a record this flow holds the lock of. */
async function updateOrThrow(
  deps: GlobalInvoiceDeps,
  record: GlobalInvoiceRecord,
): Promise<GlobalInvoiceRecord> {
  const next = {
    ...record,
    version: record.version + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  if (!(await deps.globals.update(next))) {
    throw new ConflictError(`Global ${record.id} changed meanwhile; try again`);
  }
  return next;
}

function unlock(r: GlobalInvoiceRecord): GlobalInvoiceRecord {
  const { reissuing: _r, ...rest } = r;
  return rest;
}

/** The tenant's globals, newest period first. */
export const listGlobalInvoices =
  (deps: Pick<GlobalInvoiceDeps, 'globals'>) => (tenantId: string) =>
    deps.globals.list(tenantId).then((l) => l.sort((a, b) => b.id.localeCompare(a.id)));

/** A global's stamped XML, the legal original, with the file name to offer it under. */
export const getGlobalInvoiceDocument =
  (deps: Pick<GlobalInvoiceDeps, 'globals' | 'artifacts'>) =>
  async (tenantId: string, id: string): Promise<{ bytes: Uint8Array; fileName: string }> => {
    const record = await deps.globals.get(tenantId, id);
    if (!record) throw new NotFoundError('Global invoice', id);
    const bytes = record.xmlKey && (await deps.artifacts.get(record.xmlKey));
    if (!bytes) {
      throw new ConflictError(
        `Global invoice ${id} is not stamped yet: closing its period again finishes it`,
      );
    }
    return {
      bytes,
      fileName: `factura-global-${id.slice(4)}${record.uuid ? `-${record.uuid}` : ''}.xml`,
    };
  };

/** What clients see of a global, in a stable field order. */
export function globalInvoiceView(g: GlobalInvoiceRecord) {
  return {
    id: g.id,
    period: periodKey(g.period),
    status: g.status,
    ...(g.uuid ? { uuid: g.uuid } : {}),
    ...(g.total ? { total: g.total } : {}),
    currency: g.currency,
    tickets: g.references,
    ...(g.replaces ? { replaces: g.replaces } : {}),
    ...(g.replacedBy ? { replacedBy: g.replacedBy } : {}),
    ...(g.cancellation ? { cancellation: g.cancellation } : {}),
    ...(g.stampedAt ? { stampedAt: g.stampedAt } : {}),
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
  };
}

/** `YYYY-MM` as a period. */
export function parsePeriod(text: string): GlobalPeriod {
  const [year, month] = text.split('-').map(Number) as [number, number];
  return { year, month };
}

/** The tenants that sell in MXN on tickets: those whose months are closed into globals. */
export interface GlobalTenantDirectory {
  /** Idempotent. */
  register(tenantId: string): Promise<void>;
  tenants(): Promise<string[]>;
}

export type GlobalCloseOutcome =
  | { tenantId: string; outcome: 'closed'; id: string; uuid?: string }
  | { tenantId: string; outcome: 'empty' }
  | { tenantId: string; outcome: 'failed'; error: unknown };

/**
 * The schedule's sweep: closes the month before `now` (each tenant's time zone) for every
 * registered tenant. Run daily: the first run after a month ends makes the globals (SAT asks for
 * them within 24 h), later runs find them made (the close is idempotent) or retry a failed one.
 * One tenant's failure (no CSD, PAC down) does not stop the others.
 */
export const closeDueGlobals =
  (deps: GlobalInvoiceDeps & { directory: GlobalTenantDirectory }) =>
  async (): Promise<GlobalCloseOutcome[]> => {
    const close = closeGlobalPeriod(deps);
    const out: GlobalCloseOutcome[] = [];
    for (const tenantId of await deps.directory.tenants()) {
      try {
        const g = await close(tenantId);
        out.push(
          g
            ? { tenantId, outcome: 'closed', id: g.id, ...(g.uuid ? { uuid: g.uuid } : {}) }
            : { tenantId, outcome: 'empty' },
        );
      } catch (error) {
        out.push({ tenantId, outcome: 'failed', error });
      }
    }
    return out;
  };
