import { describe, expect, it } from 'vitest';
import { ApiError, problemToFields, unwrap } from './problem.ts';

const fields = ['taxId', 'name', 'address.line1', 'address.city'];

describe('problem+json on a form', () => {
  it('puts each error next to the field its path names', () => {
    const { byField, unplaced } = problemToFields(
      [
        { path: 'taxId', message: 'Invalid tax id' },
        { path: 'address.city', message: 'Required' },
      ],
      fields,
    );
    expect(byField).toEqual({ taxId: 'Invalid tax id', 'address.city': 'Required' });
    expect(unplaced).toEqual([]);
  });

  it('gives an error on a whole object to its first field, and keeps what fits nowhere', () => {
    const { byField, unplaced } = problemToFields(
      [
        { path: 'address', message: 'Required' },
        { path: 'tariffId', message: 'No such tariff' },
        { path: 'body', message: 'Not JSON' },
      ],
      fields,
    );
    expect(byField).toEqual({ 'address.line1': 'Required' });
    expect(unplaced.map((p) => p.path)).toEqual(['tariffId', 'body']);
  });

  it('joins two errors on one field', () => {
    expect(
      problemToFields(
        [
          { path: 'name', message: 'Too long.' },
          { path: 'name', message: 'Holds U+000B.' },
        ],
        fields,
      ).byField,
    ).toEqual({ name: 'Too long. Holds U+000B.' });
  });
});

describe('unwrap', () => {
  const response = (status: number) => new Response(null, { status });

  it('answers the data of a success', () => {
    expect(unwrap({ data: { id: 'cus_1' }, response: response(200) })).toEqual({ id: 'cus_1' });
  });

  it('throws the problem of a failure, and a bare status when there is none', () => {
    const problem = { type: 'about:blank', title: 'Bad Request', status: 400, errors: [] };
    expect(() => unwrap({ error: problem, response: response(400) })).toThrow(
      expect.objectContaining({ status: 400, problem }),
    );
    const bare = (() => {
      try {
        unwrap({ error: 'Bad Gateway', response: response(502) });
      } catch (e) {
        return e;
      }
    })();
    expect(bare).toBeInstanceOf(ApiError);
    expect(bare).toMatchObject({ status: 502, problem: undefined });
  });
});
