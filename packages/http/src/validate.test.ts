import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { parseWith } from './validate.ts';

const Body = z.object({ name: z.string(), address: z.object({ city: z.string() }) }).strict();

describe('parseWith', () => {
  it('names nested fields with dotted paths and each unknown key on its own', () => {
    try {
      parseWith(Body, { name: 1, address: { city: 2 }, extra: true, more: 1 }, '');
      expect.unreachable();
    } catch (e) {
      expect((e as { errors: unknown }).errors).toEqual([
        { path: 'name', message: 'Invalid input: expected string, received number' },
        { path: 'address.city', message: 'Invalid input: expected string, received number' },
        { path: 'extra', message: 'Unknown field' },
        { path: 'more', message: 'Unknown field' },
      ]);
    }
  });

  it('prefixes query and path parameters, and calls a non-object body `body`', () => {
    expect(() =>
      parseWith(z.object({ limit: z.coerce.number().max(5) }), { limit: '9' }, 'query'),
    ).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ path: 'query.limit' })] }),
    );
    expect(() => parseWith(Body, 'text', '')).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ path: 'body' })] }),
    );
  });
});

describe('parseWith on a union of strict objects', () => {
  const One = z.object({ reference: z.string(), total: z.string() }).strict();
  const Union = z.union([z.object({ items: z.array(One) }).strict(), One]);

  it('names the fields of the branch the input meant, however many are wrong', () => {
    try {
      parseWith(Union, { items: [{ reference: 'a', total: 1 }, { reference: 2 }] }, '');
      expect.unreachable();
    } catch (e) {
      expect((e as { errors: unknown }).errors).toEqual([
        { path: 'items.0.total', message: 'Invalid input: expected string, received number' },
        { path: 'items.1.reference', message: 'Invalid input: expected string, received number' },
        { path: 'items.1.total', message: 'Invalid input: expected string, received undefined' },
      ]);
    }
    expect(() => parseWith(Union, { reference: 1, total: 2 }, '')).toThrow(
      expect.objectContaining({
        errors: [
          expect.objectContaining({ path: 'reference' }),
          expect.objectContaining({ path: 'total' }),
        ],
      }),
    );
  });

  it('says the body is wrong when no branch fits it', () => {
    expect(() => parseWith(Union, { other: true }, '')).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ path: 'body' })] }),
    );
  });
});
