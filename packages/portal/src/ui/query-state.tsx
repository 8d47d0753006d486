import type { ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { EmptyState, ErrorState, Loading } from './states.tsx';

/** What `QueryState` reads of a TanStack query result (plain or infinite). */
export interface QueryLike<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => unknown;
}

/**
 * Several queries as one: pending while any is, failed when any failed (the first error shown,
 * a retry asks them all again), their data together once every one has answered.
 */
export function allOf<T extends unknown[]>(
  ...queries: { [K in keyof T]: QueryLike<T[K]> }
): QueryLike<T> {
  const data = queries.map((q) => q.data);
  return {
    isPending: queries.some((q) => q.isPending),
    isError: queries.some((q) => q.isError),
    error: queries.find((q) => q.isError)?.error,
    data: data.every((d) => d !== undefined) ? (data as T) : undefined,
    refetch: () => Promise.all(queries.map((q) => q.refetch())),
  };
}

/**
 * A query's three other states around its content: loading, its error with a retry that fetches
 * it again, and (when `isEmpty` says so) `empty` with its `emptyAction`.
 */
export function QueryState<T>({
  query,
  isEmpty,
  empty,
  emptyAction,
  children,
}: {
  query: QueryLike<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  emptyAction?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) return null;
  if (isEmpty?.(query.data)) return <EmptyState action={emptyAction}>{empty}</EmptyState>;
  return <>{children(query.data)}</>;
}

/** The next page of an infinite query, offered while there is one. */
export function LoadMore({
  query,
  label,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
  label: string;
}) {
  if (!query.hasNextPage) return null;
  return (
    <Button
      className="button secondary"
      isPending={query.isFetchingNextPage}
      onPress={() => void query.fetchNextPage()}
    >
      {label}
    </Button>
  );
}
