import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import { type ImportKind, importByReference } from '../shared/import-by-reference.ts';
import type { Ticket, TicketInput, TicketRepository } from './model.ts';
import { contentHash, ticketId, ticketProblems } from './validate.ts';

export interface TicketDeps {
  tickets: TicketRepository;
  clock: Clock;
  ids: IdGenerator;
}

/** The most tickets one request imports: about 1 MB of JSON, well inside 30 s and 6 MB. */
export const MAX_TICKETS_PER_IMPORT = 1000;

export interface ImportedTicket {
  ticket: Ticket;
  /** false when the ticket was there already with the same content (a repeated import). */
  created: boolean;
}

/**
 * Imports tickets, all or none, idempotent by reference (see `importByReference`): the same
 * reference with the same content is answered as it is, with other content it is a 409 naming
 * its `reference`. `batch` says whether the request was `{tickets: […]}` or one ticket.
 */
export const importTickets =
  (deps: TicketDeps) =>
  async (
    tenantId: string,
    inputs: readonly TicketInput[],
    batch: boolean,
  ): Promise<ImportedTicket[]> => {
    const now = deps.clock.now();
    const at = now.toISOString();
    const kind: ImportKind<TicketInput, Ticket> = {
      noun: 'ticket',
      list: 'tickets',
      problems: (input, prefix) => ticketProblems(input, now, prefix),
      hash: contentHash,
      build: (input, hash, importId) => ({
        ...input,
        id: ticketId(input.reference),
        tenantId,
        status: 'open',
        soldAt: new Date(input.date).toISOString(),
        contentHash: hash,
        importId,
        createdAt: at,
        updatedAt: at,
      }),
    };
    const imported = await importByReference(deps.tickets, kind, {
      tenantId,
      inputs,
      batch,
      importId: deps.ids.next('imp'),
    });
    return imported.map(({ record, created }) => ({ ticket: record, created }));
  };
