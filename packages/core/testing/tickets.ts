import type { Page } from '../src/shared/page.ts';
import type {
  LateRequest,
  Ticket,
  TicketListQuery,
  TicketRepository,
} from '../src/tickets/model.ts';

/**
 * In-memory tickets for unit tests, keeping the adapter's contract: `createNew` writes only free
 * references and answers the taken ones. `raceBeforeCreate` lets a test put a competing ticket in
 * between an import's read and its write, as a concurrent request would.
 */
export class InMemoryTickets implements TicketRepository {
  readonly items = new Map<string, Ticket>();
  raceBeforeCreate?: () => void;

  private key = (tenantId: string, reference: string) => `${tenantId}/${reference}`;

  put(ticket: Ticket) {
    this.items.set(this.key(ticket.tenantId, ticket.reference), structuredClone(ticket));
  }

  async getMany(tenantId: string, references: readonly string[]) {
    return references.flatMap((r) => {
      const t = this.items.get(this.key(tenantId, r));
      return t ? [structuredClone(t)] : [];
    });
  }

  async get(tenantId: string, reference: string) {
    const t = this.items.get(this.key(tenantId, reference));
    return t && structuredClone(t);
  }

  async createNew(tickets: readonly Ticket[]) {
    this.raceBeforeCreate?.();
    this.raceBeforeCreate = undefined;
    const taken: string[] = [];
    for (const t of tickets) {
      if (this.items.has(this.key(t.tenantId, t.reference))) taken.push(t.reference);
      else this.put(t);
    }
    return { taken };
  }

  async takeBack(tenantId: string, references: readonly string[], importId: string) {
    for (const r of references) {
      const t = this.items.get(this.key(tenantId, r));
      if (t?.importId === importId && t.status === 'open') this.items.delete(this.key(tenantId, r));
    }
  }

  async claim(
    tenantId: string,
    reference: string,
    invoiceId: string,
    at: string,
    staleBefore: string,
    lateRequestAt?: string,
  ) {
    const t = this.items.get(this.key(tenantId, reference));
    const stale =
      t?.status === 'invoiced' && t.claimedAt !== undefined && t.claimedAt < staleBefore;
    if (!t || (t.status !== 'open' && !stale)) return false;
    if (lateRequestAt && t.lateRequest?.requestedAt !== lateRequestAt) return false;
    this.put({ ...t, status: 'invoiced', invoiceId, claimedAt: at, updatedAt: at });
    return true;
  }

  async requestLate(tenantId: string, reference: string, request: LateRequest) {
    const t = this.items.get(this.key(tenantId, reference));
    if ((t?.status !== 'open' && t?.status !== 'global') || t.lateRequest) return false;
    this.put({ ...t, lateRequest: request });
    return true;
  }

  async confirm(tenantId: string, reference: string, invoiceId: string) {
    const t = this.items.get(this.key(tenantId, reference));
    if (t?.invoiceId === invoiceId) {
      const { claimedAt: _c, lateRequest: _l, ...rest } = t;
      this.put(rest);
    }
  }

  async release(tenantId: string, reference: string, invoiceId: string) {
    const t = this.items.get(this.key(tenantId, reference));
    if (t?.invoiceId === invoiceId && t.claimedAt) {
      const { claimedAt: _c, invoiceId: _i, ...rest } = t;
      this.put({ ...rest, status: 'open' });
    }
  }

  async claimForGlobal(tenantId: string, reference: string, globalId: string, at: string) {
    const t = this.items.get(this.key(tenantId, reference));
    if (t?.status === 'global' && t.globalInvoiceId === globalId) return true;
    if (t?.status !== 'open' || t.lateRequest) return false;
    this.put({ ...t, status: 'global', globalInvoiceId: globalId, claimedAt: at, updatedAt: at });
    return true;
  }

  async confirmGlobal(tenantId: string, reference: string, globalId: string) {
    const t = this.items.get(this.key(tenantId, reference));
    if (t?.status === 'global' && t.globalInvoiceId === globalId) {
      const { claimedAt: _c, ...rest } = t;
      this.put(rest);
    }
  }

  async releaseGlobal(tenantId: string, reference: string, globalId: string) {
    const t = this.items.get(this.key(tenantId, reference));
    if (t?.status === 'global' && t.globalInvoiceId === globalId && t.claimedAt) {
      const { claimedAt: _c, globalInvoiceId: _g, ...rest } = t;
      this.put({ ...rest, status: 'open' });
    }
  }

  async moveGlobal(tenantId: string, reference: string, fromId: string, toId: string, at: string) {
    const t = this.items.get(this.key(tenantId, reference));
    if (t?.status !== 'global' || t.globalInvoiceId !== fromId) return false;
    this.put({ ...t, globalInvoiceId: toId, claimedAt: at, updatedAt: at });
    return true;
  }

  async claimFromGlobal(
    tenantId: string,
    reference: string,
    globalId: string,
    invoiceId: string,
    at: string,
    lateRequestAt?: string,
  ) {
    const t = this.items.get(this.key(tenantId, reference));
    if (t?.status !== 'global' || t.globalInvoiceId !== globalId || t.claimedAt) return false;
    if (lateRequestAt && t.lateRequest?.requestedAt !== lateRequestAt) return false;
    const { globalInvoiceId: _g, ...rest } = t;
    this.put({ ...rest, status: 'invoiced', invoiceId, claimedAt: at, updatedAt: at });
    return true;
  }

  async list(tenantId: string, query: TicketListQuery): Promise<Page<Ticket>> {
    const items = [...this.items.values()]
      .filter((t) => t.tenantId === tenantId)
      .filter((t) => !query.status || t.status === query.status)
      .filter((t) => !query.store || t.store === query.store)
      .sort((a, b) => b.soldAt.localeCompare(a.soldAt))
      .slice(0, query.limit);
    return { items };
  }
}
