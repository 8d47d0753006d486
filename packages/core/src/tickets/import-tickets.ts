import { ConflictError, type FieldError, ValidationError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
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

const conflict = (errors: FieldError[]) =>
  new ConflictError(
    `${errors.length === 1 ? 'A ticket with this reference exists' : `${errors.length} tickets with these references exist`} with other content`,
    errors,
  );

/**
 * Imports tickets, all or none. Idempotent by reference: a ticket already there with the same
 * content is answered as it is (`created: false`); the same reference with other content is a
 * ConflictError naming its `reference`, and then nothing is written. `batch` says whether the
 * request was a list (paths are `tickets.<i>.…`) or one ticket (paths are the fields').
 *
 * Order of work: every ticket is checked first (a bad one writes nothing), then the references
 * are read in one consistent batch read, then the new ones are written conditioned on their
 * reference being free. A concurrent import of the same references that wins a race in between
 * is found by those conditions: the same content counts as already there; other content takes
 * back what this import wrote and answers the conflict.
 */
export const importTickets =
  (deps: TicketDeps) =>
  async (
    tenantId: string,
    inputs: readonly TicketInput[],
    batch: boolean,
  ): Promise<ImportedTicket[]> => {
    const now = deps.clock.now();
    const path = (i: number, field: string) => (batch ? `tickets.${i}.${field}` : field);
    const errors: FieldError[] = inputs.flatMap((input, i) =>
      ticketProblems(input, now, batch ? `tickets.${i}` : ''),
    );
    // One reference twice in a request: fine when both are the same ticket, else a mistake.
    const firstOf = new Map<string, { index: number; hash: string }>();
    const hashes = inputs.map(contentHash);
    for (const [i, input] of inputs.entries()) {
      const first = firstOf.get(input.reference);
      if (!first) firstOf.set(input.reference, { index: i, hash: hashes[i]! });
      else if (first.hash !== hashes[i]) {
        errors.push({
          path: path(i, 'reference'),
          message: `Also the reference of tickets.${first.index}, with other content`,
        });
      }
    }
    if (errors.length) throw new ValidationError('Invalid tickets', errors);

    const at = now.toISOString();
    const importId = deps.ids.next('imp');
    const unique = [...firstOf.values()].map(({ index }) => inputs[index]!);
    const stored = new Map(
      (await deps.tickets.getMany(tenantId, [...firstOf.keys()])).map((t) => [t.reference, t]),
    );
    const clashes = (references: ReadonlySet<string>, found: ReadonlyMap<string, Ticket>) =>
      inputs.flatMap((input, i) => {
        const held = references.has(input.reference) && found.get(input.reference);
        return held && held.contentHash !== hashes[i]
          ? [
              {
                path: path(i, 'reference'),
                message: `Ticket ${input.reference} exists with other content`,
              },
            ]
          : [];
      });
    const before = clashes(new Set(stored.keys()), stored);
    if (before.length) throw conflict(before);

    const fresh: Ticket[] = unique
      .filter((input) => !stored.has(input.reference))
      .map((input) => ({
        ...input,
        id: ticketId(input.reference),
        tenantId,
        status: 'open',
        soldAt: new Date(input.date).toISOString(),
        contentHash: firstOf.get(input.reference)!.hash,
        importId,
        createdAt: at,
        updatedAt: at,
      }));
    const { taken } = await deps.tickets.createNew(fresh);
    const raced = new Set(taken);
    if (raced.size) {
      const winners = new Map(
        (await deps.tickets.getMany(tenantId, taken)).map((t) => [t.reference, t]),
      );
      const after = clashes(raced, winners);
      if (after.length) {
        const written = fresh.filter((t) => !raced.has(t.reference)).map((t) => t.reference);
        await deps.tickets.takeBack(tenantId, written, importId);
        throw conflict(after);
      }
      for (const [reference, ticket] of winners) stored.set(reference, ticket);
    }
    const created = new Map(
      fresh.filter((t) => !raced.has(t.reference)).map((t) => [t.reference, t]),
    );
    return inputs.map((input) => {
      const mine = created.get(input.reference);
      return mine
        ? { ticket: mine, created: true }
        : { ticket: stored.get(input.reference)!, created: false };
    });
  };
