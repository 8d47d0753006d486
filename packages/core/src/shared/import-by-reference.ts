import { ConflictError, type FieldError, ValidationError } from '../errors.ts';

/** A record a client names by its own reference (a ticket's number, a payment's reference). */
export interface Referenced {
  reference: string;
  /** Of the record's content as sent: a second import with other content is refused. */
  contentHash: string;
}

/** Where such records are kept, unique per (tenant, reference). */
export interface ReferencedStore<T extends Referenced> {
  /** The stored records of these references (consistent reads); missing ones are left out. */
  getMany(tenantId: string, references: readonly string[]): Promise<T[]>;
  /** Writes each record only if its reference is free; answers the references found taken. */
  createNew(records: readonly T[]): Promise<{ taken: string[] }>;
  /** Deletes what import `importId` wrote of these references, where nothing happened to it yet. */
  takeBack(tenantId: string, references: readonly string[], importId: string): Promise<void>;
}

/** What one kind of record brings to an import. */
export interface ImportKind<I extends { reference: string }, T extends Referenced> {
  /** The noun in messages: `ticket`. */
  noun: string;
  /** The request's list field, which names a record of a batch in paths: `tickets.3.total`. */
  list: string;
  /** The record's problems beyond its shape; `prefix` names it in a batch (`tickets.3`). */
  problems(input: I, prefix: string): FieldError[];
  hash(input: I): string;
  build(input: I, hash: string, importId: string): T;
}

export interface Imported<T> {
  record: T;
  /** false when the record was there already with the same content (a repeated import). */
  created: boolean;
}

/**
 * Imports records, all or none. Idempotent by reference: a record already there with the same
 * content is answered as it is (`created: false`); the same reference with other content is a
 * ConflictError naming its `reference`, and then nothing is written. `batch` says whether the
 * request was a list (paths are `<list>.<i>.…`) or one record (paths are the fields').
 *
 * Order of work: every record is checked first (a bad one writes nothing), then the references
 * are read in one consistent batch read, then the new ones are written conditioned on their
 * reference being free. A concurrent import of the same references that wins a race in between
 * is found by those conditions: the same content counts as already there; other content takes
 * back what this import wrote and answers the conflict.
 */
export async function importByReference<I extends { reference: string }, T extends Referenced>(
  store: ReferencedStore<T>,
  kind: ImportKind<I, T>,
  request: { tenantId: string; inputs: readonly I[]; batch: boolean; importId: string },
): Promise<Imported<T>[]> {
  const { tenantId, inputs, batch, importId } = request;
  const path = (i: number, field: string) => (batch ? `${kind.list}.${i}.${field}` : field);
  const errors: FieldError[] = inputs.flatMap((input, i) =>
    kind.problems(input, batch ? `${kind.list}.${i}` : ''),
  );
  // One reference twice in a request: fine when both are the same record, else a mistake.
  const firstOf = new Map<string, { index: number; hash: string }>();
  const hashes = inputs.map((input) => kind.hash(input));
  for (const [i, input] of inputs.entries()) {
    const first = firstOf.get(input.reference);
    if (!first) firstOf.set(input.reference, { index: i, hash: hashes[i]! });
    else if (first.hash !== hashes[i]) {
      errors.push({
        path: path(i, 'reference'),
        message: `Also the reference of ${kind.list}.${first.index}, with other content`,
      });
    }
  }
  if (errors.length) throw new ValidationError(`Invalid ${kind.list}`, errors);

  const Noun = kind.noun[0]!.toUpperCase() + kind.noun.slice(1);
  const conflict = (found: FieldError[]) =>
    new ConflictError(
      found.length === 1
        ? `A ${kind.noun} with this reference exists with other content`
        : `${found.length} ${kind.list} with these references exist with other content`,
      found,
    );
  const unique = [...firstOf.values()].map(({ index }) => inputs[index]!);
  const stored = new Map(
    (await store.getMany(tenantId, [...firstOf.keys()])).map((t) => [t.reference, t]),
  );
  const clashes = (references: ReadonlySet<string>, found: ReadonlyMap<string, T>) =>
    inputs.flatMap((input, i) => {
      const held = references.has(input.reference) && found.get(input.reference);
      return held && held.contentHash !== hashes[i]
        ? [
            {
              path: path(i, 'reference'),
              message: `${Noun} ${input.reference} exists with other content`,
            },
          ]
        : [];
    });
  const before = clashes(new Set(stored.keys()), stored);
  if (before.length) throw conflict(before);

  const fresh = unique
    .filter((input) => !stored.has(input.reference))
    .map((input) => kind.build(input, firstOf.get(input.reference)!.hash, importId));
  const { taken } = await store.createNew(fresh);
  const raced = new Set(taken);
  if (raced.size) {
    const winners = new Map((await store.getMany(tenantId, taken)).map((t) => [t.reference, t]));
    const after = clashes(raced, winners);
    if (after.length) {
      const written = fresh.filter((t) => !raced.has(t.reference)).map((t) => t.reference);
      await store.takeBack(tenantId, written, importId);
      throw conflict(after);
    }
    for (const [reference, record] of winners) stored.set(reference, record);
  }
  const created = new Map(
    fresh.filter((t) => !raced.has(t.reference)).map((t) => [t.reference, t]),
  );
  return inputs.map((input) => {
    const mine = created.get(input.reference);
    return mine
      ? { record: mine, created: true }
      : { record: stored.get(input.reference)!, created: false };
  });
}
