import { describe, expect, it, vi } from 'vitest';
import { allOf, type QueryLike } from './query-state.tsx';

const query = <T>(state: Partial<QueryLike<T>>): QueryLike<T> => ({
  isPending: false,
  isError: false,
  error: null,
  data: undefined,
  refetch: vi.fn(),
  ...state,
});

describe('several queries as one', () => {
  it('waits for every one and then gives their data in order', () => {
    expect(allOf(query({ data: 1 }), query({ isPending: true })).isPending).toBe(true);
    const both = allOf(query({ data: 1 }), query({ data: 'a' }));
    expect(both.isPending).toBe(false);
    expect(both.data).toEqual([1, 'a']);
  });

  it('fails with the first error and retries them all', () => {
    const a = query({ data: 1 });
    const b = query<string>({ isError: true, error: new Error('b') });
    const combined = allOf(a, b);
    expect(combined.isError).toBe(true);
    expect(combined.error).toEqual(new Error('b'));
    expect(combined.data).toBeUndefined();
    void combined.refetch();
    expect(a.refetch).toHaveBeenCalledOnce();
    expect(b.refetch).toHaveBeenCalledOnce();
  });
});
