import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { formBody, zodProblems } from './values.ts';

describe('a form as the API body', () => {
  it('nests dotted names and leaves empty fields out', () => {
    expect(
      formBody([
        ['taxId', 'B12345674'],
        ['email', ''],
        ['address.city', 'Madrid'],
        ['address.line2', ''],
        ['address.country', 'ES'],
      ]),
    ).toEqual({ taxId: 'B12345674', address: { city: 'Madrid', country: 'ES' } });
  });

  it('sends null for a cleared field the API removes that way', () => {
    expect(
      formBody(
        [
          ['email', ''],
          ['name', 'X'],
        ],
        ['email'],
      ),
    ).toEqual({ email: null, name: 'X' });
  });

  it('names zod issues by the same paths as the API', () => {
    const schema = z.object({ address: z.object({ city: z.string().min(1) }) }).strict();
    const result = schema.safeParse({ address: { city: '' }, extra: 1 });
    expect(result.success).toBe(false);
    expect(zodProblems(result.error!, {}).map((p) => p.path)).toEqual(['address.city', 'extra']);
  });

  it('calls a missing field required, in the words given, and a wrong one what zod says', () => {
    const body = { n: 'x', address: {} };
    const schema = z.object({
      name: z.string(),
      n: z.number(),
      address: z.object({ city: z.string() }),
    });
    const result = schema.safeParse(body);
    expect(zodProblems(result.error!, body, 'Obligatorio')).toEqual([
      { path: 'name', message: 'Obligatorio' },
      { path: 'n', message: expect.stringContaining('number') },
      { path: 'address.city', message: 'Obligatorio' },
    ]);
  });
});
