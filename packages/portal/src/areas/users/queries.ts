import { useQuery } from '@tanstack/react-query';
import { type components, unwrap, useApi } from '../../api/index.ts';
import { allPages } from '../tasks/queries.ts';

export type Member = components['schemas']['Member'];
export type Role = Member['role'];
export const ROLES: readonly Role[] = ['owner', 'admin', 'accountant', 'technician', 'readOnly'];

/** Every query of this area starts with this key, so a change refreshes them all. */
export const USERS = ['users'] as const;

/** The tenant's members (a company has a handful: all of them at once). */
export function useMembers() {
  const api = useApi();
  return useQuery({
    queryKey: [...USERS, 'list'],
    queryFn: () =>
      allPages(async (cursor) =>
        unwrap(
          await api.GET('/v1/users', {
            params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } },
          }),
        ),
      ),
  });
}
