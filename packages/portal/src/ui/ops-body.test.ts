import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem.ts';
import { formBody } from '../forms/values.ts';
import { indexedToArrays, renameProblemPaths } from './ops-body.ts';

describe('indexed form names as arrays', () => {
  it('turns `lines.0.x` into an array, nested, in index order', () => {
    const body = formBody([
      ['name', 'Mantenimiento'],
      ['template.lines.1.description', 'Segunda'],
      ['template.lines.0.description', 'Primera'],
      ['template.lines.0.taxes.0.type', 'IVA'],
      ['template.lines.0.taxes.0.rate', '21'],
    ]);
    expect(indexedToArrays(body)).toEqual({
      name: 'Mantenimiento',
      template: {
        lines: [
          { description: 'Primera', taxes: [{ type: 'IVA', rate: '21' }] },
          { description: 'Segunda' },
        ],
      },
    });
  });

  it('closes the gap a removed row leaves, and sorts 10 after 9', () => {
    const indexes = [0, 2, 9, 10];
    const body = formBody(indexes.map((i) => [`lines.${i}.q`, String(i)]));
    expect(indexedToArrays(body)).toEqual({
      lines: [{ q: '0' }, { q: '2' }, { q: '9' }, { q: '10' }],
    });
  });

  it('leaves objects keyed by ids alone', () => {
    expect(indexedToArrays({ prices: { prd_1: '10', '2x': '3' } })).toEqual({
      prices: { prd_1: '10', '2x': '3' },
    });
  });
});

describe('problem paths renamed for the form', () => {
  const problem = {
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: 'Invalid',
    errors: [
      { path: 'customerIds.2', message: 'No such customer' },
      { path: 'name', message: 'Required' },
    ],
  };

  it('renames each error path and keeps the rest of the problem', () => {
    const renamed = renameProblemPaths(new ApiError(400, problem), (p) =>
      p.replace(/^customerIds\.\d+$/, 'customerIds'),
    );
    expect(renamed).toBeInstanceOf(ApiError);
    expect(renamed).toMatchObject({
      status: 400,
      problem: {
        detail: 'Invalid',
        errors: [
          { path: 'customerIds', message: 'No such customer' },
          { path: 'name', message: 'Required' },
        ],
      },
    });
  });

  it('passes other failures through as they are', () => {
    const network = new TypeError('fetch failed');
    expect(renameProblemPaths(network, () => 'x')).toBe(network);
    const bare = new ApiError(502, undefined);
    expect(renameProblemPaths(bare, () => 'x')).toBe(bare);
  });
});
